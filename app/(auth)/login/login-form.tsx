"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";

export const RATE_LIMITED = "Too many failed sign-ins from your network. Wait a few minutes, then try again.";

export function LoginForm({ callbackUrl, initialError, email }: { callbackUrl: string; initialError: string | null; email?: string }) {
  const [error, setError] = useState<string | null>(initialError);
  const [busy, setBusy] = useState(false);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const form = new FormData(e.currentTarget);
    const res = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false });
    if (res?.ok && !res.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setBusy(false);
    setError(res?.error === "RateLimited" ? RATE_LIMITED : "Wrong email or password, or the account is locked.");
  }
  return (
    // method="post": if scripts have not loaded, a submit must never put the password in the URL.
    <form onSubmit={onSubmit} method="post">
      <label htmlFor="email">Email</label>
      <input id="email" name="email" type="email" autoComplete="username" required autoFocus defaultValue={email} />
      <label htmlFor="password">Password</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required />
      <button className="primary" type="submit" disabled={busy}>{busy ? "Signing in…" : "Sign in"}</button>
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  );
}
