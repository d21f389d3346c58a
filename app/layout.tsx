import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";
import { getCurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { HeaderSignOut } from "./(auth)/logout/logout-button";

export const metadata: Metadata = {
  title: "Attest — L2 speech assessment you can check",
  description: "Multi-rater scoring, model rationales and their audit for L2 speech",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  return (
    <html lang="en">
      <body>
        <header className="top">
          <Link href="/" className="brand">Attest</Link>
          <nav>
            {user && can(user.role, "datasets:read") && <Link href="/datasets">Datasets</Link>}
            {user && can(user.role, "agreement:read") && <Link href="/agreement">Agreement</Link>}
            {user && can(user.role, "models:write") && <Link href="/models">Models</Link>}
            {user && can(user.role, "audits:read") && <Link href="/audits">Audits</Link>}
            {user && user.role === "rater" && <Link href="/queue">My queue</Link>}
            {user && can(user.role, "rounds:write") && <Link href="/rounds">Rounds</Link>}
            {user && can(user.role, "exports:read") && <Link href="/exports">Exports</Link>}
            {user && can(user.role, "users:write") && <Link href="/users">Users</Link>}
            {user && can(user.role, "jobs:write") && <Link href="/jobs">Jobs</Link>}
          </nav>
          <div className="who">
            {user ? (
              <>
                {user.email} <span className="pill">{user.role}</span>
                <Link href="/tokens">API tokens</Link>
                <HeaderSignOut />
              </>
            ) : (
              <Link href="/login">Sign in</Link>
            )}
          </div>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
