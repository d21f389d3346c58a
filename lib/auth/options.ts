// next-auth configuration: email + password (Credentials), JWT sessions that expire.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client";
import { authenticate } from "@/lib/services/users";
import { CredentialsSchema } from "@/lib/schemas/user";
import { authSecret } from "@/lib/auth/secret";
import { clientAddress } from "@/lib/http/client-address";
import type { RoleName } from "@/lib/auth/permissions";

export const SESSION_MAX_AGE_SECONDS = Number(process.env.ATTEST_SESSION_HOURS || 8) * 3600;

let options: NextAuthOptions | null = null;

export function authOptions(): NextAuthOptions {
  if (options) return options;
  process.env.NEXTAUTH_URL ??= `http://localhost:${process.env.PORT || 3000}`;
  options = {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 15 * 60 },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", signOut: "/logout", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = CredentialsSchema.safeParse(credentials ?? {});
          if (!parsed.success) return null;
          // The route refuses sign-ins whose address is unknown before they get here.
          const address = clientAddress(req?.headers ?? {}) ?? "unknown";
          const user = await authenticate(await getDb(), parsed.data.email, parsed.data.password, address);
          return user ? { id: user.id, email: user.email, name: user.name ?? user.email, role: user.role } : null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.role = (user as unknown as { role: RoleName }).role;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.uid as string, role: token.role as RoleName } };
      },
    },
  };
  return options;
}
