"use client";
import { signOut } from "next-auth/react";

/** The header's sign-out: one click ends the session (the /logout page stays for links to it). */
export function HeaderSignOut() {
  return (
    <button type="button" className="link signout" onClick={() => signOut({ callbackUrl: "/login" })}>
      Sign out
    </button>
  );
}

export function LogoutButton() {
  return (
    <button className="primary" onClick={() => signOut({ callbackUrl: "/login" })}>
      Sign out
    </button>
  );
}
