// `npm start`: migrate the embedded database, create the demo accounts, import the
// speechocean762 test split when the corpus is at hand, build when needed, and serve on port 3000.
import { existsSync } from "node:fs";
import { spawn } from "node:child_process";
import path from "node:path";
import { getDb, closeDb } from "@/lib/db/client";
import { DEMO_ROUND, DEMO_VARIANT, ensureDemoAccounts, ensureDemoRound } from "@/lib/services/demo";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { dataDir } from "@/lib/db/config";
import { makeIo } from "./cli/args";
import { ensureBuild } from "./ensure-build";
import { createJob } from "@/lib/jobs/jobs";
import "@/lib/jobs/handlers";

const io = makeIo(false);
const port = process.env.PORT || "3000";

async function prepare() {
  const db = await getDb();
  io.log(`Database: ${db.kind === "pglite" ? `embedded PGlite in ${path.join(dataDir(), "pglite")}` : "PostgreSQL (DATABASE_URL)"}`);
  const demo = await ensureDemoAccounts(db, { password: process.env.ATTEST_DEMO_PASSWORD, reset: process.env.ATTEST_DEMO_RESET === "1" });
  if (demo.fresh.length) {
    io.log(`\nDemo accounts (demo use only; also saved in ${demo.file}):`);
    for (const c of demo.fresh) io.log(`  ${c.role.padEnd(10)} ${c.email.padEnd(26)} password: ${c.password}`);
    io.log("");
  }
  if (demo.kept.length) {
    io.log(
      demo.fileExists
        ? `Demo accounts ${demo.kept.join(", ")}: their passwords are in ${demo.file}.`
        : `Demo accounts ${demo.kept.join(", ")} exist, but ${demo.file} is gone: ATTEST_DEMO_RESET=1 npm start gives them new passwords.`,
    );
  }
  const corpus = process.env.SO762_DIR || path.resolve("../shared/speechocean762");
  if (existsSync(path.join(corpus, "resource/scores-detail.json"))) {
    const s = await importSpeechocean762(db, { dir: corpus, split: "test", onProgress: (st, d, t) => io.progress(st, d, t) });
    io.log(`speechocean762 test split: ${s.items} utterances (${s.new_items} new), ${s.raters} expert raters, ${s.judgments} judgments.`);
    await queueDemoInference(s.dataset);
    const round = await ensureDemoRound(db, s.dataset);
    if (round) io.log(`Created "${DEMO_ROUND}": ${round.items} recordings for the two demo raters (two raters each), with instructions and A/B between the built-in model's two responses.`);
  } else {
    io.log(
      `speechocean762 not found at ${corpus}. To load the demo data, download speechocean762 (OpenSLR resource 101, ` +
        `https://www.openslr.org/101/), unpack it, and run again with SO762_DIR=/path/to/speechocean762 npm start.`,
    );
  }
  // PGlite is single-process: release it before the server opens it.
  await closeDb();
}

/**
 * The built-in model's predictions for the demo, then its second response source (the same labels,
 * a brief rationale: see DEMO_VARIANT) so that raters get the A/B choice as soon as inference is
 * done, then its rationale audit: computed by the server's worker in the background, in this order.
 */
async function queueDemoInference(dataset: string) {
  if (process.env.ATTEST_DEMO_INFER === "0") return;
  const db = await getDb();
  const predictions = async (name: string) => {
    const mv = await db.prisma.modelVersion.findUnique({ where: { name } });
    return mv ? db.prisma.prediction.count({ where: { modelVersionId: mv.id } }) : 0;
  };
  const active = (kind: string) => db.prisma.job.count({ where: { kind, status: { in: ["QUEUED", "RUNNING"] } } });
  const infer = (await predictions(DEMO_VARIANT.from)) === 0 && (await active("infer")) === 0;
  if (infer) await createJob(db, { kind: "infer", params: { dataset, model: DEMO_VARIANT.from, split: "test" } });
  // Also after an interrupted run: the variant job is resumable and writes only what is missing.
  const behind = (await predictions(DEMO_VARIANT.to)) < Math.max(1, await predictions(DEMO_VARIANT.from));
  if (behind && (await active("rationale-variant")) === 0) {
    await createJob(db, { kind: "rationale-variant", params: { dataset, split: "test", ...DEMO_VARIANT } });
    io.log(`Queued "${DEMO_VARIANT.to}", the built-in model's labels with a brief rationale: a second response per recording, for A/B.`);
  }
  if (infer) {
    await createJob(db, { kind: "audit", params: { dataset, model: DEMO_VARIANT.from, split: "test" } });
    io.log("Queued the built-in model and its rationale audit over the test split; the server computes them in the background (see /models and /audits).");
  }
}

async function main() {
  await prepare();
  ensureBuild((m) => io.log(m));
  io.log(`Starting Attest on http://localhost:${port}${process.env.ATTEST_HOST ? ` (listening on ${process.env.ATTEST_HOST})` : ""}`);
  const child = spawn(process.execPath, [path.resolve("scripts/serve.mjs"), "-p", port], {
    stdio: "inherit",
    env: { ...process.env, NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}` },
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
