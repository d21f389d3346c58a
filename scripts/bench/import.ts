// Import of the whole speechocean762 folder on a fresh file-backed PGlite (and on PostgreSQL when
// BENCH_DATABASE_URL is set). Baseline: the validation pass alone (reading and checking every file),
// measured in the same run, so the ratio shows what writing costs on top of reading.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "@/lib/db/client";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { readSpeechocean762 } from "@/lib/services/speechocean762/read-corpus";
import { SPEECHOCEAN762_RUBRIC } from "@/lib/rubric/rubric";

const corpus = path.resolve(process.env.SO762_DIR || "../shared/speechocean762");
const dataDir = await mkdtemp(path.join(tmpdir(), "attest-bench-import-"));
process.env.ATTEST_DATA_DIR = dataDir;

let t = performance.now();
const read = await readSpeechocean762(corpus, { split: "all", rubric: SPEECHOCEAN762_RUBRIC });
const validateSec = (performance.now() - t) / 1000;
console.log(`validation only: ${read.utterances.length} utterances in ${validateSec.toFixed(2)} s (baseline)`);

const targets = [{ name: "pglite (file)", target: { kind: "pglite" as const, dir: path.join(dataDir, "pglite") } }];
if (process.env.BENCH_DATABASE_URL) targets.push({ name: "postgresql", target: { kind: "postgres", url: process.env.BENCH_DATABASE_URL } as never });
for (const { name, target } of targets) {
  const db = await openDatabase(target);
  await db.migrate();
  t = performance.now();
  const s = await importSpeechocean762(db, { dir: corpus, split: "all" });
  const sec = (performance.now() - t) / 1000;
  const rss = process.memoryUsage().rss / 2 ** 20;
  console.log(
    `${name}: ${s.items} utterances, ${s.phones} phones, ${s.judgments} judgments in ${sec.toFixed(2)} s ` +
      `(${(s.items / sec).toFixed(1)} utterances/s; ${(sec / validateSec).toFixed(2)}× the validation pass; target < 60 s; RSS ${rss.toFixed(0)} MiB)`,
  );
  t = performance.now();
  await importSpeechocean762(db, { dir: corpus, split: "all" });
  console.log(`${name}: re-import (no-op) in ${((performance.now() - t) / 1000).toFixed(2)} s`);
  await db.close();
}
await rm(dataDir, { recursive: true, force: true });
