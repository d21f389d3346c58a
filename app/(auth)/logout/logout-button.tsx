"use client";
import { signOut } from "next-auth/react";

export function LogoutButton() {
  return (
    <button className="primary" onClick={() => signOut({ callbackUrl: "/login" })}>
      Sign out
    </button>
  );
}
