// Personal API tokens: created by a signed-in user for scripts, shown once, stored as SHA-256,
// revocable. A token carries scopes chosen at creation (never more than its user's role held
// then) and at use holds only those its user's role still holds; a deactivated user's tokens stop
// working at once. Creating and revoking are written to the audit log.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ROLE_SCOPES, roleFromDb, isScope, type RoleName, type Scope } from "@/lib/auth/permissions";
import { API_TOKEN_PREFIX, hashSecret, newSecret } from "@/lib/auth/tokens";
import { writeAudit } from "@/lib/services/audit-log";
import { z } from "zod";
import { parseOrThrow } from "@/lib/schemas/parse";

export interface ApiTokenUser {
  id: string;
  email: string;
  name: string | null;
  role: RoleName;
  tokenScopes: Scope[];
  tokenId: string;
}

/** The user a token acts for, or null when it is unknown, revoked, expired or its user may not sign in. */
export async function userForApiToken(db: Db, token: string): Promise<ApiTokenUser | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db.runner.query<{ tokenId: string; scopes: string[]; id: string; email: string; name: string | null; role: "ADMIN" | "RESEARCHER" | "RATER" }>(
    `SELECT t.id AS "tokenId", t.scopes, u.id, u.email, u.name, u.role::text AS role
     FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
     WHERE t."tokenHash" = $1 AND t."revokedAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" > now())
       AND NOT u.disabled AND u."canSignIn"`,
    [hashSecret(token)],
  );
  if (!row) return null;
  // When it was last used, to the minute: one write a minute per token at most.
  await db.runner.query(
    `UPDATE "ApiToken" SET "lastUsedAt" = now() WHERE id = $1 AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '1 minute')`,
    [row.tokenId],
  );
  return { id: row.id, email: row.email, name: row.name, role: roleFromDb(row.role), tokenScopes: (row.scopes ?? []).filter(isScope), tokenId: row.tokenId };
}

export const CreateTokenSchema = z.object({
  name: z.string().trim().min(1, "give the token a name").max(100),
  scopes: z.array(z.string()).min(1, "choose at least one scope").max(50),
  /** Days until it expires; none: it lasts until revoked. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export interface TokenSummary {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

function summary(t: { id: string; name: string; prefix: string; scopes: string[]; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null; revokedAt: Date | null }): TokenSummary {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

/** Creates a token for `user`; the answer is the only time the token itself is seen. */
export async function createApiToken(db: Db, user: { id: string; role: RoleName }, input: unknown): Promise<{ token: string; apiToken: TokenSummary }> {
  const { name, scopes, expiresInDays } = parseOrThrow(CreateTokenSchema, input);
  const problems = scopes.flatMap((s, i) =>
    !isScope(s)
      ? [{ field: `scopes.${i}`, message: `unknown scope ${JSON.stringify(s)}` }]
      : !ROLE_SCOPES[user.role].includes(s)
        ? [{ field: `scopes.${i}`, message: `your role (${user.role}) does not hold ${s}; a token cannot hold more than its user` }]
        : [],
  );
  if (problems.length) throw new AppError("INVALID_INPUT", "the token asks for scopes it cannot have", problems);
  const token = newSecret(API_TOKEN_PREFIX);
  const created = await db.prisma.apiToken.create({
    data: {
      userId: user.id,
      name,
      tokenHash: hashSecret(token),
      prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      scopes: [...new Set(scopes)],
      expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null,
    },
  });
  await writeAudit(db, user.id, "token.create", { tokenId: created.id, name, scopes: created.scopes, expiresAt: created.expiresAt?.toISOString() ?? null });
  return { token, apiToken: summary(created) };
}

export async function listApiTokens(db: Db, userId: string): Promise<TokenSummary[]> {
  const rows = await db.prisma.apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
  return rows.map(summary);
}

/** Revokes one of the user's own tokens (admins may revoke anyone's). Revoking twice is no error. */
export async function revokeApiToken(db: Db, actor: { id: string; role: RoleName }, tokenId: string): Promise<TokenSummary> {
  const t = await db.prisma.apiToken.findUnique({ where: { id: tokenId } }).catch(() => null);
  if (!t || (t.userId !== actor.id && actor.role !== "admin")) throw new AppError("NOT_FOUND", `no token ${tokenId}`);
  if (t.revokedAt) return summary(t);
  const updated = await db.prisma.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
  await writeAudit(db, actor.id, "token.revoke", { tokenId, name: t.name, owner: t.userId });
  return summary(updated);
}
