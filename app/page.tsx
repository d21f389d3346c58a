import { redirect } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";

export default async function Home() {
  const user = await requirePageUser();
  redirect(can(user.role, "datasets:read") ? "/datasets" : "/queue");
}
