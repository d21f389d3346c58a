// Permissions are data: scopes, and the roles that hold them. Every page, route handler and server
// action checks a scope on the server.
export const ROLES = ["admin", "researcher", "rater"] as const;
export type RoleName = (typeof ROLES)[number];

export const SCOPES = [
  "datasets:read",
  "datasets:write",
  "items:read-all",
  "judgments:read-all",
  "judgments:write",
  "audio:read-assigned",
  "rounds:write",
  "agreement:read",
  "audits:read",
  "models:write",
  "exports:read",
  "users:read",
  "users:write",
  "jobs:write",
] as const;
export type Scope = (typeof SCOPES)[number];

const RESEARCHER: Scope[] = [
  "datasets:read",
  "datasets:write",
  "items:read-all",
  "judgments:read-all",
  "rounds:write",
  "agreement:read",
  "audits:read",
  "models:write",
  "exports:read",
  "jobs:write",
];

export const ROLE_SCOPES: Record<RoleName, readonly Scope[]> = {
  admin: [...SCOPES],
  researcher: RESEARCHER,
  // A rater writes their own judgments and hears the audio of items assigned to them; nothing else.
  rater: ["judgments:write", "audio:read-assigned"],
};

/**
 * Whether a role — or a user, who may be acting through an API token — holds a scope. A token
 * holds only the scopes it was given, and never more than its user's role holds now.
 */
export function can(who: RoleName | { role: RoleName; tokenScopes?: readonly string[] | null }, scope: Scope): boolean {
  if (typeof who === "string") return ROLE_SCOPES[who].includes(scope);
  return ROLE_SCOPES[who.role].includes(scope) && (!who.tokenScopes || who.tokenScopes.includes(scope));
}

export function isScope(s: string): s is Scope {
  return (SCOPES as readonly string[]).includes(s);
}

export function roleFromDb(role: "ADMIN" | "RESEARCHER" | "RATER"): RoleName {
  return role.toLowerCase() as RoleName;
}

export function roleToDb(role: RoleName): "ADMIN" | "RESEARCHER" | "RATER" {
  return role.toUpperCase() as "ADMIN" | "RESEARCHER" | "RATER";
}
