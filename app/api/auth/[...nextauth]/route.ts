import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// next-auth's handler is built per request so the options (secret from the data dir) load lazily.
type Ctx = { params: Promise<{ nextauth: string[] }> };
async function handler(req: Request, ctx: Ctx) {
  return NextAuth(req as never, { params: await ctx.params } as never, authOptions());
}

export { handler as GET, handler as POST };
