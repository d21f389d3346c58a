// Benchmark: saving judgments through the service layer under 50 concurrent raters, on PGlite and
// (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set) on PostgreSQL. Prints throughput,
// p50/p95/p99, errors, and checks that every acknowledged save is in the database; the baseline is
// one rater saving alone in the same run.
//   npx tsx scripts/bench/judgment-save.ts [--raters 50] [--items 10]
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { openDatabase, type Db } from "@/lib/db/client";
import { SPEECHOCEAN762_RUBRIC } from "@/lib/rubric/rubric";
import { saveJudgment } from "@/lib/services/judgments";

const { values } = parseArgs({ options: { raters: { type: "string" }, items: { type: "string" } } });
const RATERS = Number(values.raters ?? 50);
const ITEMS = Number(values.items ?? 10); // per rater; each gets a draft save and a submit
const WORDS = 5;
const PHONES_PER_WORD = 3;

async function seed(db: Db) {
  const ds = await db.prisma.dataset.create({ data: { name: `bench-${randomBytes(3).toString("hex")}`, rubric: SPEECHOCEAN762_RUBRIC, sourceFormat: "bench" } });
  const items: { id: string; words: { id: string; phones: string[] }[] }[] = [];
  for (let i = 0; i < ITEMS; i++) {
    const item = await db.prisma.item.create({
      data: { datasetId: ds.id, uttId: `u${i}`, text: "A B C D E", split: "test", speakerId: "s", audioSha256: "0".repeat(64), audioBytes: 0, durationSec: 2, sampleRate: 16000, channels: 1, bitsPerSample: 16, contentHash: `h${i}` },
    });
    const words = [];
    for (let w = 0; w < WORDS; w++) {
      const word = await db.prisma.word.create({ data: { itemId: item.id, index: w, text: `W${w}`, canonicalPhones: "AH B K" } });
      const phones = [];
      for (let p = 0; p < PHONES_PER_WORD; p++) {
        phones.push((await db.prisma.phone.create({ data: { itemId: item.id, wordId: word.id, index: p, position: w * PHONES_PER_WORD + p, symbol: ["AH0", "B", "K"][p] } })).id);
      }
      words.push({ id: word.id, phones });
    }
    items.push({ id: item.id, words });
  }
  const round = await db.prisma.round.create({ data: { datasetId: ds.id, name: "bench", kind: "RATING" } });
  const raters: { id: string; assignments: { id: string; item: (typeof items)[number] }[] }[] = [];
  for (let r = 0; r < RATERS + 1; r++) {
    const u = await db.prisma.user.create({ data: { email: `bench-${ds.name}-${r}@example.org`, role: "RATER" } });
    await db.prisma.assignment.createMany({ data: items.map((it, position) => ({ roundId: round.id, itemId: it.id, raterId: u.id, position })) });
    const as = await db.prisma.assignment.findMany({ where: { raterId: u.id }, orderBy: { position: "asc" } });
    raters.push({ id: u.id, assignments: as.map((a) => ({ id: a.id, item: items.find((i) => i.id === a.itemId)! })) });
  }
  return raters;
}

type Ack = { assignmentId: string; revision: number; accuracy: number };

async function raterSession(db: Db, rater: { id: string; assignments: { id: string; item: { words: { id: string; phones: string[] }[] } }[] }, lat: number[], acks: Ack[], errors: string[]) {
  for (const [n, a] of rater.assignments.entries()) {
    const accuracy = n % 11;
    const body = {
      sentence: { accuracy, fluency: 7, prosody: 6, completeness: 1 },
      words: a.item.words.map((w) => ({ wordId: w.id, accuracy: 8, stress: 10 })),
      phones: a.item.words.flatMap((w) => w.phones.map((p) => ({ phoneId: p, score: 2 }))),
    };
    let base: number | null = null;
    for (const status of ["DRAFT", "SUBMITTED"] as const) {
      const t0 = performance.now();
      try {
        const r = await saveJudgment(db, rater.id, a.id, { ...body, status, baseRevision: base, idempotencyKey: `${a.id}:${status}` });
        lat.push(performance.now() - t0);
        if (!r.ok) errors.push(`conflict: ${r.conflict.message}`);
        else {
          base = r.judgment.revision;
          acks.push({ assignmentId: a.id, revision: r.judgment.revision, accuracy });
        }
      } catch (e) {
        lat.push(performance.now() - t0);
        errors.push(String((e as Error).message ?? e));
      }
    }
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};

async function run(name: string, open: () => Promise<{ db: Db; done(): Promise<void> }>) {
  const { db, done } = await open();
  try {
    await db.migrate();
    const raters = await seed(db);
    const results: Record<string, { saves: number; seconds: number; perSec: number; p50: number; p95: number; p99: number; errors: number; lost: number }> = {};
    for (const [label, group] of [["1 rater (baseline)", raters.slice(0, 1)], [`${RATERS} concurrent raters`, raters.slice(1)]] as const) {
      const lat: number[] = [];
      const acks: Ack[] = [];
      const errors: string[] = [];
      const t0 = performance.now();
      await Promise.all(group.map((r) => raterSession(db, r, lat, acks, errors)));
      const seconds = (performance.now() - t0) / 1000;
      // Every acknowledged save must be in the database: the final state is the last ack per assignment.
      const last = new Map<string, Ack>();
      for (const a of acks) if ((last.get(a.assignmentId)?.revision ?? 0) < a.revision) last.set(a.assignmentId, a);
      const stored = await db.prisma.judgment.findMany({ where: { assignmentId: { in: [...last.keys()] } }, select: { assignmentId: true, revision: true, accuracy: true, status: true } });
      const byId = new Map(stored.map((s) => [s.assignmentId!, s] as const));
      const lost = [...last.values()].filter((a) => {
        const s = byId.get(a.assignmentId);
        return !s || s.revision !== a.revision || s.accuracy !== a.accuracy || s.status !== "SUBMITTED";
      }).length;
      results[label] = { saves: lat.length, seconds: +seconds.toFixed(2), perSec: +(lat.length / seconds).toFixed(1), p50: +pct(lat, 50).toFixed(1), p95: +pct(lat, 95).toFixed(1), p99: +pct(lat, 99).toFixed(1), errors: errors.length, lost };
      if (errors.length) console.error(`  ${name} ${label}: first errors:`, errors.slice(0, 3));
    }
    console.log(`\n${name}: judgment saves (draft + submit per item, ${WORDS} words × ${PHONES_PER_WORD} phones)`);
    console.table(results);
    const base = results["1 rater (baseline)"];
    const many = results[`${RATERS} concurrent raters`];
    console.log(`  throughput ×${(many.perSec / base.perSec).toFixed(2)} vs one rater; p95 ×${(many.p95 / base.p95).toFixed(1)}; target p95 < 100 ms: ${many.p95 < 100 ? "met" : "NOT met"}; errors ${many.errors}; lost ${many.lost}`);
  } finally {
    await done();
  }
}

await run("PGlite (embedded)", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "attest-bench-"));
  const db = await openDatabase({ kind: "pglite", dir });
  return { db, done: async () => { await db.close(); await rm(dir, { recursive: true, force: true }); } };
});

const pgUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
if (pgUrl) {
  await run("PostgreSQL", async () => {
    const name = `attest_bench_${process.pid}_${randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    const db = await openDatabase({ kind: "postgres", url: url.toString() });
    return {
      db,
      done: async () => {
        await db.close();
        // A pool client still closing when DROP … WITH (FORCE) terminates it emits 57P01 with no
        // listener left; that is the teardown, not a benchmark failure.
        process.on("uncaughtException", (e) => {
          if ((e as { code?: string }).code !== "57P01") throw e;
        });
        const a = new pg.Client({ connectionString: pgUrl });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await a.end();
      },
    };
  });
} else console.log("\n(PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
process.exit(0);
