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
