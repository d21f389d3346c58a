import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";

export const CreateUserSchema = z.object({
  email: z.email().max(254).transform((s) => s.toLowerCase()),
  password: z.string().min(MIN_PASSWORD_LENGTH, `password must have at least ${MIN_PASSWORD_LENGTH} characters`).max(1024),
  role: z.enum(ROLES),
  name: z.string().trim().min(1).max(120).optional(),
});
export type CreateUserInput = z.input<typeof CreateUserSchema>;

export const CredentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(1024),
});

/** An admin creating a user: with a password, or without one (then an invitation link is made). */
export const AdminCreateUserSchema = z.object({
  email: z.email().max(254).transform((s) => s.toLowerCase()),
  password: z.string().min(MIN_PASSWORD_LENGTH, `password must have at least ${MIN_PASSWORD_LENGTH} characters`).max(1024).optional(),
  role: z.enum(ROLES),
  name: z.string().trim().min(1).max(120).optional(),
}).strict();

/** An admin changing a user: any of role, name, active; a new password, or a reset link. */
export const UpdateUserSchema = z
  .object({
    role: z.enum(ROLES).optional(),
    name: z.string().trim().min(1).max(120).nullable().optional(),
    active: z.boolean().optional(),
    password: z.string().min(MIN_PASSWORD_LENGTH, `password must have at least ${MIN_PASSWORD_LENGTH} characters`).max(1024).optional(),
    resetPassword: z.literal(true).optional(),
  })
  .strict()
  .refine((v) => !(v.password && v.resetPassword), { message: "give either password or resetPassword, not both", path: ["resetPassword"] })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "nothing to change: give role, name, active, password or resetPassword" });

export const SetPasswordSchema = z.object({
  password: z.string().min(MIN_PASSWORD_LENGTH, `password must have at least ${MIN_PASSWORD_LENGTH} characters`).max(1024),
}).strict();
