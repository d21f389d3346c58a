// Faults: PostgreSQL restarts (pg_ctl restart -m fast, then an immediate-mode stop, a second of
// outage and a start) while ten raters keep saving drafts and submissions over HTTP against the
// built app. Every acknowledged save is in the database with the last acknowledged value; a save
// that failed got a clean 503 (JSON body, Retry-After, no internals) — no hang, no 500, no crash;
// the app's pool reconnects by itself; retried exactly as the browser retries (same base revision,
// same idempotency key for a submission), every save is stored exactly once.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { startApp, signIn, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { startPrivatePostgres, type PrivatePostgres } from "../helpers/private-postgres";

const RATERS = 10;
const ITEMS = 3;
const PW = "restart test password";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Shape {
  words: string[];
  phones: string[];
}
/** One assignment as its rater's browser tracks it. */
interface Slot {
  id: string;
  shape: Shape;
  base: number | null;
  submitted: boolean;
  /** Saves acknowledged (each one write), submissions among them, and the last acknowledged value. */
  acked: number;
  submits: number;
  last: { accuracy: number; status: "DRAFT" | "SUBMITTED" } | null;
}
/** One HTTP attempt: when, and what came back. */
interface Attempt {
  start: number;
  end: number;
  status: number | "network" | "timeout";
  /** A 503's body and Retry-After, or any other unexpected answer, for the assertions. */
  body?: string;
  retryAfter?: string | null;
}

describe("PostgreSQL restarts while raters save", () => {
  let pg: PrivatePostgres;
  let app: RunningApp;
  const raters: { email: string; cookie: string; slots: Slot[] }[] = [];

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    const corpus = await miniCorpus(ITEMS);
    // startApp creates its fresh database on the TEST_DATABASE_URL server: here, the private cluster.
    const saved = process.env.TEST_DATABASE_URL;
    process.env.TEST_DATABASE_URL = pg.url;
    try {
      app = await startApp({ name: "postgres", open: () => Promise.reject(new Error("unused")) }, async (db) => {
        await importSpeechocean762(db, { dir: corpus, dataset: "restart", split: "test" });
        const ds = await db.prisma.dataset.findFirstOrThrow({ where: { name: "restart" } });
        const items = await db.prisma.item.findMany({
          where: { datasetId: ds.id },
          orderBy: { uttId: "asc" },
          include: { words: { orderBy: { index: "asc" }, include: { phones: { orderBy: { index: "asc" } } } } },
        });
        const round = await db.prisma.round.create({ data: { datasetId: ds.id, name: "restart", kind: "RATING" } });
        for (let r = 0; r < RATERS; r++) {
          const u = await createUser(db, { email: `rater${r}@restart.test`, password: PW, role: "rater" });
          const slots: Slot[] = [];
          for (const [i, it] of items.entries()) {
            const a = await db.prisma.assignment.create({ data: { roundId: round.id, itemId: it.id, raterId: u.id, position: i } });
            const shape = { words: it.words.map((w) => w.id), phones: it.words.flatMap((w) => w.phones.map((p) => p.id)) };
            slots.push({ id: a.id, shape, base: null, submitted: false, acked: 0, submits: 0, last: null });
          }
          raters.push({ email: u.email, cookie: "", slots });
        }
      });
    } finally {
      if (saved === undefined) delete process.env.TEST_DATABASE_URL;
      else process.env.TEST_DATABASE_URL = saved;
    }
    for (const r of raters) r.cookie = (await signIn(app.base, r.email, PW))!;
  });
  afterAll(async () => {
    await app?.stop();
    await pg?.teardown();
  });

  it("keeps every acknowledged save, answers 503 during the outage, reconnects, and stores retried saves once", async () => {
    const attempts: Attempt[] = [];
    const unexpected: string[] = [];
    let stop = false;

    // Full scores (a submission needs every one); sentence accuracy carries the value under test.
    const scores = (shape: Shape, accuracy: number) => ({
      sentence: { accuracy, fluency: 7, prosody: 6, completeness: 1 },
      words: shape.words.map((wordId) => ({ wordId, accuracy: 9, stress: 10 })),
      phones: shape.phones.map((phoneId) => ({ phoneId, score: 2 })),
    });

    /** Saves like the browser: repeats the same request (same base, same key) until it is acknowledged. */
    async function save(cookie: string, slot: Slot, status: "DRAFT" | "SUBMITTED", accuracy: number, key?: string) {
      const body = JSON.stringify({ status, baseRevision: slot.base, ...(key ? { idempotencyKey: key } : {}), ...scores(slot.shape, accuracy) });
      const giveUp = Date.now() + 30_000;
      while (Date.now() < giveUp) {
        const a: Attempt = { start: Date.now(), end: 0, status: "network" };
        attempts.push(a);
        let r: Response;
        try {
          r = await fetch(`${app.base}/api/rater/assignments/${slot.id}/judgment`, {
            method: "PUT",
            headers: { cookie, "content-type": "application/json", origin: app.base },
            body,
            signal: AbortSignal.timeout(15_000),
          });
        } catch (e) {
          a.end = Date.now();
          a.status = (e as Error).name === "TimeoutError" ? "timeout" : "network";
          unexpected.push(`${a.status}: ${(e as Error).message}`);
          await sleep(200);
          continue;
        }
        a.end = Date.now();
        a.status = r.status;
        const text = await r.text();
        const json = JSON.parse(text) as { judgment?: { revision: number }; conflict?: { yours: unknown; theirs: { revision: number; status: string } & Record<string, unknown> } };
        let revision: number | null = null;
        if (r.status === 200) revision = json.judgment!.revision;
        else if (r.status === 409 && json.conflict?.theirs && status === "DRAFT") {
          // The browser's rule: "theirs" with our own scores is our own earlier attempt that did
          // reach the database before the connection dropped — build on it.
          const { yours, theirs } = json.conflict as { yours: Record<string, unknown>; theirs: Record<string, unknown> & { revision: number; status: string } };
          const same = (["sentence", "words", "phones", "comment"] as const).every((k) => JSON.stringify(yours[k]) === JSON.stringify(theirs[k]));
          if (same && theirs.status === "DRAFT") revision = theirs.revision;
        }
        if (revision !== null) {
          slot.base = revision;
          slot.acked++;
          if (status === "SUBMITTED") {
            slot.submits++;
            slot.submitted = true;
          }
          slot.last = { accuracy, status };
          return;
        }
        if (r.status === 503) {
          a.body = text;
          a.retryAfter = r.headers.get("retry-after");
        } else unexpected.push(`${r.status}: ${text.slice(0, 300)}`);
        await sleep(100 + Math.random() * 200);
      }
      unexpected.push(`gave up on a save of ${slot.id}`);
    }

    async function rater(i: number) {
      const me = raters[i];
      for (let n = 0; !stop; n++) {
        const k = n % ITEMS;
        const slot = me.slots[k];
        const accuracy = (n + i) % 11;
        // Item 0 only ever gets drafts; item 1 one draft, then submissions (each later one an edit,
        // kept as a revision); item 2 three drafts, then submissions. A submitted item is only
        // edited by submitting again.
        const round = Math.floor(n / ITEMS);
        const submit = slot.submitted || (k === 1 && round >= 1) || (k === 2 && round >= 3);
        await save(me.cookie, slot, submit ? "SUBMITTED" : "DRAFT", accuracy, submit ? `restart-${i}-${n}-${Math.random().toString(36).slice(2)}` : undefined);
      }
    }

    const t0 = Date.now();
    const running = raters.map((_, i) => rater(i));
    await sleep(1500);
    const fast = { down: Date.now(), up: 0 };
    await pg.restart("fast");
    fast.up = Date.now();
    await sleep(2000);
    const crash = { down: Date.now(), up: 0 };
    await pg.stop("immediate");
    await sleep(1000);
    await pg.start();
    crash.up = Date.now();
    await sleep(3000);
    stop = true;
    await Promise.all(running);

    // Figures for the report.
    const within = (w: { down: number; up: number }, a: Attempt) => a.start <= w.up && a.end >= w.down;
    const figure = (w: { down: number; up: number }) => {
      const around = attempts.filter((a) => within(w, a));
      const failed = around.filter((a) => a.status !== 200 && a.status !== 409);
      const fails = failed.map((a) => a.end);
      const firstOk = Math.min(...attempts.filter((a) => a.status === 200 && a.start >= w.up).map((a) => a.end));
      return (
        `pg_ctl down→up ${w.up - w.down} ms, 503s answered from +${Math.min(...fails) - w.down} to +${Math.max(...fails) - w.down} ms, ` +
        `${around.length - failed.length} acknowledged and ${failed.length} failed in that window, first acknowledgement ${firstOk - w.up} ms after up`
      );
    };
    const count = (s: Attempt["status"]) => attempts.filter((a) => a.status === s).length;
    console.log(
      `postgres restart: ${attempts.length} attempts in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${count(200)} × 200, ${count(409)} × 409 (own earlier attempt), ` +
        `${count(503)} × 503; fast restart: ${figure(fast)}; immediate stop + start: ${figure(crash)}`,
    );

    // Every failure was a clean 503: no 500, no hang, no dropped connection to the app.
    expect(unexpected).toEqual([]);
    const failures = attempts.filter((a) => a.status === 503);
    expect(failures.length).toBeGreaterThan(0); // the outage did hit saves
    for (const f of failures) {
      expect(f.retryAfter).toMatch(/^\d+$/);
      const body = JSON.parse(f.body!) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("DB_UNAVAILABLE");
      expect(f.body).not.toMatch(/prisma|ECONN|57P0|P10\d\d|127\.0\.0\.1|terminat|postgres|stack|\bat /i);
    }
    // The same app process saves again after each restart: its pool reconnected by itself.
    const ackedAfter = (t: number, until = Infinity) => attempts.filter((a) => a.status === 200 && a.start > t && a.end < until).length;
    expect(ackedAfter(fast.up, crash.down)).toBeGreaterThan(0);
    expect(ackedAfter(crash.up)).toBeGreaterThanOrEqual(RATERS);
    expect((await fetch(`${app.base}/api/health`)).status).toBe(200);

    // The database holds, for every assignment, one judgment with the last acknowledged value, a
    // revision per acknowledged save (none applied twice), and one kept revision per re-submission.
    const db = await openDatabase({ kind: "postgres", url: app.databaseUrl! });
    try {
      const slots = raters.flatMap((r) => r.slots);
      const rows = await db.prisma.judgment.findMany({
        where: { assignmentId: { in: slots.map((s) => s.id) } },
        select: { assignmentId: true, kind: true, accuracy: true, status: true, revision: true, _count: { select: { revisions: true } } },
      });
      const wrong: string[] = [];
      for (const s of slots) {
        const mine = rows.filter((j) => j.assignmentId === s.id);
        const want = { judgments: 1, accuracy: s.last?.accuracy, status: s.last?.status, revision: s.acked, kept: Math.max(0, s.submits - 1) };
        const got = { judgments: mine.length, accuracy: mine[0]?.accuracy, status: mine[0]?.status, revision: mine[0]?.revision, kept: mine[0]?._count.revisions };
        if (JSON.stringify(want) !== JSON.stringify(got)) wrong.push(`${s.id}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
      }
      expect(wrong).toEqual([]);
      expect(slots.every((s) => s.acked > 0)).toBe(true);
      expect(slots.some((s) => s.submits > 1)).toBe(true); // re-submissions happened, so `kept` was tested
    } finally {
      await db.close();
    }
  });
});
