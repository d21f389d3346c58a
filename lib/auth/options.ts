// next-auth configuration: email + password (Credentials), JWT sessions that expire and that name a
// server-side session (lib/auth/sessions.ts), ended by signing out.
import type { NextAuthOptions, Session } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client";
import { authenticate } from "@/lib/services/users";
import { CredentialsSchema } from "@/lib/schemas/user";
import { authSecret } from "@/lib/auth/secret";
import { clientAddress } from "@/lib/http/client-address";
import type { RoleName } from "@/lib/auth/permissions";
import { endSession, openSession, liveSessionUser } from "@/lib/auth/sessions";

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
          // A sign-in: the token names the server-side session it opens.
          token.uid = user.id;
          token.role = (user as unknown as { role: RoleName }).role;
          token.sid = await openSession(await getDb(), user.id, SESSION_MAX_AGE_SECONDS);
        }
        return token;
      },
      // GET /api/auth/session: the live session's user as the database has it now, or nothing (as
      // for a stranger) when the session was ended. Pages and routes ask lib/auth/session.ts.
      async session({ session, token }) {
        const none = {} as Session;
        if (typeof token.sid !== "string" || typeof token.uid !== "string") return none;
        let user;
        try {
          user = await liveSessionUser(await getDb(), token.sid, token.uid);
        } catch {
          return none; // cannot tell now (database unreachable): not signed in, and the cookie stays
        }
        if (!user) return none;
        return { ...session, user: { ...session.user, id: user.id, email: user.email, name: user.name ?? user.email, role: user.role } };
      },
    },
    events: {
      // Signing out ends the server-side session: a copy of the cookie no longer works.
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(await getDb(), token.sid);
      },
    },
  };
  return options;
}
