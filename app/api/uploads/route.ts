import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { createUpload } from "@/lib/services/uploads";

// A new upload of recordings (researchers and admins): its id and the limits files must keep to.
export const POST = handle(async () => {
  const user = await requireApiUser("datasets:write");
  return NextResponse.json(await createUpload(user), { status: 201 });
});
