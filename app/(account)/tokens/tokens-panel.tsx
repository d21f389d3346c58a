"use client";
import { useState } from "react";
import { formatDateTime } from "@/lib/format/date";

type Token = { id: string; name: string; prefix: string; scopes: string[]; createdAt: string; lastUsedAt: string | null; expiresAt: string | null; revokedAt: string | null };

export function TokensPanel({ scopes, initial }: { scopes: string[]; initial: Token[] }) {
  const [tokens, setTokens] = useState(initial);
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [days, setDays] = useState("");
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function reload() {
    const r = await fetch("/api/tokens");
    if (r.ok) setTokens((await r.json()).tokens);
  }

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setCreated(null);
    const r = await fetch("/api/tokens", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, scopes: chosen, ...(days && { expiresInDays: Number(days) }) }),
    });
    const body = await r.json().catch(() => null);
    if (!r.ok) {
      const problems = (body?.error?.problems ?? []).map((p: { field?: string; message: string }) => p.message);
      return setError(`${body?.error?.message ?? `failed (${r.status})`}${problems.length ? ` (${problems.join("; ")})` : ""}`);
    }
    setCreated({ token: body.token, name: body.apiToken.name });
    setName("");
    setChosen([]);
    setDays("");
    await reload();
  }

  async function revoke(t: Token) {
    if (!window.confirm(`Revoke the token "${t.name}"? Scripts using it stop working at once.`)) return;
    const r = await fetch(`/api/tokens/${t.id}`, { method: "DELETE" });
    if (!r.ok) setError(`could not revoke (${r.status})`);
    await reload();
  }

  return (
    <>
      <form className="panel" onSubmit={create} aria-label="new token">
        <div className="filters">
          <label>Name <input id="token-name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. nightly import" /></label>
          <label>Expires after <input id="token-days" type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} style={{ width: "6em" }} /> days (empty: until revoked)</label>
        </div>
        <fieldset>
          <legend>Scopes</legend>
          {scopes.map((s) => (
            <label key={s} style={{ marginRight: "1em", whiteSpace: "nowrap" }}>
              <input type="checkbox" value={s} checked={chosen.includes(s)} onChange={(e) => setChosen(e.target.checked ? [...chosen, s] : chosen.filter((x) => x !== s))} /> {s}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={!name || chosen.length === 0}>Create token</button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {created && (
        <div className="panel" role="status" id="new-token">
          <p>Your new token <b>{created.name}</b> — copy it now: it will not be shown again.</p>
          <input readOnly value={created.token} id="token-value" style={{ width: "100%", fontFamily: "monospace" }} onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
      <div className="panel scroll">
        <table>
          <thead><tr><th>Name</th><th>Token</th><th>Scopes</th><th>Created</th><th>Last used</th><th>Expires</th><th></th></tr></thead>
          <tbody>
            {tokens.length === 0 && <tr><td colSpan={7} className="legend">No tokens yet.</td></tr>}
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td><code>{t.prefix}…</code></td>
                <td>{t.scopes.join(", ")}</td>
                <td>{formatDateTime(t.createdAt)}</td>
                <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "never"}</td>
                <td>{t.expiresAt ? formatDateTime(t.expiresAt) : "—"}</td>
                <td>{t.revokedAt ? <span className="legend">revoked</span> : <button type="button" onClick={() => revoke(t)}>Revoke</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
