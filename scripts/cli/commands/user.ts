import type { Command } from "../command";
import { need, str } from "../command";
import { UsageError } from "../args";
import { createUser } from "@/lib/services/users";
import { ROLES, type RoleName } from "@/lib/auth/permissions";

export const commands: Command[] = [
  {
    path: ["user", "create"],
    usage: "user create --email E --password P --role admin|researcher|rater [--name N] [--json]",
    summary: "Create a user who can sign in.",
    options: { email: { type: "string" }, password: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
    async run({ values, io, db }) {
      const u = "user create --email E --password P --role admin|researcher|rater";
      const role = need(values, "role", u);
      if (!ROLES.includes(role as RoleName)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}, got "${role}"`);
      const user = await createUser(db!, { email: need(values, "email", u), password: need(values, "password", u), role: role as RoleName, name: str(values, "name") });
      io.result({ id: user.id, email: user.email, role: user.role }, `created ${user.role} ${user.email}`);
    },
  },
];
