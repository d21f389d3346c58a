// Load: 50 simulated raters, each signed in with a queue, fetching their workspace and saving
// drafts over HTTP against the built app for a fixed time, on PGlite and (with BENCH_DATABASE_URL)
// on PostgreSQL. Prints throughput, p50/p95/p99, errors, and the acknowledged saves missing from the
// database afterwards. Loopback only; bounded by --seconds. Baseline: one rater alone, same run.
// Raters work as people do: open an item, save a draft after each change with think time between
// (--think-ms, mean; autosave fires after every change), move on; then a saturation phase with no
// think time at all shows the ceiling.
//   npx tsx scripts/bench/http-load.ts [--raters 50] [--seconds 60] [--items 10] [--think-ms 1000] [--saturation-seconds 20]
import { parseArgs } from "node:util";
import path from "node:path";
import { openDatabase, type Db } from "@/lib/db/client";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { startApp, signIn, type RunningApp } from "../../tests/helpers/server";
import { miniCorpus } from "../../tests/helpers/corpus";
import { ensureBuild } from "../ensure-build";

const { values } = parseArgs({
  options: { raters: { type: "string" }, seconds: { type: "string" }, items: { type: "string" }, "think-ms": { type: "string" }, "saturation-seconds": { type: "string" } },
});
const RATERS = Number(values.raters ?? 50);
const SECONDS = Number(values.seconds ?? 60);
const ITEMS = Number(values.items ?? 10);
const THINK = Number(values["think-ms"] ?? 1000);
const SATURATION = Number(values["saturation-seconds"] ?? 20);
const DRAFTS_PER_ITEM = 5;
const PW = "load test password";

type Ack = { value: number };

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function run(name: "pglite" | "postgres", corpus: string) {
  let assignments: { rater: string; ids: string[] }[] = [];
  const app: RunningApp = await startApp({ name, open: () => Promise.reject(new Error("unused")) }, async (db: Db) => {
    await importSpeechocean762(db, { dir: corpus, dataset: "load", split: "test" });
    const ds = await db.prisma.dataset.findFirstOrThrow({ where: { name: "load" } });
    const items = await db.prisma.item.findMany({ where: { datasetId: ds.id }, orderBy: { uttId: "asc" } });
    const round = await db.prisma.round.create({ data: { datasetId: ds.id, name: "load", kind: "RATING" } });
    for (let r = 0; r < RATERS; r++) {
      const u = await createUser(db, { email: `rater${r}@load.test`, password: PW, role: "rater" });
      const ids: string[] = [];
      for (const [i, it] of items.entries()) {
        ids.push((await db.prisma.assignment.create({ data: { roundId: round.id, itemId: it.id, raterId: u.id, position: i } })).id);
      }
      assignments.push({ rater: u.email, ids });
    }
  });
  const cookies = await Promise.all(assignments.map((a) => signIn(app.base, a.rater, PW)));
  const acked = new Map<string, Ack>();
  // Each rater's last known revision per assignment, kept across phases.
  const revisions = assignments.map(() => new Map<string, number | null>());
  const steps = assignments.map(() => 0);

  interface Phase { get: number[]; put: number[]; errors: number; requests: number; sec: number }
  const newPhase = (): Phase => ({ get: [], put: [], errors: 0, requests: 0, sec: 0 });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  // Think time: uniform in [0.5, 1.5] × the mean, so raters do not move in lockstep.
  const think = (mean: number) => (mean > 0 ? sleep(mean * (0.5 + Math.random())) : Promise.resolve());

  /** One rater: open an item's workspace, save DRAFTS_PER_ITEM drafts with think time between, next item. */
  async function rater(i: number, until: number, thinkMs: number, ph: Phase) {
    const cookie = cookies[i]!;
    const ids = assignments[i].ids;
    // Raters arrive over the first item's worth of time, not all in the same millisecond.
    await sleep(Math.random() * thinkMs * DRAFTS_PER_ITEM);
    while (Date.now() < until) {
      const id = ids[Math.floor(steps[i] / DRAFTS_PER_ITEM) % ids.length];
      let t = performance.now();
      const ws = await fetch(`${app.base}/api/rater/assignments/${id}`, { headers: { cookie } });
      const body = (await ws.json()) as { judgment: { revision: number } | null; item: { words: { id: string; phones: { id: string }[] }[] } };
      ph.get.push(performance.now() - t);
      ph.requests++;
      if (!ws.ok) ph.errors++;
      for (let d = 0; d < DRAFTS_PER_ITEM && Date.now() < until; d++) {
        await think(thinkMs);
        const value = steps[i] % 11;
        t = performance.now();
        const r = await fetch(`${app.base}/api/rater/assignments/${id}/judgment`, {
          method: "PUT",
          headers: { cookie, "content-type": "application/json", origin: app.base },
          // The whole form, as the workspace's autosave sends it: every word and phone of the item.
          body: JSON.stringify({
            status: "DRAFT",
            baseRevision: revisions[i].get(id) ?? body.judgment?.revision ?? null,
            sentence: { accuracy: value, fluency: 7, prosody: 6, completeness: null },
            words: body.item.words.map((w) => ({ wordId: w.id, accuracy: 8, stress: 10, inserted: [] })),
            phones: body.item.words.flatMap((w) => w.phones.map((p, k) => ({ phoneId: p.id, score: (value + k) % 3, pronounced: null }))),
            comment: null,
          }),
        });
        const saved = (await r.json()) as { judgment?: { revision: number } };
        ph.put.push(performance.now() - t);
        ph.requests++;
        if (r.ok && saved.judgment) {
          revisions[i].set(id, saved.judgment.revision);
          acked.set(id, { value });
        } else ph.errors++;
        steps[i]++;
      }
    }
  }
  async function phase(raters: number, seconds: number, thinkMs: number): Promise<Phase> {
    const ph = newPhase();
    const t0 = performance.now();
    await Promise.all(Array.from({ length: raters }, (_, i) => rater(i, Date.now() + seconds * 1000, thinkMs, ph)));
    ph.sec = (performance.now() - t0) / 1000;
    return ph;
  }
  const line = (label: string, ph: Phase) =>
    `  ${label}: ${ph.requests} requests (${(ph.requests / ph.sec).toFixed(0)}/s), ` +
    `GET p50/p95/p99 ${pct(ph.get, 50).toFixed(0)}/${pct(ph.get, 95).toFixed(0)}/${pct(ph.get, 99).toFixed(0)} ms, ` +
    `PUT p50/p95/p99 ${pct(ph.put, 50).toFixed(0)}/${pct(ph.put, 95).toFixed(0)}/${pct(ph.put, 99).toFixed(0)} ms, errors ${ph.errors}`;

  // Baseline: one rater alone, no think time, for a tenth of the time.
  const base = await phase(1, SECONDS / 10, 0);
  // Raters as people work: a save every THINK ms on average (autosave after each change).
  const paced = await phase(RATERS, SECONDS, THINK);
  // Saturation: every rater saving back to back with no think time (a stress test, not people).
  const flat = SATURATION > 0 ? await phase(RATERS, SATURATION, 0) : null;

  // Every acknowledged save must be in the database with the value last acknowledged. PGlite can
  // only be opened once the server has let go of it; a server database is read while it runs.
  if (!app.databaseUrl) await app.stop();
  const db = await openDatabase(app.databaseUrl ? { kind: "postgres", url: app.databaseUrl } : { kind: "pglite", dir: path.join(app.dataDir, "pglite") });
  let lost = 0;
  const rows = await db.prisma.judgment.findMany({ where: { assignmentId: { in: [...acked.keys()] } }, select: { assignmentId: true, accuracy: true } });
  const byId = new Map(rows.map((r) => [r.assignmentId!, r.accuracy]));
  for (const [id, a] of acked) if (byId.get(id) !== a.value) lost++;
  await db.close();
  if (app.databaseUrl) await app.stop();
  const ratio = (ph: Phase) => (pct(ph.put, 95) / pct(base.put, 95)).toFixed(1);
  console.log(`${name}: ${RATERS} raters, ${SECONDS} s at ${THINK} ms mean think time${flat ? `, then ${SATURATION} s with none` : ""}; lost ${lost} of ${acked.size} acknowledged saves`);
  console.log(line("one rater alone (baseline)", base));
  console.log(`${line(`${RATERS} raters, ${THINK} ms think time`, paced)}; PUT p95 ×${ratio(paced)} the baseline`);
  if (flat) console.log(`${line(`${RATERS} raters, no think time (saturation)`, flat)}; PUT p95 ×${ratio(flat)} the baseline`);
  console.log(`  target: p95 < 100 ms, 0 errors, 0 lost`);
}

ensureBuild();
const corpus = await miniCorpus(ITEMS);
await run("pglite", corpus);
if (process.env.BENCH_DATABASE_URL) {
  process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  await run("postgres", corpus);
}
process.exit(0);
