"use client";
import { useState } from "react";
import { formatDateTime } from "@/lib/format/date";

type User = { id: string; email: string; name: string | null; role: "admin" | "researcher" | "rater"; active: boolean; hasPassword: boolean; createdAt: string };
type Link = { url: string; expiresAt: string; for: string; purpose: "invitation" | "reset" };
const ROLES = ["rater", "researcher", "admin"] as const;

async function errorOf(r: Response): Promise<string> {
  const body = await r.json().catch(() => null);
  const e = body?.error;
  if (!e) return `failed (${r.status})`;
  const problems = (e.problems ?? []).map((p: { field?: string; message: string }) => (p.field ? `${p.field}: ${p.message}` : p.message));
  return problems.length ? `${e.message} (${problems.join("; ")})` : e.message;
}

export function UsersPanel({ me, initial }: { me: string; initial: User[] }) {
  const [users, setUsers] = useState(initial);
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<string>("rater");
  const [how, setHow] = useState<"invitation" | "password">("invitation");
  const [password, setPassword] = useState("");
  const [link, setLink] = useState<Link | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function reload() {
    const r = await fetch("/api/users");
    if (r.ok) setUsers((await r.json()).users);
  }

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setNotice(null);
    setLink(null);
    const r = await fetch("/api/users", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, role, ...(name.trim() && { name: name.trim() }), ...(how === "password" && { password }) }),
    });
    if (!r.ok) return setError(await errorOf(r));
    const body = await r.json();
    if (body.invitation) setLink({ ...body.invitation, for: body.user.email, purpose: "invitation" });
    else setNotice(`Created ${body.user.email}; they can sign in with the password you set.`);
    setEmail("");
    setName("");
    setPassword("");
    await reload();
  }

  async function change(u: User, patch: Record<string, unknown>, done: string) {
    setError(null);
    setNotice(null);
    setLink(null);
    const r = await fetch(`/api/users/${u.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(patch) });
    if (!r.ok) {
      setError(await errorOf(r));
      await reload();
      return;
    }
    const body = await r.json();
    if (body.invitation) setLink({ ...body.invitation, for: u.email, purpose: "reset" });
    else setNotice(done);
    await reload();
  }

  async function setPasswordFor(u: User) {
    const pw = window.prompt(`New password for ${u.email} (at least 8 characters)`);
    if (pw) await change(u, { password: pw }, `New password set for ${u.email}.`);
  }

  return (
    <>
      <form className="panel filters" onSubmit={create} aria-label="new user">
        <label>Email <input id="new-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} /></label>
        <label>Name <input id="new-name" value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label>Role <select id="new-role" value={role} onChange={(e) => setRole(e.target.value)}>{ROLES.map((r) => <option key={r}>{r}</option>)}</select></label>
        <label><input type="radio" name="how" checked={how === "invitation"} onChange={() => setHow("invitation")} /> invitation link</label>
        <label><input type="radio" name="how" id="how-password" checked={how === "password"} onChange={() => setHow("password")} /> set a password</label>
        {how === "password" && <label>Password <input id="new-password" type="password" minLength={8} required value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" /></label>}
        <button type="submit">Create user</button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {notice && <p className="panel" role="status">{notice}</p>}
      {link && (
        <div className="panel" role="status" id="one-time-link">
          <p>
            {link.purpose === "invitation" ? "Invitation" : "Password reset"} link for <b>{link.for}</b> — shown only now; send it to them.
            It works once, until {formatDateTime(link.expiresAt)}.
          </p>
          <input readOnly value={link.url} id="link-url" style={{ width: "100%" }} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" onClick={() => navigator.clipboard?.writeText(link.url)}>Copy</button>
        </div>
      )}
      <div className="panel scroll">
        <table>
          <thead><tr><th>Email</th><th>Name</th><th>Role</th><th>Status</th><th>Password</th><th></th></tr></thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-email={u.email}>
                <td>{u.email}{u.id === me && <span className="pill">you</span>}</td>
                <td>{u.name ?? ""}</td>
                <td>
                  <select aria-label={`role of ${u.email}`} value={u.role} disabled={u.id === me} onChange={(e) => change(u, { role: e.target.value }, `${u.email} is now ${e.target.value}.`)}>
                    {ROLES.map((r) => <option key={r}>{r}</option>)}
                  </select>
                </td>
                <td>{u.active ? "active" : <span className="s-bad">deactivated</span>}</td>
                <td>{u.hasPassword ? "set" : <span className="legend">waiting for link</span>}</td>
                <td>
                  {u.id !== me && (
                    <button type="button" onClick={() => change(u, { active: !u.active }, `${u.email} is ${u.active ? "deactivated" : "active again"}.`)}>
                      {u.active ? "Deactivate" : "Activate"}
                    </button>
                  )}{" "}
                  {u.id !== me && <button type="button" onClick={() => change(u, { resetPassword: true }, "")}>Reset link</button>}{" "}
                  <button type="button" onClick={() => setPasswordFor(u)}>Set password</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
