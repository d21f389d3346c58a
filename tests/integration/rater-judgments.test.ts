// Rounds, assignments and judgments through the service layer on every test database: balanced
// seeded assignment, idempotent submits, revisions, conflicts, and strict per-rater privacy.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { TEST_DATABASES, openMigrated } from "../helpers/databases";
import { miniCorpus } from "../helpers/corpus";
import type { Db } from "@/lib/db/client";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { createRound } from "@/lib/services/rounds";
import { saveJudgment, skipAssignment, listOwnRevisions } from "@/lib/services/judgments";
import { getWorkspace, getRaterQueue } from "@/lib/services/rater-workspace";
import { getModelPanel, answerMention, getAbChoice, savePreference } from "@/lib/services/model-panel";
import type { SaveJudgmentInput } from "@/lib/schemas/rater";

type Ws = Awaited<ReturnType<typeof getWorkspace>>;

/** A complete submission for a workspace, every score set to "good" values. */
export function fullScores(ws: Ws, status: "DRAFT" | "SUBMITTED", baseRevision: number | null, acc = 8): SaveJudgmentInput {
  return {
    status,
    baseRevision,
    sentence: { accuracy: acc, fluency: 7, prosody: 6, completeness: 1 },
    words: ws.item.words.map((w) => ({ wordId: w.id, accuracy: 9, stress: 10, inserted: [] })),
    phones: ws.item.words.flatMap((w) => w.phones.map((p) => ({ phoneId: p.id, score: 2 }))),
  };
}

describe.each(TEST_DATABASES)("rater rounds and judgments on $name", (t) => {
  let db: Db;
  let raters: string[];
  let roundId: string;

  beforeAll(async () => {
    db = await openMigrated(t);
    const corpus = await miniCorpus(4);
    await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
    raters = [];
    for (const n of [1, 2, 3]) raters.push((await createUser(db, { email: `r${n}@example.org`, password: "correct horse battery", role: "rater" })).id);
    const ds = await db.prisma.dataset.findFirstOrThrow();
    const res = await createUser(db, { email: "res@example.org", password: "correct horse battery", role: "researcher" });
    const r = await createRound(db, { datasetId: ds.id, name: "round 1", k: 2, raterIds: raters, seed: 42 }, res.id);
    roundId = r.id;
    expect(r).toMatchObject({ items: 4, assignments: 8 });
  });
  afterAll(async () => {
    await db?.close();
  });

  const mine = async (rater: string) => db.prisma.assignment.findMany({ where: { roundId, raterId: rater }, orderBy: { position: "asc" } });

  it("assigns each item to k distinct raters with balanced loads", async () => {
    const all = await db.prisma.assignment.findMany({ where: { roundId } });
    const perItem = new Map<string, Set<string>>();
    for (const a of all) perItem.set(a.itemId, (perItem.get(a.itemId) ?? new Set()).add(a.raterId));
    expect([...perItem.values()].every((s) => s.size === 2)).toBe(true);
    const loads = raters.map((r) => all.filter((a) => a.raterId === r).length).sort();
    expect(loads[2] - loads[0]).toBeLessThanOrEqual(1);
    const ds = await db.prisma.dataset.findFirstOrThrow();
    await expect(createRound(db, { datasetId: ds.id, name: "round 1", k: 2, raterIds: raters }, null)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(createRound(db, { datasetId: ds.id, name: "too many", k: 4, raterIds: raters }, null)).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("mixes in gold items without duplicates and never tells the rater which are gold", async () => {
    const ds = await db.prisma.dataset.findFirstOrThrow();
    const r = await createRound(db, { datasetId: ds.id, name: "mixed", k: 1, raterIds: raters, seed: 1, filter: { limit: 2 }, goldRate: 0.5 }, null);
    const all = await db.prisma.assignment.findMany({ where: { roundId: r.id } });
    expect(all.some((a) => a.isGold)).toBe(true);
    for (const rater of raters) {
      const items = all.filter((a) => a.raterId === rater).map((a) => a.itemId);
      expect(new Set(items).size).toBe(items.length);
    }
    const gold = all.find((a) => a.isGold)!;
    const ws = await getWorkspace(db, gold.raterId, gold.id);
    expect(JSON.stringify(ws)).not.toMatch(/isGold|"gold/i);
  });

  it("saves a draft, submits once under a double submit, and keeps revisions of edits", async () => {
    const [a] = await mine(raters[0]);
    const ws = await getWorkspace(db, raters[0], a.id);
    expect(ws.judgment).toBeNull();
    const draft = await saveJudgment(db, raters[0], a.id, { status: "DRAFT", baseRevision: null, sentence: { accuracy: 5 } });
    expect(draft.ok && draft.judgment.revision).toBe(1);
    expect((await db.prisma.assignment.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("IN_PROGRESS");

    const submit = { ...fullScores(ws, "SUBMITTED", 1), idempotencyKey: "submit-key-0001" };
    const [s1, s2] = await Promise.all([saveJudgment(db, raters[0], a.id, submit), saveJudgment(db, raters[0], a.id, submit)]);
    expect(s1.ok && s2.ok).toBe(true);
    expect([s1, s2].filter((s) => s.ok && s.replayed)).toHaveLength(1);
    expect(await db.prisma.judgment.count({ where: { assignmentId: a.id } })).toBe(1);
    const j = await db.prisma.judgment.findFirstOrThrow({ where: { assignmentId: a.id } });
    expect(j).toMatchObject({ status: "SUBMITTED", revision: 2, accuracy: 8, total: 7.7 });
    // A retry of the same request later is still a replay, not a new revision.
    const again = await saveJudgment(db, raters[0], a.id, submit);
    expect(again.ok && again.replayed).toBe(true);

    // Word totals are derived from the rubric, not typed.
    const w = await db.prisma.wordScore.findFirstOrThrow({ where: { judgmentId: j.id } });
    expect(w.total).toBeCloseTo(0.8 * 9 + 0.2 * 10, 6);

    const edit = await saveJudgment(db, raters[0], a.id, { ...fullScores(ws, "SUBMITTED", 2, 4), idempotencyKey: "edit-key-00001" });
    expect(edit.ok && edit.judgment).toMatchObject({ revision: 3, sentence: { accuracy: 4 } });
    const revs = await listOwnRevisions(db, raters[0], a.id);
    expect(revs.map((r) => r.revision)).toEqual([2]);
    expect((revs[0].data as { sentence: { accuracy: number } }).sentence.accuracy).toBe(8);
    await expect(saveJudgment(db, raters[0], a.id, { status: "DRAFT", baseRevision: 3 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("reports a conflict with both versions when two tabs save on the same revision", async () => {
    const [, b] = await mine(raters[0]);
    const ws = await getWorkspace(db, raters[0], b.id);
    const first = await saveJudgment(db, raters[0], b.id, { status: "DRAFT", baseRevision: null, sentence: { accuracy: 3 } });
    expect(first.ok).toBe(true);
    const tabA = saveJudgment(db, raters[0], b.id, { status: "DRAFT", baseRevision: 1, sentence: { accuracy: 6 } });
    const tabB = saveJudgment(db, raters[0], b.id, { status: "DRAFT", baseRevision: 1, sentence: { accuracy: 9 } });
    const results = await Promise.all([tabA, tabB]);
    const won = results.filter((r) => r.ok);
    const lost = results.filter((r) => !r.ok);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const c = lost[0];
    if (c.ok) throw new Error("unreachable");
    const winner = won[0].ok ? won[0].judgment.sentence.accuracy : null;
    expect(c.conflict.theirs?.sentence.accuracy).toBe(winner);
    expect(c.conflict.yours.sentence.accuracy).toBe(winner === 6 ? 9 : 6);
    const stored = await db.prisma.judgment.findFirstOrThrow({ where: { assignmentId: b.id } });
    expect(stored.accuracy).toBe(winner);
    expect(ws.item.id).toBe(b.itemId);
  });

  it("keeps a draft's values outside the rubric as typed and refuses them only at submission, each problem at its field", async () => {
    const [, , c] = await mine(raters[1]).then((x) => [...x, x[0], x[0]]);
    const ws = await getWorkspace(db, raters[1], c.id);
    const w0 = ws.item.words[0];
    const p0 = w0.phones[0];
    const draft = fullScores(ws, "DRAFT", null);
    draft.words![0].stress = 9;
    draft.sentence!.accuracy = "eleven";
    draft.sentence!.completeness = "0.8";
    draft.phones![0].score = 1.5;
    const saved = await saveJudgment(db, raters[1], c.id, draft);
    if (!saved.ok) throw new Error("a draft is never a conflict here");
    // The three unfit values are kept exactly as typed, their scores empty; the fitting text "0.8" is a score.
    expect(saved.judgment.unfit).toEqual({ [`word.${w0.id}.stress`]: "9", "sentence.accuracy": "eleven", [`phone.${p0.id}.score`]: "1.5" });
    expect(saved.judgment.sentence).toMatchObject({ accuracy: null, completeness: 0.8, total: null });
    expect(saved.judgment.words[0]).toMatchObject({ accuracy: 9, stress: null, total: null });
    expect(saved.problems).toEqual(
      expect.arrayContaining([
        { field: `word.${w0.id}.stress`, message: `${w0.text} — stress must be 5 or 10` },
        { field: "sentence.accuracy", message: 'Sentence — accuracy must be a whole number from 0 to 10 ("eleven" is not a number)' },
        { field: `phone.${p0.id}.score`, message: `/${p0.symbol}/ in ${w0.text} — score must be 0, 1 or 2` },
      ]),
    );
    expect(saved.problems).toHaveLength(3);
    // Read back (another browser opening the item): every value is there, the unfit ones as typed.
    const again = await getWorkspace(db, raters[1], c.id);
    expect(again.judgment).toMatchObject({ status: "DRAFT", unfit: saved.judgment.unfit, sentence: { fluency: 7, prosody: 6, completeness: 0.8 } });
    expect(again.judgment!.phones.slice(1).every((p) => p.score === 2)).toBe(true);
    const row = await db.prisma.judgment.findFirstOrThrow({ where: { assignmentId: c.id } });
    expect(row).toMatchObject({ accuracy: null, completeness: 0.8 });

    // Submitting the same values is refused with the same problems; nothing changes.
    const submit = { ...draft, status: "SUBMITTED" as const, baseRevision: 1 };
    await expect(saveJudgment(db, raters[1], c.id, submit)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringMatching(/^3 scores need attention: /),
      problems: expect.arrayContaining([expect.objectContaining({ field: `word.${w0.id}.stress`, message: `${w0.text} — stress must be 5 or 10` })]),
    });
    expect((await db.prisma.judgment.findFirstOrThrow({ where: { assignmentId: c.id } })).revision).toBe(1);
    const empty = saveJudgment(db, raters[1], c.id, { status: "SUBMITTED", baseRevision: 1 });
    await expect(empty).rejects.toMatchObject({ code: "INVALID_INPUT", problems: expect.arrayContaining([{ field: "sentence.fluency", message: "Sentence — fluency is not scored yet" }]) });
    // Words that are not the item's are refused even in a draft.
    await expect(saveJudgment(db, raters[1], c.id, { status: "DRAFT", baseRevision: 1, words: [{ wordId: "nope", accuracy: 5 }] })).rejects.toMatchObject({ code: "INVALID_INPUT" });

    // Fixed, the draft has no unfit values left and submits.
    const fixed = await saveJudgment(db, raters[1], c.id, { ...fullScores(ws, "DRAFT", 1), sentence: { accuracy: "8", fluency: 7, prosody: 6, completeness: 1 } });
    expect(fixed.ok && fixed.judgment.unfit).toEqual({});
    expect(fixed.ok && fixed.problems).toEqual([]);
    expect(fixed.ok && fixed.judgment.sentence.accuracy).toBe(8);
    const done = await saveJudgment(db, raters[1], c.id, fullScores(ws, "SUBMITTED", 2));
    expect(done.ok && done.judgment.status).toBe("SUBMITTED");
    expect((await db.prisma.judgment.findFirstOrThrow({ where: { assignmentId: c.id } })).unfitValues).toBeNull();
  });

  it("never lets a rater read or write another rater's assignment, nor see others' scores", async () => {
    const theirs = (await mine(raters[0]))[0];
    await expect(getWorkspace(db, raters[1], theirs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(saveJudgment(db, raters[1], theirs.id, { status: "DRAFT", baseRevision: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(skipAssignment(db, raters[1], theirs.id, "not mine")).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The imported expert ratings exist for every item, yet nothing of them reaches the rater.
    const same = await db.prisma.assignment.findFirst({ where: { roundId, itemId: theirs.itemId, raterId: { not: raters[0] } } });
    const ws = await getWorkspace(db, same!.raterId, same!.id);
    expect(ws.judgment).toBeNull();
    const experts = await db.prisma.judgment.findMany({ where: { itemId: theirs.itemId, id: { not: undefined } }, select: { id: true } });
    const payload = JSON.stringify(ws);
    for (const e of experts) expect(payload).not.toContain(e.id);
    expect(payload).not.toMatch(/PUBLISHED_CONSENSUS|ADJUDICATED|expert/);
  });

  it("skips with a reason and moves the queue on", async () => {
    const q0 = await getRaterQueue(db, raters[2]);
    const first = q0.nextAssignmentId!;
    await skipAssignment(db, raters[2], first, "audio is silent");
    const q1 = await getRaterQueue(db, raters[2]);
    expect(q1.done).toBe(q0.done + 1);
    expect(q1.nextAssignmentId).not.toBe(first);
    expect(q1.rows.find((r) => r.id === first)).toMatchObject({ status: "SKIPPED", skipReason: "audio is silent" });

    // The workspace knows the rater's progress and the items around this one (keyboard previous / next).
    const own = await mine(raters[2]);
    for (const [i, a] of own.entries()) {
      const ws = await getWorkspace(db, raters[2], a.id);
      expect(ws.progress).toEqual({ done: 1, total: own.length });
      expect(ws.prevAssignmentId).toBe(own[i - 1]?.id ?? null);
      expect(ws.followingAssignmentId).toBe(own[i + 1]?.id ?? null);
      // The next open one: after this one in the queue, else the first open one before it; never the skipped one.
      const open = own.filter((x) => x.id !== a.id && x.id !== first);
      expect(ws.nextAssignmentId).toBe((open.find((x) => x.position > a.position) ?? open[0])?.id ?? null);
    }
  });

  it("shows the model only after submission (blind first), stores mention answers and an A/B preference", async () => {
    const [a, b] = await mine(raters[0]);
    const m1 = await db.prisma.modelVersion.create({ data: { name: "m1", kind: "FILE" } });
    const m2 = await db.prisma.modelVersion.create({ data: { name: "m2", kind: "FILE" } });
    const response = (w: string) => `Accuracy: Good\nFluency: Good\nProsody: Average\n\nThe word "${w}" was clear. The /ə/ sounded fine.`;
    for (const m of [m1, m2]) {
      for (const x of [a, b]) {
        const item = await db.prisma.item.findUniqueOrThrow({ where: { id: x.itemId }, include: { words: { orderBy: { index: "asc" } } } });
        await db.prisma.prediction.create({ data: { modelVersionId: m.id, itemId: x.itemId, response: response(item.words[0].text.toLowerCase()) + (m === m2 ? " Nice." : ""), sentence: {}, words: [], phones: [] } });
      }
    }
    // b is a draft: nothing of the model is sent.
    const hidden = await getModelPanel(db, raters[0], b.id);
    expect(hidden).toEqual({ visible: false, reason: expect.stringMatching(/after you submit/) });
    expect((await getAbChoice(db, raters[0], b.id)).available).toBe(false);
    await expect(answerMention(db, raters[0], b.id, { mentionKey: "s0", answer: "correct" })).rejects.toMatchObject({ code: "CONFLICT" });

    const panel = await getModelPanel(db, raters[0], a.id);
    expect(panel.visible).toBe(true);
    const st = panel.prediction!.statements;
    expect(st.length).toBeGreaterThanOrEqual(2);
    expect(st[0].mentions.some((m) => m.kind === "word")).toBe(true);
    await answerMention(db, raters[0], a.id, { mentionKey: st[0].mentions[0].key, answer: "incorrect" });
    await answerMention(db, raters[0], a.id, { mentionKey: "trust", answer: "no" });
    await expect(answerMention(db, raters[0], a.id, { mentionKey: "trust", answer: "correct" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(answerMention(db, raters[0], a.id, { mentionKey: "s99", answer: "correct" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect((await getModelPanel(db, raters[0], a.id)).answers).toEqual({ [st[0].mentions[0].key]: "incorrect", trust: "no" });

    const ab = await getAbChoice(db, raters[0], a.id);
    expect(ab.available).toBe(true);
    expect(JSON.stringify(ab)).not.toMatch(/"m1"|"m2"/);
    const pref = await savePreference(db, raters[0], a.id, { choice: "B", strength: 3, reason: "clearer" });
    await savePreference(db, raters[0], a.id, { choice: "B", strength: 3, reason: "clearer" });
    const stored = await db.prisma.preference.findMany({ where: { raterId: raters[0] } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: pref.id, source: "rater_preference", choice: "B", chosen: ab.available ? ab.B : "", rejected: ab.available ? ab.A : "" });
    // Same round seed and assignment → same sides on every load.
    expect(await getAbChoice(db, raters[0], a.id)).toMatchObject({ A: ab.available ? ab.A : "" });
  });
});
