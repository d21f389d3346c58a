// Builds the Next.js app when the sources changed since the last build (or there is none), so
// `npm start` and `npm test` always serve the code in the working tree.
import { createHash } from "node:crypto";
import { readdirSync, statSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";

const INPUTS = ["app", "components", "lib", "next.config.js", "proxy.ts", "instrumentation.ts", "package-lock.json", "tsconfig.json", "prisma/schema.prisma"];
const DIST = process.env.ATTEST_DIST_DIR || ".next";
const STAMP = path.join(DIST, "attest-build-fingerprint");

function walk(p: string, out: string[]) {
  if (!existsSync(p)) return;
  const s = statSync(p);
  if (s.isDirectory()) {
    for (const e of readdirSync(p)) if (e !== "node_modules" && e !== "generated" && !e.endsWith(".test.ts")) walk(path.join(p, e), out);
  } else out.push(`${p}:${s.size}:${s.mtimeMs}`);
}

export function sourceFingerprint(): string {
  const files: string[] = [];
  for (const i of INPUTS) walk(i, files);
  return createHash("sha256").update(files.sort().join("\n")).digest("hex");
}

export function ensureBuild(log: (m: string) => void = (m) => process.stderr.write(`${m}\n`)): void {
  const fp = sourceFingerprint();
  if (existsSync(path.join(DIST, "BUILD_ID")) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === fp) return;
  log("Building the web app (next build)…");
  const r = spawnSync(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"], { stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
  writeFileSync(STAMP, fp);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    ensureBuild();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
