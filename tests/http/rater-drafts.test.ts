// A rater's draft over HTTP against the built app: a value outside the rubric is stored with the
// draft as typed (200, listed in `problems` at its field key, in plain words) and read back by a
// second session; only the submission is refused (422 naming each field).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, signIn, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { createRound } from "@/lib/services/rounds";

const PW = "correct horse battery";

describe.each(TEST_DATABASES)("rater drafts over HTTP on $name", (t) => {
  let app: RunningApp;
  let assignmentId: string;
  let words: { id: string; text: string; phones: { id: string }[] }[];

  beforeAll(async () => {
    const corpus = await miniCorpus(1);
    app = await startApp(t, async (db) => {
      const rater = await createUser(db, { email: "rater@example.org", password: PW, role: "rater" });
      await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
      const ds = await db.prisma.dataset.findFirstOrThrow();
      await createRound(db, { datasetId: ds.id, name: "drafts", k: 1, raterIds: [rater.id] }, null);
      const a = await db.prisma.assignment.findFirstOrThrow({ where: { raterId: rater.id } });
      assignmentId = a.id;
      words = await db.prisma.word.findMany({ where: { itemId: a.itemId }, orderBy: { index: "asc" }, include: { phones: { orderBy: { index: "asc" } } } });
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("stores an out-of-scale value with the draft and refuses it only at submission", async () => {
    const [one, two] = [(await signIn(app.base, "rater@example.org", PW))!, (await signIn(app.base, "rater@example.org", PW))!];
    const put = (cookie: string, body: unknown) =>
      fetch(`${app.base}/api/rater/assignments/${assignmentId}/judgment`, { method: "PUT", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) });
    const w = words[0];
    const body = {
      baseRevision: null,
      sentence: { accuracy: 8, fluency: 7, prosody: 6, completeness: 1 },
      words: words.map((x, i) => ({ wordId: x.id, accuracy: 9, stress: i === 0 ? 9 : 10 })),
      phones: words.flatMap((x) => x.phones.map((p) => ({ phoneId: p.id, score: 2 }))),
    };
    const draft = await put(one, { ...body, status: "DRAFT" });
    expect(draft.status).toBe(200);
    const saved = (await draft.json()) as { judgment: { revision: number; unfit: Record<string, string> }; problems: { field: string; message: string }[] };
    expect(saved.problems).toEqual([{ field: `word.${w.id}.stress`, message: `${w.text} — stress must be 5 or 10` }]);
    expect(saved.judgment.unfit).toEqual({ [`word.${w.id}.stress`]: "9" });

    // Another session (another browser) reads every value back, the unfit one as typed.
    const read = (await (await fetch(`${app.base}/api/rater/assignments/${assignmentId}/judgment`, { headers: { cookie: two } })).json()) as {
      judgment: { status: string; sentence: Record<string, number | null>; words: { stress: number | null; accuracy: number | null }[]; phones: { score: number }[]; unfit: Record<string, string> };
    };
    expect(read.judgment).toMatchObject({ status: "DRAFT", sentence: { accuracy: 8, fluency: 7, prosody: 6, completeness: 1 }, unfit: { [`word.${w.id}.stress`]: "9" } });
    expect(read.judgment.words.map((x) => x.stress)).toEqual(words.map((_, i) => (i === 0 ? null : 10)));
    expect(read.judgment.phones.every((p) => p.score === 2)).toBe(true);

    const refused = await put(two, { ...body, status: "SUBMITTED", baseRevision: saved.judgment.revision });
    expect(refused.status).toBe(422);
    const err = (await refused.json()) as { error: { message: string; problems: { field: string; message: string }[] } };
    expect(err.error.message).toBe(`1 score needs attention: ${w.text} — stress must be 5 or 10`);
    expect(err.error.problems).toEqual([{ field: `word.${w.id}.stress`, message: `${w.text} — stress must be 5 or 10` }]);

    const fixed = { ...body, words: body.words.map((x) => ({ ...x, stress: 10 })) };
    const ok = await put(two, { ...fixed, status: "SUBMITTED", baseRevision: saved.judgment.revision });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { judgment: { unfit: object; status: string } }).judgment).toMatchObject({ status: "SUBMITTED", unfit: {} });
  });
});
