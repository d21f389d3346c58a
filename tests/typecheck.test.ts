import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";

// The build skips type checking (next.config.js); the suite does it once, over every file.
describe("TypeScript", () => {
  it("type-checks the whole project (tsc --noEmit, strict)", () => {
    const r = spawnSync(process.execPath, [path.resolve("node_modules/typescript/bin/tsc"), "--noEmit", "-p", "."], { encoding: "utf8", timeout: 300_000 });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
