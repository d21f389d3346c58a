import path from "node:path";

/** Where Attest keeps its embedded database, audio and secrets. */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.ATTEST_DATA_DIR || "data");
}

export type DatabaseTarget =
  | { kind: "pglite"; dir: string | null }
  | { kind: "postgres"; url: string };

/** DATABASE_URL=postgresql://… selects a PostgreSQL server; otherwise the embedded PGlite. */
export function databaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", url };
  if (url && url !== "") {
    if (url.startsWith("pglite:")) {
      const dir = url.slice("pglite:".length);
      return { kind: "pglite", dir: dir === "memory" ? null : path.resolve(/*turbopackIgnore: true*/ dir) };
    }
    throw new Error(`DATABASE_URL must start with postgresql:// (or pglite:<dir>), got "${url.split(":")[0]}:…"`);
  }
  return { kind: "pglite", dir: path.join(dataDir(), "pglite") };
}
