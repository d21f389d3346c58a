// Faults: kill the command line (SIGKILL, no clean-up) in the middle of an import and of an
// inference job on the embedded database, then rerun: the work completes, nothing is duplicated,
// and the database opens cleanly after the crash.
import { describe, it, expect, beforeAll } from "vitest";
import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "@/lib/db/client";
import { runCli } from "../helpers/cli";
import { miniCorpus } from "../helpers/corpus";

/** Starts the CLI and SIGKILLs it as soon as its stderr matches `when`; resolves with what it printed. */
function killWhen(args: string[], env: Record<string, string>, when: RegExp): Promise<{ killed: boolean; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/cli.ts", ...args], {
      env: { ...process.env, ...env } as NodeJS.ProcessEnv,
      stdio: ["ignore", "ignore", "pipe"],
      // tsx runs the script in a child process: kill the whole group, as a crash would.
      detached: true,
    });
    let stderr = "";
    let killed = false;
    child.stderr.on("data", (d) => {
      stderr += d;
      if (!killed && when.test(stderr)) {
        killed = true;
        process.kill(-child.pid!, "SIGKILL");
      }
    });
    child.on("exit", () => setTimeout(() => resolve({ killed, stderr }), 300));
  });
}

describe("crash and rerun on the embedded database", () => {
  let env: Record<string, string>;
  let corpus: string;
  beforeAll(async () => {
    env = { ATTEST_DATA_DIR: await mkdtemp(path.join(tmpdir(), "attest-fault-")), DATABASE_URL: "" };
    corpus = await miniCorpus(8);
  });

  const counts = async () => {
    const db = await openDatabase({ kind: "pglite", dir: path.join(env.ATTEST_DATA_DIR, "pglite") });
    try {
      const mv = await db.prisma.modelVersion.findUnique({ where: { name: "default" } });
      return {
        items: await db.prisma.item.count(),
        judgments: await db.prisma.judgment.count(),
        predictions: mv ? await db.prisma.prediction.count({ where: { modelVersionId: mv.id } }) : 0,
        distinctPredicted: mv ? (await db.prisma.prediction.groupBy({ by: ["itemId"], where: { modelVersionId: mv.id } })).length : 0,
      };
    } finally {
      await db.close();
    }
  };

  it("an import killed while writing leaves nothing, and the rerun imports everything once", async () => {
    runCli(["db", "migrate"], env);
    const k = await killWhen(["import", "speechocean762", corpus, "--dataset", "mini", "--split", "test"], env, /write: 0\//);
    expect(k.killed).toBe(true);
    const after = await counts();
    expect([0, 8]).toContain(after.items); // the transaction either committed whole or not at all
    const r = runCli(["import", "speechocean762", corpus, "--dataset", "mini", "--split", "test", "--json"], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.json.items).toBe(8);
    const c = await counts();
    expect(c.items).toBe(8);
    expect(c.judgments).toBe(8 * 5 + 8); // five experts and the published consensus per item
  });

  it("an inference job killed half-way continues on rerun without duplicate predictions", async () => {
    const k = await killWhen(["infer", "--dataset", "mini", "--model", "default"], env, /\b[2-5]\/8\b/);
    expect(k.killed, k.stderr).toBe(true);
    const mid = await counts();
    expect(mid.predictions).toBeLessThan(8);
    const r = runCli(["infer", "--dataset", "mini", "--model", "default", "--json"], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/continuing job/);
    const c = await counts();
    expect(c.predictions).toBe(8);
    expect(c.distinctPredicted).toBe(8);
  });
});
