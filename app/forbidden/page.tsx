import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";

export default async function Forbidden() {
  const user = await requirePageUser();
  return (
    <div className="panel" style={{ maxWidth: 560 }}>
      <h1>403 — not allowed</h1>
      <p className="sub">Your role ({user.role}) cannot open that page. <Link href="/">Go to your start page</Link>.</p>
    </div>
  );
}
