import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { roleFromDb, roleToDb, type RoleName } from "@/lib/auth/permissions";
import { CreateUserSchema, type CreateUserInput } from "@/lib/schemas/user";
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

/** Gives a user a new password (checked like a new account's). */
export async function setUserPassword(db: Db, email: string, password: string): Promise<void> {
  const data = parseOrThrow(CreateUserSchema.pick({ email: true, password: true }), { email, password });
  const { count } = await db.prisma.user.updateMany({ where: { email: data.email }, data: { passwordHash: await hashPassword(data.password) } });
  if (!count) throw new AppError("NOT_FOUND", `no user with email ${data.email}`);
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
