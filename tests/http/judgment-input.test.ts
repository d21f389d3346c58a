// A rater's judgment over HTTP: an oversized body is refused briefly.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, signIn, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";

const PW = "correct horse battery";

describe.each(TEST_DATABASES)("judgment input over HTTP on $name", (t) => {
  let app: RunningApp;
  let rater: string;
  let assignments: string[];

  beforeAll(async () => {
    const corpus = await miniCorpus(3);
    app = await startApp(t, async (db) => {
      const a = await createUser(db, { email: "a@example.org", password: PW, role: "rater" });
      await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
      const ds = await db.prisma.dataset.findFirstOrThrow();
      const round = await db.prisma.round.create({ data: { datasetId: ds.id, name: "r1", kind: "RATING" } });
      assignments = [];
      for (const it of await db.prisma.item.findMany({ orderBy: { uttId: "asc" } })) {
        assignments.push((await db.prisma.assignment.create({ data: { roundId: round.id, itemId: it.id, raterId: a.id } })).id);
      }
    });
    rater = (await signIn(app.base, "a@example.org", PW))!;
  });
  afterAll(async () => app?.stop());

  const url = (a: string) => `${app.base}/api/rater/assignments/${a}/judgment`;
  const put = (a: string, body: unknown) =>
    fetch(url(a), { method: "PUT", headers: { cookie: rater, "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });

  it("refuses a 2 MB judgment of 100,000 unknown words with a short 422", async () => {
    // Just under the 2 MB body limit: 100,000 short unknown ids.
    const words = Array.from({ length: 100_000 }, (_, i) => ({ wordId: i.toString(36) }));
    const body = JSON.stringify({ status: "DRAFT", baseRevision: null, words });
    expect(body.length).toBeGreaterThan(1_500_000);
    expect(body.length).toBeLessThan(2 * 1024 * 1024);
    const r = await put(assignments[0], body);
    expect(r.status).toBe(422);
    const text = await r.text();
    expect(text.length).toBeLessThan(2_000);
    expect(JSON.parse(text).error.problems).toEqual([{ field: "words", message: expect.stringMatching(/^100,000 words given; this item has \d+$/) }]);
  });
});
