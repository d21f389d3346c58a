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

export function can(role: RoleName, scope: Scope): boolean {
  return ROLE_SCOPES[role].includes(scope);
}

export function roleFromDb(role: "ADMIN" | "RESEARCHER" | "RATER"): RoleName {
  return role.toLowerCase() as RoleName;
}

export function roleToDb(role: RoleName): "ADMIN" | "RESEARCHER" | "RATER" {
  return role.toUpperCase() as "ADMIN" | "RESEARCHER" | "RATER";
}
