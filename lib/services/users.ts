import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { roleFromDb, roleToDb, type RoleName } from "@/lib/auth/permissions";
import { CreateUserSchema, AdminCreateUserSchema, UpdateUserSchema, SetPasswordSchema, type CreateUserInput } from "@/lib/schemas/user";
import { hashSecret, newSecret } from "@/lib/auth/tokens";
import { parseOrThrow } from "@/lib/schemas/parse";
import { reserveAttempt, attemptFailed, attemptSucceeded } from "@/lib/auth/lockout";

export interface PublicUser {
  id: string;
  email: string;
  name: string | null;
  role: RoleName;
}

export async function createUser(db: Db, input: CreateUserInput): Promise<PublicUser> {
  const data = parseOrThrow(CreateUserSchema, input);
  const exists = await db.prisma.user.findUnique({ where: { email: data.email } });
  if (exists) throw new AppError("CONFLICT", `a user with email ${data.email} already exists`);
  const user = await db.prisma.user.create({
    data: { email: data.email, name: data.name ?? null, role: roleToDb(data.role), passwordHash: await hashPassword(data.password) },
  });
  return { id: user.id, email: user.email, name: user.name, role: roleFromDb(user.role) };
}

/** Gives a user a new password (checked like a new account's); the user's sessions end. */
export async function setUserPassword(db: Db, email: string, password: string): Promise<void> {
  const data = parseOrThrow(CreateUserSchema.pick({ email: true, password: true }), { email, password });
  const passwordHash = await hashPassword(data.password);
  await db.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: data.email }, select: { id: true } });
    if (!user) throw new AppError("NOT_FOUND", `no user with email ${data.email}`);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await tx.userSession.deleteMany({ where: { userId: user.id } });
  });
}

let dummy: Promise<string> | null = null;
const dummyHash = () => (dummy ??= hashPassword("attest-timing-equalizer"));

/**
 * Checks an email and password from a client address. Returns the user, or null for any failure
 * (unknown email, wrong password, an account that cannot sign in, a locked account) so that callers
 * cannot tell which; every answer costs one password hash verification, so time does not tell
 * either. The attempt is counted before its password is checked (lib/auth/lockout.ts).
 */
export async function authenticate(db: Db, email: string, password: string, address: string): Promise<PublicUser | null> {
  const user = await db.prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || !user.passwordHash || !user.canSignIn || user.disabled) {
    await verifyPassword(await dummyHash(), password);
    return null;
  }
  if (!(await reserveAttempt(db, user.id, address))) {
    await verifyPassword(await dummyHash(), password);
    await attemptFailed(db, user.id, address);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await attemptFailed(db, user.id, address);
    return null;
  }
  await attemptSucceeded(db, user.id, address);
  return { id: user.id, email: user.email, name: user.name, role: roleFromDb(user.role) };
}

// ---- Managing users (admins, from the web app, the API or the command line) ----

/** What GET /api/users lists for each account that can sign in. */
export interface ListedUser {
  id: string;
  email: string;
  name: string | null;
  role: RoleName;
  active: boolean;
  /** False while an invitation or reset link waits to be used (no password yet). */
  hasPassword: boolean;
  createdAt: string;
}

type UserRow = { id: string; email: string; name: string | null; role: "ADMIN" | "RESEARCHER" | "RATER"; disabled: boolean; passwordHash: string | null; createdAt: Date };

function listed(u: UserRow): ListedUser {
  return { id: u.id, email: u.email, name: u.name, role: roleFromDb(u.role), active: !u.disabled, hasPassword: !!u.passwordHash, createdAt: u.createdAt.toISOString() };
}

/** Accounts that can sign in (imported expert raters, who never sign in, are data, not users). */
export async function listUsers(db: Db): Promise<ListedUser[]> {
  const rows = await db.prisma.user.findMany({ where: { canSignIn: true }, orderBy: [{ createdAt: "asc" }, { email: "asc" }] });
  return rows.map(listed);
}

export const INVITATION_DAYS = Number(process.env.ATTEST_INVITATION_DAYS) > 0 ? Number(process.env.ATTEST_INVITATION_DAYS) : 7;

/** A one-time link's secret for the user; earlier unused links of theirs stop working. */
async function newInvitation(tx: Pick<Db["prisma"], "invitation">, userId: string, purpose: "invite" | "reset"): Promise<{ secret: string; expiresAt: Date }> {
  const secret = newSecret();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  await tx.invitation.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date(0) } });
  await tx.invitation.create({ data: { userId, purpose, tokenHash: hashSecret(secret), expiresAt } });
  return { secret, expiresAt };
}

export interface InvitationLink {
  /** The path of the one-time page (`/invite/<secret>`); shown once, stored only as a hash. */
  path: string;
  expiresAt: string;
}

const invitationPath = (secret: string) => `/invite/${secret}`;

/**
 * An admin creates an account: with a password, or with a one-time invitation link (returned once)
 * on which the new user sets their own. Written to the audit log.
 */
export async function adminCreateUser(db: Db, actorId: string | null, input: unknown): Promise<{ user: ListedUser; invitation: InvitationLink | null }> {
  const data = parseOrThrow(AdminCreateUserSchema, input);
  const exists = await db.prisma.user.findUnique({ where: { email: data.email } });
  if (exists) throw new AppError("CONFLICT", `a user with email ${data.email} already exists`, [{ field: "email", message: "already taken" }]);
  const passwordHash = data.password ? await hashPassword(data.password) : null;
  return db.prisma.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email: data.email, name: data.name ?? null, role: roleToDb(data.role), passwordHash } });
    const inv = data.password ? null : await newInvitation(tx, user.id, "invite");
    await tx.auditLog.create({
      data: { userId: actorId, action: "user.create", details: { targetId: user.id, email: user.email, role: data.role, with: data.password ? "password" : "invitation" } },
    });
    return { user: listed(user), invitation: inv && { path: invitationPath(inv.secret), expiresAt: inv.expiresAt.toISOString() } };
  });
}

/**
 * An admin changes an account: role, name, active (deactivated accounts cannot sign in and their
 * sessions and API tokens stop working), a new password, or a reset link (the old password stops
 * working; the link, returned once, sets a new one). A new role, a deactivation, a new password or
 * a reset ends every session of the account (lib/auth/sessions.ts): the user signs in again, when
 * allowed, and gets what the new role may do. Admins cannot demote or deactivate themselves, so
 * there is always an admin. Every change is written to the audit log.
 */
export async function adminUpdateUser(db: Db, actorId: string | null, targetId: string, input: unknown): Promise<{ user: ListedUser; invitation: InvitationLink | null }> {
  const data = parseOrThrow(UpdateUserSchema, input);
  const target = await db.prisma.user.findFirst({ where: { id: targetId, canSignIn: true } }).catch(() => null);
  if (!target) throw new AppError("NOT_FOUND", `no user ${targetId}`);
  if (actorId === target.id) {
    if (data.role && data.role !== roleFromDb(target.role)) throw new AppError("CONFLICT", "you cannot change your own role (another admin can)", [{ field: "role", message: "your own" }]);
    if (data.active === false) throw new AppError("CONFLICT", "you cannot deactivate yourself (another admin can)", [{ field: "active", message: "your own" }]);
  }
  const passwordHash = data.password ? await hashPassword(data.password) : undefined;
  const changes: Record<string, unknown> = {};
  if (data.role !== undefined && data.role !== roleFromDb(target.role)) changes.role = { from: roleFromDb(target.role), to: data.role };
  if (data.name !== undefined && data.name !== target.name) changes.name = { from: target.name, to: data.name };
  if (data.active !== undefined && data.active === target.disabled) changes.active = { from: !target.disabled, to: data.active };
  if (data.password) changes.password = "set";
  if (data.resetPassword) changes.password = "reset link";
  return db.prisma.$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id: target.id },
      data: {
        ...(data.role !== undefined && { role: roleToDb(data.role) }),
        ...(data.name !== undefined && { name: data.name }),
        ...(data.active !== undefined && { disabled: !data.active }),
        ...(passwordHash && { passwordHash }),
        ...(data.resetPassword && { passwordHash: null }),
      },
    });
    const inv = data.resetPassword ? await newInvitation(tx, user.id, "reset") : null;
    // A password set by an admin replaces any link still waiting.
    if (passwordHash) await tx.invitation.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date(0) } });
    const endsSessions = changes.role || (changes.active && data.active === false) || changes.password;
    const sessionsEnded = endsSessions ? (await tx.userSession.deleteMany({ where: { userId: user.id } })).count : 0;
    if (Object.keys(changes).length) {
      await tx.auditLog.create({ data: { userId: actorId, action: "user.update", details: { targetId: user.id, email: user.email, changes, sessionsEnded } as object } });
    }
    return { user: listed(user), invitation: inv && { path: invitationPath(inv.secret), expiresAt: inv.expiresAt.toISOString() } };
  });
}

/** The account a one-time link is for, or null when the link is unknown, used or expired. */
export async function invitationFor(db: Db, secret: string): Promise<{ email: string; name: string | null; purpose: string } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return null;
  const inv = await db.prisma.invitation.findUnique({ where: { tokenHash: hashSecret(secret) }, include: { user: true } });
  if (!inv || inv.usedAt || inv.expiresAt <= new Date() || inv.user.disabled || !inv.user.canSignIn) return null;
  return { email: inv.user.email, name: inv.user.name, purpose: inv.purpose };
}

/** Sets the password through a one-time link; the link is used up (a second use is refused). */
export async function acceptInvitation(db: Db, secret: string, input: unknown): Promise<{ email: string }> {
  const { password } = parseOrThrow(SetPasswordSchema, input);
  const found = await invitationFor(db, secret);
  if (!found) throw new AppError("NOT_FOUND", "this link is not valid: it was used already, has expired or was replaced by a newer one");
  const passwordHash = await hashPassword(password);
  return db.prisma.$transaction(async (tx) => {
    // Used up in the same statement that checks it is unused: two submissions cannot both succeed.
    const { count } = await tx.invitation.updateMany({ where: { tokenHash: hashSecret(secret), usedAt: null }, data: { usedAt: new Date() } });
    if (!count) throw new AppError("NOT_FOUND", "this link is not valid: it was used already");
    const inv = await tx.invitation.findUniqueOrThrow({ where: { tokenHash: hashSecret(secret) } });
    const user = await tx.user.update({ where: { id: inv.userId }, data: { passwordHash } });
    await tx.auditLog.create({ data: { userId: user.id, action: "user.password-from-link", details: { purpose: inv.purpose, invitationId: inv.id } } });
    return { email: user.email };
  });
}
