// Researcher rounds over HTTP against the built app: create a round, list it, open it, raters
// submit, review an item with every rater side by side, and adjudicate (ADJUDICATED judgment + an
// AuditLog row). Raters are refused the researcher routes.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import path from "node:path";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, signIn, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { openDatabase, type Db } from "@/lib/db/client";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";

const PW = "correct horse battery";

describe.each(TEST_DATABASES)("research rounds over HTTP on $name", (t) => {
  let app: RunningApp | null = null;
  let researcher: string;
  const raters: { id: string; email: string; cookie: string }[] = [];
  let datasetId: string;
  let roundId: string;
  let pgUrl: string | null = null;

  beforeAll(async () => {
    const corpus = await miniCorpus(3);
    app = await startApp(t, async (db) => {
      await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
      for (const n of [1, 2]) {
        const email = `rater${n}@example.org`;
        raters.push({ id: (await createUser(db, { email, password: PW, role: "rater" })).id, email, cookie: "" });
      }
      await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
      datasetId = (await db.prisma.dataset.findFirstOrThrow()).id;
      // A model's prediction for the first item (on the models' 0-10 scale, completeness too).
      const first = await db.prisma.item.findFirstOrThrow({ orderBy: { uttId: "asc" }, include: { words: true, phones: true } });
      const mv = await db.prisma.modelVersion.create({ data: { name: "scorer-x", kind: "FILE" } });
      await db.prisma.prediction.create({
        data: {
          modelVersionId: mv.id,
          itemId: first.id,
          response: "Accuracy: Good",
          sentence: { accuracy: { mean: 7.2, label: "Good" }, completeness: { mean: 9.5, label: "Excellent" } },
          words: first.words.map(() => ({ accuracy: 8, label: "Good" })),
          phones: first.phones.map(() => ({ score: 1.8, label: "Good" })),
        },
      });
      if (t.name === "postgres") {
        const [{ name }] = await db.runner.query<{ name: string }>("SELECT current_database() AS name");
        const url = new URL(process.env.TEST_DATABASE_URL!);
        url.pathname = `/${name}`;
        pgUrl = url.toString();
      }
    });
    researcher = (await signIn(app.base, "res@example.org", PW))!;
    for (const r of raters) r.cookie = (await signIn(app.base, r.email, PW))!;
  });
  afterAll(async () => {
    await app?.stop();
  });

  const call = (p: string, cookie: string | undefined, method = "GET", body?: unknown) =>
    fetch(`${app!.base}${p}`, {
      method,
      redirect: "manual",
      headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("creates a round from a valid body and refuses raters, anonymous users and bad bodies", async () => {
    const body = { datasetId, name: "pilot", k: 2, raterIds: raters.map((r) => r.id), seed: 7 };
    expect((await call("/api/rounds", undefined, "POST", body)).status).toBe(401);
    expect((await call("/api/rounds", raters[0].cookie, "POST", body)).status).toBe(403);
    const bad = await call("/api/rounds", researcher, "POST", { ...body, k: 0 });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { problems: { field: string }[] } }).error.problems.map((p) => p.field)).toContain("k");

    const res = await call("/api/rounds", researcher, "POST", body);
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; name: string; items: number; assignments: number };
    expect(created).toMatchObject({ name: "pilot", items: 3, assignments: 6 });
    roundId = created.id;
    // Same name in the same dataset: a conflict, not a second round.
    expect((await call("/api/rounds", researcher, "POST", body)).status).toBe(409);
  });

  it("lists the round and shows it on the researcher pages only", async () => {
    const list = (await (await call("/api/rounds", researcher)).json()) as { rounds: { id: string; name: string; assignments: number; submitted: number }[] };
    expect(list.rounds.find((r) => r.id === roundId)).toMatchObject({ name: "pilot", assignments: 6, submitted: 0 });
    expect((await call("/api/rounds", raters[0].cookie)).status).toBe(403);

    const page = await call("/rounds", researcher);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`/rounds/${roundId}`);
    const one = await call(`/rounds/${roundId}`, researcher);
    expect(one.status).toBe(200);
    expect(await one.text()).toContain("pilot");
    expect((await call(`/rounds/${roundId}`, raters[0].cookie)).status).not.toBe(200);
    expect((await call(`/api/rounds/${roundId}`, raters[0].cookie)).status).toBe(403);
  });

  it("shows every rater's submitted judgment of an item side by side, with disagreements", async () => {
    // Each rater submits every assignment through the rater API; rater 1 scores low, rater 2 high.
    for (const [n, r] of raters.entries()) {
      const q = (await (await call("/api/rater/queue", r.cookie)).json()) as { rows: { id: string }[] };
      expect(q.rows).toHaveLength(3);
      for (const row of q.rows) {
        const ws = (await (await call(`/api/rater/assignments/${row.id}`, r.cookie)).json()) as { item: { words: { id: string; phones: { id: string }[] }[] } };
        const acc = n === 0 ? 2 : 9;
        const put = await call(`/api/rater/assignments/${row.id}/judgment`, r.cookie, "PUT", {
          status: "SUBMITTED",
          baseRevision: null,
          idempotencyKey: `submit-${row.id}`,
          sentence: { accuracy: acc, fluency: 7, prosody: 6, completeness: 1 },
          words: ws.item.words.map((w) => ({ wordId: w.id, accuracy: acc, stress: 10 })),
          phones: ws.item.words.flatMap((w) => w.phones.map((p) => ({ phoneId: p.id, score: n === 0 ? 0 : 2 }))),
        });
        expect(put.status).toBe(200);
      }
    }
    const o = (await (await call(`/api/rounds/${roundId}`, researcher)).json()) as { items: { id: string; submitted: number; spread: number }[]; raters: { rater: string; done: number }[] };
    expect(o.items).toHaveLength(3);
    expect(o.items.every((i) => i.submitted === 2 && i.spread > 0)).toBe(true);
    expect(o.raters.map((r) => [r.rater, r.done]).sort()).toEqual([["rater1@example.org", 3], ["rater2@example.org", 3]]);

    const itemId = o.items[0].id;
    const review = (await (await call(`/api/rounds/${roundId}/items/${itemId}`, researcher)).json()) as {
      item: { words: { id: string; phones: { id: string }[] }[] };
      raters: { rater: string; judgment: { sentence: { accuracy: number } } | null }[];
      disagreements: string[];
      prefill: Record<string, number | null>;
      model: unknown;
      adjudicated: unknown;
    };
    expect(review.raters.map((r) => [r.rater, r.judgment?.sentence.accuracy])).toEqual([["rater1@example.org", 2], ["rater2@example.org", 9]]);
    expect(review.disagreements).toEqual(expect.arrayContaining(["sentence.accuracy"]));
    expect(review.disagreements.some((d) => d.startsWith("phone."))).toBe(true);
    expect(review.disagreements).not.toContain("sentence.fluency");
    // The form starts from the raters' mean rounded to the scale, never the lower rater: accuracy 2
    // and 9 → 5.5, halfway, left empty; phones 0 and 2 → 1; agreeing scores as they are.
    const w0 = review.item.words[0];
    expect(review.prefill).toMatchObject({ "sentence.accuracy": null, "sentence.fluency": 7, "sentence.completeness": 1, [`word.${w0.id}.stress`]: 10, [`phone.${w0.phones[0].id}.score`]: 1 });
    // The model's values on the rubric's scales beside the raters': completeness 9.5 → 0.95.
    expect(review.model).toMatchObject({
      name: "scorer-x",
      values: { "sentence.accuracy": { value: 7.2, label: "Good" }, "sentence.completeness": { value: 0.95, label: "Excellent" }, [`word.${w0.id}.accuracy`]: { value: 8 }, [`phone.${w0.phones[0].id}.score`]: { value: 1.8 } },
    });
    expect(Object.keys((review.model as { values: object }).values)).not.toContain(`word.${w0.id}.stress`);
    expect(review.adjudicated).toBeNull();
    const page = await call(`/rounds/${roundId}/items/${itemId}`, researcher);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("rater1@example.org");
    expect(html).toContain("rater2@example.org");
    expect((await call(`/api/rounds/${roundId}/items/${itemId}`, raters[0].cookie)).status).toBe(403);
  });

  it("adjudicates an item: the ADJUDICATED judgment is stored with an audit log row", async () => {
    const o = (await (await call(`/api/rounds/${roundId}`, researcher)).json()) as { items: { id: string }[] };
    const itemId = o.items[0].id;
    const review = (await (await call(`/api/rounds/${roundId}/items/${itemId}`, researcher)).json()) as { item: { words: { id: string; phones: { id: string }[] }[] } };
    const body = {
      baseRevision: null,
      sentence: { accuracy: 6, fluency: 7, prosody: 6, completeness: 1 },
      words: review.item.words.map((w) => ({ wordId: w.id, accuracy: 6, stress: 10 })),
      phones: review.item.words.flatMap((w) => w.phones.map((p) => ({ phoneId: p.id, score: 1 }))),
      comment: "split the difference",
    };
    expect((await call(`/api/rounds/${roundId}/items/${itemId}`, raters[0].cookie, "POST", body)).status).toBe(403);
    const bad = await call(`/api/rounds/${roundId}/items/${itemId}`, researcher, "POST", { ...body, sentence: { ...body.sentence, accuracy: 11 } });
    expect(bad.status).toBe(422);
    const res = await call(`/api/rounds/${roundId}/items/${itemId}`, researcher, "POST", body);
    expect(res.status).toBe(200);
    const saved = (await res.json()) as { id: string; revision: number };
    expect(saved.revision).toBe(1);
    const again = (await (await call(`/api/rounds/${roundId}/items/${itemId}`, researcher)).json()) as { adjudicated: { id: string; revision: number; sentence: { accuracy: number }; comment: string } | null };
    expect(again.adjudicated).toMatchObject({ id: saved.id, revision: 1, sentence: { accuracy: 6 }, comment: "split the difference" });

    // Like judgments: a save made on a revision that is no longer the latest is a conflict with theirs.
    const stale = await call(`/api/rounds/${roundId}/items/${itemId}`, researcher, "POST", { ...body, sentence: { ...body.sentence, accuracy: 8 } });
    expect(stale.status).toBe(409);
    const c = (await stale.json()) as { conflict: { message: string; theirs: { revision: number; sentence: { accuracy: number } } } };
    expect(c.conflict.theirs).toMatchObject({ revision: 1, sentence: { accuracy: 6 } });
    expect(c.conflict.message).toMatch(/revision 1/);
    const revised = await call(`/api/rounds/${roundId}/items/${itemId}`, researcher, "POST", { ...body, baseRevision: 1, sentence: { ...body.sentence, accuracy: 8 } });
    expect(revised.status).toBe(200);
    expect(((await revised.json()) as { revision: number }).revision).toBe(2);

    // The database: PostgreSQL can be read while the app runs; PGlite only once the app has stopped.
    let db: Db;
    if (pgUrl) db = await openDatabase({ kind: "postgres", url: pgUrl });
    else {
      await app!.stop();
      db = await openDatabase({ kind: "pglite", dir: path.join(app!.dataDir, "pglite") });
      app = null;
    }
    try {
      const j = await db.prisma.judgment.findUniqueOrThrow({ where: { id: saved.id }, include: { wordScores: true, phoneScores: true } });
      expect(j).toMatchObject({ kind: "ADJUDICATED", key: `c:${itemId}:ADJUDICATED`, itemId, status: "SUBMITTED", accuracy: 8, revision: 2 });
      expect(await db.prisma.judgmentRevision.count({ where: { judgmentId: j.id } })).toBe(1);
      expect(j.wordScores).toHaveLength(review.item.words.length);
      expect(j.phoneScores.every((p) => p.score === 1)).toBe(true);
      const logs = await db.prisma.auditLog.findMany({ where: { action: "judgment.adjudicate" }, orderBy: { createdAt: "asc" } });
      expect(logs).toHaveLength(2);
      expect(logs[0].details).toMatchObject({ roundId, itemId, judgmentId: saved.id });
      const res = await db.prisma.user.findUniqueOrThrow({ where: { email: "res@example.org" } });
      expect(logs[0].userId).toBe(res.id);
      expect(j.raterId).toBe(res.id);
    } finally {
      await db.close();
    }
  });
});
