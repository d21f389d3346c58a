// Secrets handed to people once — API tokens and invitation links — and how they are kept: 32
// random bytes (256 bits), so a fast hash is enough (nothing to brute-force; no salt or Argon2
// needed), and only their SHA-256 is stored. A stolen database names no usable token.
import { createHash, randomBytes } from "node:crypto";

/** Every API token starts so, which lets secret scanners and people recognise one. */
export const API_TOKEN_PREFIX = "attest_";

export function newSecret(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** The token from an `Authorization: Bearer <token>` header; null when the header is absent or another scheme. */
export function bearerToken(authorization: string | null | undefined): string | null {
  if (!authorization) return null;
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
  return m ? m[1] : null;
}
