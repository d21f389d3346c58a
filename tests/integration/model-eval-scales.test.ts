// Model–human evaluation compares a prediction and a reference on one scale for every aspect.
// Models predict on the label bins' scale (sentence and word 0-10, completeness too, as
// speechocean762's scores.json writes it; phones 0-2); raters and the reference use the rubric's
// (completeness 0-1). Seen before: the built-in model's completeness (0-10) against a 0-1 reference
// gave RMSE 8.99 and coverage 0.
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { runInference } from "@/lib/inference/run-inference";
import { ALL_ASPECT_KEYS, rubricScale } from "@/lib/services/agreement/aspects";
import { buildDashboard } from "@/lib/services/agreement/dashboard";
import { evaluateModel } from "@/lib/services/agreement/evaluate-model";
import { loadRatings } from "@/lib/services/agreement/load-ratings";
import { loadPredictions, modelPairs } from "@/lib/services/agreement/model-pairs";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { miniCorpus } from "../helpers/corpus";
import { openMigrated, TEST_DATABASES } from "../helpers/databases";

interface PublishedScores {
  accuracy: number; fluency: number; prosodic: number; completeness: number; total: number;
  words: { accuracy: number; stress: number; total: number; "phones-accuracy": number[] }[];
}

/** The keys `eval` reports (word predictions carry accuracy only). */
const EVALUATED = ALL_ASPECT_KEYS.filter((k) => k.granularity !== "word" || k.aspect === "accuracy");

describe.each(TEST_DATABASES)("model evaluation scales on $name", (t) => {
  let db: Db;
  let corpus: string;
  beforeAll(async () => {
    process.env.ATTEST_DATA_DIR ??= await mkdtemp(path.join(tmpdir(), "attest-eval-scales-"));
    db = await openMigrated(t);
    corpus = await miniCorpus(12, "test");
    await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
  }, 120_000);
  afterAll(async () => db?.close());

  it("reads a model that predicts the published consensus on its own scale as perfect on every aspect", async () => {
    // The published scores.json, as a model trained on it would write them: completeness ×10.
    const published = JSON.parse(await readFile(path.join(corpus, "resource/scores.json"), "utf8")) as Record<string, PublishedScores>;
    const mv = await db.prisma.modelVersion.create({ data: { name: "published-as-model", kind: "FILE" } });
    const items = await db.prisma.item.findMany({ include: { words: { orderBy: { index: "asc" } }, phones: { orderBy: { position: "asc" } } } });
    const half = { sentence: 0.5, word: 0.5, phone: 0.1 };
    for (const it of items) {
      const p = published[it.uttId];
      const sentence = Object.fromEntries(
        (["accuracy", "fluency", "prosody", "completeness", "total"] as const).map((a) => {
          const mean = a === "prosody" ? p.prosodic : p[a];
          return [a, { mean, sd: 0.5, low: mean - half.sentence, high: mean + half.sentence }];
        }),
      );
      const phoneScores = p.words.flatMap((w) => w["phones-accuracy"]);
      await db.prisma.prediction.create({
        data: {
          modelVersionId: mv.id, itemId: it.id, response: "",
          sentence,
          words: it.words.map((w, i) => ({ text: w.text, accuracy: p.words[i].accuracy, label: null })),
          phones: it.phones.map((ph, i) => ({ symbol: ph.symbol, score: phoneScores[i], label: null })),
        },
      });
    }
    const r = await evaluateModel(db, { dataset: "mini", model: "published-as-model", consensus: "published" });
    const data = await loadRatings(db, "mini");
    const { byItem } = await loadPredictions(db, "published-as-model", data);
    for (const key of EVALUATED) {
      const f = r[key.granularity][key.aspect];
      expect(f, key.key).toBeDefined();
      expect(f.n, key.key).toBeGreaterThan(0);
      expect(f.rmse, key.key).toBeCloseTo(0, 6);
      expect(f.label_accuracy, key.key).toBe(1);
      // Every pair is on the rubric's scale of its key.
      const scale = rubricScale(data.dataset.rubric, key);
      const pairs = modelPairs(data, key, byItem, "published");
      for (const v of [...pairs.mu, ...pairs.y]) {
        expect(v, key.key).toBeGreaterThanOrEqual(scale.min);
        expect(v, key.key).toBeLessThanOrEqual(scale.max);
      }
      if (key.granularity === "sentence") {
        expect(f.coverage, key.key).toBe(1);
        // ±0.5 on the model's 0-10 scale is ±0.05 on completeness' 0-1.
        expect(f.width, key.key).toBeCloseTo((2 * half.sentence * scale.max) / 10, 6);
      }
    }
  });

  it("puts the built-in scorer's completeness on the raters' 0-1 scale, in eval and in the dashboard", async () => {
    await runInference(db, { dataset: "mini", model: "default", split: "test" });
    const r = await evaluateModel(db, { dataset: "mini", model: "default" });
    const data = await loadRatings(db, "mini");
    for (const key of EVALUATED) {
      const f = r[key.granularity][key.aspect];
      const scale = rubricScale(data.dataset.rubric, key);
      expect(f.n, key.key).toBeGreaterThan(0);
      // An error as large as half the scale means the two sides are on different scales.
      expect(f.rmse!, key.key).toBeLessThan((scale.max - scale.min) / 2);
      if (key.granularity === "sentence") {
        expect(f.coverage!, key.key).toBeGreaterThan(0.5);
        expect(f.width!, key.key).toBeLessThanOrEqual(scale.max - scale.min);
      }
    }
    const d = await buildDashboard(db, data.dataset.id, { model: "default", key: "sentence.completeness", replicates: 20 });
    const scatter = d.charts.find((c) => c.name === "scatter");
    expect(scatter?.kind).toBe("scatter");
    if (scatter?.kind === "scatter") {
      expect(scatter.points.length).toBe(12);
      for (const p of scatter.points) {
        expect(p.x).toBeLessThanOrEqual(1);
        expect(p.y).toBeLessThanOrEqual(1);
      }
    }
  }, 300_000);
});
