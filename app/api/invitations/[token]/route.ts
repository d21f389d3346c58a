import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { handle } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { acceptInvitation } from "@/lib/services/users";

type Ctx = { params: Promise<{ token: string }> };

// Sets a password through a one-time invitation or reset link: {"password"}. No sign-in: the link's
// secret (256 bits, stored only as its SHA-256) is the credential, and it is used up here.
export const POST = handle(async (req: Request, ctx: Ctx) => {
  const { token } = await ctx.params;
  const body = await readJsonBody(req);
  return NextResponse.json(await acceptInvitation(await getDb(), token, body));
});
