// The demo's A/B out of the box, through the service layer on every test database: the rationale
// writer rewrites a model's stored predictions in another style as a second model version (same
// labels, another rationale; resumable), the demo round compares the two, and in blind A/B nothing a
// rater receives names either model.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { TEST_DATABASES, openMigrated } from "../helpers/databases";
import { miniCorpus } from "../helpers/corpus";
import type { Db } from "@/lib/db/client";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { DEMO_ROUND, DEMO_VARIANT, ensureDemoAccounts, ensureDemoRound } from "@/lib/services/demo";
import { writeRationaleVariant } from "@/lib/services/rationale-variant";
import { renderPrediction } from "@/lib/inference/rationale/write-rationale";
import { parseResponse } from "@/lib/inference/response/parse-response";
import { saveJudgment } from "@/lib/services/judgments";
import { getWorkspace } from "@/lib/services/rater-workspace";
import { getAbChoice, getModelPanel, savePreference } from "@/lib/services/model-panel";
import { roundSettings } from "@/lib/services/rounds";
import type { PredictionRecord } from "@/lib/inference/predict/assemble";
import type { Label } from "@/lib/rubric/labels";

describe.each(TEST_DATABASES)("demo A/B out of the box on $name", (t) => {
  let db: Db;

  beforeAll(async () => {
    db = await openMigrated(t);
    await importSpeechocean762(db, { dir: await miniCorpus(3), dataset: "demo", split: "test" });
    // The built-in model's predictions as the infer job stores them: labels, and a rationale citing
    // a long pause and three weak words.
    const mv = await db.prisma.modelVersion.create({ data: { name: DEMO_VARIANT.from, kind: "BUILTIN" } });
    const items = await db.prisma.item.findMany({ include: { words: { orderBy: { index: "asc" } }, phones: { orderBy: { position: "asc" }, include: { word: true } } } });
    for (const it of items) {
      const weak: Label[] = ["Bad", "Average", "Average", "Good", "Excellent", "Excellent"];
      const record: PredictionRecord = {
        sentence: { accuracy: { mean: 6.1, sd: 1, low: 4, high: 8, label: "Average" }, fluency: { mean: 5.2, sd: 1, low: 3, high: 7, label: "Average" }, prosody: { mean: 7, sd: 1, low: 5, high: 9, label: "Good" } },
        words: it.words.map((w, i) => ({ text: w.text, accuracy: 3 + i, label: weak[i] ?? "Excellent" })),
        phones: it.phones.map((p) => ({ symbol: p.symbol, score: 1.1, label: "Average" as Label })),
      };
      const response = renderPrediction(record, { pauses: [0.9], articulationRate: 9, phoneWord: it.phones.map((p) => p.word.index) });
      await db.prisma.prediction.create({ data: { modelVersionId: mv.id, itemId: it.id, response, sentence: record.sentence as object, words: record.words as object, phones: record.phones as object } });
    }
  });
  afterAll(async () => {
    await db?.close();
  });

  it("writes a second response per recording from the stored predictions: same labels, a brief rationale", async () => {
    const progress: number[] = [];
    const r = await writeRationaleVariant(db, { dataset: "demo", split: "test", ...DEMO_VARIANT }, (d) => void progress.push(d));
    expect(r).toMatchObject({ model: DEMO_VARIANT.to, written: 3, predictions: 3 });
    expect(progress.at(-1)).toBe(3);
    const pairs = await db.prisma.prediction.findMany({ include: { modelVersion: true }, orderBy: { itemId: "asc" } });
    for (const itemId of new Set(pairs.map((p) => p.itemId))) {
      const [a, b] = [DEMO_VARIANT.from, DEMO_VARIANT.to].map((n) => pairs.find((p) => p.itemId === itemId && p.modelVersion.name === n)!);
      const [pa, pb] = [parseResponse(a.response), parseResponse(b.response)];
      expect(pb.sentence).toEqual(pa.sentence);
      expect(pb.words).toEqual(pa.words);
      expect(pb.rationale).not.toBe(pa.rationale);
      expect(pa.rationale).toMatch(/long pause/);
      expect(pb.rationale).not.toMatch(/pause|phones per second/);
      // One weak word named instead of up to three.
      expect((pb.rationale.match(/The word [A-Z']+ /g) ?? []).length).toBe(1);
      expect((pa.rationale.match(/The word [A-Z']+ /g) ?? []).length).toBeGreaterThan(1);
    }
    // Resumable: a rerun writes nothing more.
    expect(await writeRationaleVariant(db, { dataset: "demo", split: "test", ...DEMO_VARIANT })).toMatchObject({ written: 0, predictions: 3 });
  });

  it("creates the demo round with A/B between the two, and nothing the rater gets names a model", async () => {
    await ensureDemoAccounts(db, { password: "correct horse battery" });
    const round = await ensureDemoRound(db, "demo");
    expect(round).toMatchObject({ items: 3 });
    expect(await ensureDemoRound(db, "demo")).toBeNull(); // once
    const r = await db.prisma.round.findUniqueOrThrow({ where: { id: round!.id } });
    expect(r.name).toBe(DEMO_ROUND);
    const settings = roundSettings(r.settings);
    expect(settings.instructions).toMatch(/Word stress/);
    const versions = await db.prisma.modelVersion.findMany({ where: { name: { in: [DEMO_VARIANT.from, DEMO_VARIANT.to] } } });
    expect(new Set(settings.abModelVersionIds)).toEqual(new Set(versions.map((v) => v.id)));

    const rater = await db.prisma.user.findUniqueOrThrow({ where: { email: "rater1@attest.local" } });
    const a = await db.prisma.assignment.findFirstOrThrow({ where: { roundId: r.id, raterId: rater.id } });
    const ws = await getWorkspace(db, rater.id, a.id);
    expect(ws.round.instructions).toBe(settings.instructions);
    const body = {
      sentence: { accuracy: 7, fluency: 6, prosody: 6, completeness: 1 },
      words: ws.item.words.map((w) => ({ wordId: w.id, accuracy: 8, stress: 10 })),
      phones: ws.item.words.flatMap((w) => w.phones.map((p) => ({ phoneId: p.id, score: 2 }))),
    };
    await saveJudgment(db, rater.id, a.id, { status: "SUBMITTED", baseRevision: null, ...body });
    const ab = await getAbChoice(db, rater.id, a.id);
    expect(ab.available).toBe(true);
    const panel = await getModelPanel(db, rater.id, a.id);
    expect(panel.visible).toBe(true);
    expect(panel.prediction!.model).toBeNull();
    const sent = JSON.stringify({ ab, panel, ws });
    for (const name of [DEMO_VARIANT.from, DEMO_VARIANT.to]) expect(sent).not.toContain(`"${name}"`);
    expect(sent).not.toMatch(/default-brief|modelVersion/);
    await savePreference(db, rater.id, a.id, { choice: "A", strength: 2 });
    expect(await db.prisma.preference.count({ where: { raterId: rater.id, source: "rater_preference" } })).toBe(1);
  });
});
