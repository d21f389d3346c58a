import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { roleFromDb, roleToDb, type RoleName } from "@/lib/auth/permissions";
import { CreateUserSchema, type CreateUserInput } from "@/lib/schemas/user";
import { parseOrThrow } from "@/lib/schemas/parse";

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

/** Gives a user a new password (checked like a new account's). */
export async function setUserPassword(db: Db, email: string, password: string): Promise<void> {
  const data = parseOrThrow(CreateUserSchema.pick({ email: true, password: true }), { email, password });
  const { count } = await db.prisma.user.updateMany({ where: { email: data.email }, data: { passwordHash: await hashPassword(data.password) } });
  if (!count) throw new AppError("NOT_FOUND", `no user with email ${data.email}`);
}

let dummy: Promise<string> | null = null;
const dummyHash = () => (dummy ??= hashPassword("attest-timing-equalizer"));

export const LOCKOUT_AFTER = 10;
export const LOCKOUT_MINUTES = 15;

/**
 * Checks an email and password. Returns the user, or null for any failure (unknown email, wrong
 * password, an account that cannot sign in, a locked account) so that callers cannot tell which.
 * Repeated failures lock the account for a while.
 */
export async function authenticate(db: Db, email: string, password: string): Promise<PublicUser | null> {
  const user = await db.prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || !user.passwordHash || !user.canSignIn || user.disabled) {
    // Spend the same time as a real check so response time does not reveal which emails exist.
    await verifyPassword(await dummyHash(), password);
    return null;
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) return null;
  if (!(await verifyPassword(user.passwordHash, password))) {
    const failed = user.failedLogins + 1;
    await db.prisma.user.update({
      where: { id: user.id },
      data: {
        failedLogins: failed >= LOCKOUT_AFTER ? 0 : failed,
        lockedUntil: failed >= LOCKOUT_AFTER ? new Date(Date.now() + LOCKOUT_MINUTES * 60_000) : user.lockedUntil,
      },
    });
    return null;
  }
  if (user.failedLogins || user.lockedUntil) {
    await db.prisma.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null } });
  }
  return { id: user.id, email: user.email, name: user.name, role: roleFromDb(user.role) };
}
