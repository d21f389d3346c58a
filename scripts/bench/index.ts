// `npm run bench`: runs every benchmark in this folder (or the ones named: `npm run bench -- import`),
// each in its own process so one's memory does not colour another's figures.
import { readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";

const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const all = readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "index.ts" && !f.endsWith(".test.ts")).sort();
const chosen = wanted.length ? all.filter((f) => wanted.some((w) => f.startsWith(w))) : all;
if (!chosen.length) {
  console.error(`no benchmark matches ${wanted.join(" ")}; have: ${all.join(", ")}`);
  process.exit(2);
}
let failed = 0;
for (const f of chosen) {
  console.log(`\n=== ${f.replace(/\.ts$/, "")} ===`);
  const r = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), path.join(dir, f)], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.log(`(${f} exited with ${r.status})`);
  }
}
process.exit(failed ? 1 : 0);
