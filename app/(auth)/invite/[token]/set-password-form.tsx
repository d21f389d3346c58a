"use client";
import { useState } from "react";

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    if (password !== again) return setError("The two passwords differ.");
    const r = await fetch(`/api/invitations/${encodeURIComponent(token)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ password }),
    });
    if (!r.ok) {
      const body = await r.json().catch(() => null);
      return setError(body?.error?.problems?.[0]?.message ?? body?.error?.message ?? `failed (${r.status})`);
    }
    setDone(true);
  }

  if (done) {
    return (
      <p role="status">
        Your password is set. <a href={`/login?email=${encodeURIComponent(email)}`} id="to-sign-in">Sign in</a>
      </p>
    );
  }
  return (
    <form onSubmit={submit}>
      <input type="email" autoComplete="username" value={email} readOnly hidden />
      <label>New password <input id="password" type="password" autoComplete="new-password" minLength={8} required value={password} onChange={(e) => setPassword(e.target.value)} /></label>
      <label>Again <input id="password-again" type="password" autoComplete="new-password" minLength={8} required value={again} onChange={(e) => setAgain(e.target.value)} /></label>
      {error && <p className="error" role="alert">{error}</p>}
      <button type="submit">Set password</button>
    </form>
  );
}
