import { readFileSync } from "node:fs";
import type { Command, Values } from "../command";
import { need, str } from "../command";
import { UsageError } from "../args";
import { adminCreateUser, adminUpdateUser, listUsers, type ListedUser, type InvitationLink } from "@/lib/services/users";
import { ROLES, type RoleName } from "@/lib/auth/permissions";
import { appOrigin } from "@/lib/http/same-origin-path";
import { AppError } from "@/lib/errors";
import type { Db } from "@/lib/db/client";
import type { Api } from "../remote";
import { saveToken } from "../remote";

const CREATE = "user create --email E --role admin|researcher|rater [--password P] [--name N] [--server URL --token T] [--json]";
const SET = "user set --email E [--role R] [--name N] [--active true|false] [--password P | --reset-password] [--server URL --token T] [--json]";

function createInput(values: Values) {
  const role = need(values, "role", CREATE);
  if (!ROLES.includes(role as RoleName)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}, got "${role}"`);
  return { email: need(values, "email", CREATE), role, ...(str(values, "password") && { password: str(values, "password") }), ...(str(values, "name") && { name: str(values, "name") }) };
}

function setInput(values: Values) {
  const patch: Record<string, unknown> = {};
  const role = str(values, "role");
  if (role !== undefined) {
    if (!ROLES.includes(role as RoleName)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}, got "${role}"`);
    patch.role = role;
  }
  if (str(values, "name") !== undefined) patch.name = str(values, "name");
  const active = str(values, "active");
  if (active !== undefined) {
    if (active !== "true" && active !== "false") throw new UsageError(`--active must be true or false, got "${active}"`);
    patch.active = active === "true";
  }
  if (str(values, "password") !== undefined) patch.password = str(values, "password");
  if (values["reset-password"]) patch.resetPassword = true;
  if (!Object.keys(patch).length) throw new UsageError(`nothing to change\n  usage: npm run cli -- ${SET}`);
  return patch;
}

function report(io: { result(o: Record<string, unknown>, h?: string): void }, verb: string, user: ListedUser, invitation: (InvitationLink & { url?: string }) | null, origin: string) {
  const inv = invitation && { url: invitation.url ?? `${origin}${invitation.path}`, expiresAt: invitation.expiresAt };
  io.result(
    { id: user.id, email: user.email, name: user.name, role: user.role, active: user.active, ...(inv && { invitation: inv }) },
    `${verb} ${user.role} ${user.email}${user.active ? "" : " (deactivated)"}${inv ? `\none-time link (shown once, until ${inv.expiresAt}):\n  ${inv.url}` : ""}`,
  );
}

async function findId(db: Db | null, api: Api | null, email: string): Promise<string> {
  const users = db ? await listUsers(db) : (await api!.call<{ users: ListedUser[] }>("GET", "/api/users")).users;
  const u = users.find((x) => x.email === email.trim().toLowerCase());
  if (!u) throw new AppError("NOT_FOUND", `no user with email ${email}`);
  return u.id;
}

export const commands: Command[] = [
  {
    path: ["user", "create"],
    usage: CREATE,
    summary: "Create a user: with --password they sign in with it; without, a one-time invitation link is printed. Logged in the audit log.",
    options: { email: { type: "string" }, password: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
    async run({ values, io, db }) {
      const { user, invitation } = await adminCreateUser(db!, null, createInput(values));
      report(io, "created", user, invitation, appOrigin());
    },
    async remote({ values, io, api }) {
      const { user, invitation } = await api.call<{ user: ListedUser; invitation: (InvitationLink & { url: string }) | null }>("POST", "/api/users", createInput(values));
      report(io, "created", user, invitation, api.base);
    },
  },
  {
    path: ["user", "list"],
    usage: "user list [--server URL --token T] [--json]",
    summary: 'The accounts that can sign in: {"users": [{"id", "email", "name", "role", "active"}]}.',
    options: {},
    async run({ io, db }) {
      const users = await listUsers(db!);
      io.result({ users }, users.map((u) => `${u.email}\t${u.role}${u.active ? "" : "\tdeactivated"}`).join("\n") || "no users");
    },
    async remote({ io, api }) {
      const { users } = await api.call<{ users: ListedUser[] }>("GET", "/api/users");
      io.result({ users }, users.map((u) => `${u.email}\t${u.role}${u.active ? "" : "\tdeactivated"}`).join("\n") || "no users");
    },
  },
  {
    path: ["user", "set"],
    usage: SET,
    summary: "Change a user's role, name or status, set a password, or make a one-time reset link. Logged in the audit log.",
    options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" }, active: { type: "string" }, password: { type: "string" }, "reset-password": { type: "boolean" } },
    async run({ values, io, db }) {
      const patch = setInput(values);
      const id = await findId(db, null, need(values, "email", SET));
      const { user, invitation } = await adminUpdateUser(db!, null, id, patch);
      report(io, "updated", user, invitation, appOrigin());
    },
    async remote({ values, io, api }) {
      const patch = setInput(values);
      const id = await findId(null, api, need(values, "email", SET));
      const { user, invitation } = await api.call<{ user: ListedUser; invitation: (InvitationLink & { url: string }) | null }>("PATCH", `/api/users/${id}`, patch);
      report(io, "updated", user, invitation, api.base);
    },
  },
  {
    path: ["token", "save"],
    usage: "token save [--json]  (reads the token from stdin)",
    summary: "Saves an API token for this data folder (<data>/cli-token, mode 0600): used to go through the running server when it has the embedded database open.",
    options: {},
    noAutoMigrate: true,
    async run({ io }) {
      const token = readFileSync(0, "utf8").trim();
      if (!/^attest_[A-Za-z0-9_-]{20,}$/.test(token)) throw new UsageError("give the token on stdin, e.g. `npm run cli -- token save < token.txt` (tokens start with attest_)");
      const file = saveToken(token);
      io.result({ saved: file }, `saved to ${file} (readable only by you)`);
    },
  },
];
