// Load: 50 simulated raters, each signed in with a queue, fetching their workspace and saving
// drafts over HTTP against the built app for a fixed time, on PGlite and (with BENCH_DATABASE_URL)
// on PostgreSQL. Prints throughput, p50/p95/p99, errors, and the acknowledged saves missing from the
// database afterwards. Loopback only; bounded by --seconds. Baseline: one rater alone, same run.
//   npx tsx scripts/bench/http-load.ts [--raters 50] [--seconds 60] [--items 10]
import { parseArgs } from "node:util";
import path from "node:path";
import { openDatabase, type Db } from "@/lib/db/client";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { startApp, signIn, type RunningApp } from "../../tests/helpers/server";
import { miniCorpus } from "../../tests/helpers/corpus";
import { ensureBuild } from "../ensure-build";

const { values } = parseArgs({ options: { raters: { type: "string" }, seconds: { type: "string" }, items: { type: "string" } } });
const RATERS = Number(values.raters ?? 50);
const SECONDS = Number(values.seconds ?? 60);
const ITEMS = Number(values.items ?? 10);
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
  const lat = { get: [] as number[], put: [] as number[] };
  let errors = 0;
  let requests = 0;

  async function rater(i: number, until: number, record: boolean) {
    const cookie = cookies[i]!;
    const revisions = new Map<string, number | null>();
    let n = 0;
    while (Date.now() < until) {
      const id = assignments[i].ids[n % assignments[i].ids.length];
      let t = performance.now();
      const ws = await fetch(`${app.base}/api/rater/assignments/${id}`, { headers: { cookie } });
      const body = (await ws.json()) as { judgment: { revision: number } | null };
      if (record) lat.get.push(performance.now() - t);
      requests++;
      if (!ws.ok) errors++;
      const value = n % 11;
      t = performance.now();
      const r = await fetch(`${app.base}/api/rater/assignments/${id}/judgment`, {
        method: "PUT",
        headers: { cookie, "content-type": "application/json", origin: app.base },
        body: JSON.stringify({ status: "DRAFT", baseRevision: revisions.get(id) ?? body.judgment?.revision ?? null, sentence: { accuracy: value } }),
      });
      const saved = (await r.json()) as { judgment?: { revision: number } };
      if (record) lat.put.push(performance.now() - t);
      requests++;
      if (r.ok && saved.judgment) {
        revisions.set(id, saved.judgment.revision);
        if (record) acked.set(id, { value });
      } else errors++;
      n++;
    }
  }

  // Baseline: one rater alone for a tenth of the time.
  await rater(0, Date.now() + (SECONDS * 1000) / 10, true);
  const base = { p95put: pct(lat.put, 95), p95get: pct(lat.get, 95) };
  lat.get.length = 0;
  lat.put.length = 0;
  acked.clear();
  errors = 0;
  requests = 0;
  const t0 = performance.now();
  await Promise.all(assignments.map((_, i) => rater(i, Date.now() + SECONDS * 1000, true)));
  const sec = (performance.now() - t0) / 1000;

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
  console.log(
    `${name}: ${RATERS} raters × ${SECONDS} s: ${requests} requests (${(requests / sec).toFixed(0)}/s), ` +
      `GET p50/p95/p99 ${pct(lat.get, 50).toFixed(0)}/${pct(lat.get, 95).toFixed(0)}/${pct(lat.get, 99).toFixed(0)} ms, ` +
      `PUT p50/p95/p99 ${pct(lat.put, 50).toFixed(0)}/${pct(lat.put, 95).toFixed(0)}/${pct(lat.put, 99).toFixed(0)} ms, errors ${errors}, ` +
      `lost ${lost} of ${acked.size} acknowledged; one rater alone: PUT p95 ${base.p95put.toFixed(0)} ms, GET p95 ${base.p95get.toFixed(0)} ms ` +
      `(×${(pct(lat.put, 95) / base.p95put).toFixed(1)} under load); target p95 < 100 ms, 0 errors, 0 lost`,
  );
}

ensureBuild();
const corpus = await miniCorpus(ITEMS);
await run("pglite", corpus);
if (process.env.BENCH_DATABASE_URL) {
  process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  await run("postgres", corpus);
}
process.exit(0);
