// Dataset agreement and model evaluation over the database, on PGlite and (TEST_DATABASE_URL) PostgreSQL.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { TEST_DATABASES, openMigrated } from "../helpers/databases";
import { miniCorpus } from "../helpers/corpus";
import type { Db } from "@/lib/db/client";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { datasetAgreement } from "@/lib/services/agreement/dataset-agreement";
import { evaluateModel } from "@/lib/services/agreement/evaluate-model";
import { loadRatings } from "@/lib/services/agreement/load-ratings";
import { aspectMatrix, selectAspectKeys } from "@/lib/services/agreement/aspects";
import { consensusOf } from "@/lib/metrics/consensus";
import { agreementFigures } from "@/lib/metrics/agreement-figures";
import { krippendorffAlphaAll, leaveOneRaterOut, mulberry32, pearson, randomNormal } from "@/lib/metrics";
import { labelFor } from "@/lib/rubric/label-bins";

describe.each(TEST_DATABASES)("agreement services on $name", (t) => {
  let db: Db;
  beforeAll(async () => {
    db = await openMigrated(t);
    await importSpeechocean762(db, { dir: await miniCorpus(10), dataset: "mini", split: "test" });
  });
  afterAll(async () => {
    await db?.close();
  });

  it("assembles items × raters from submitted RATER judgments only, missing where a rater did not rate", async () => {
    const data = await loadRatings(db, "mini");
    expect(data.items).toHaveLength(10);
    expect(data.raters).toHaveLength(5);
    const m = aspectMatrix(data, selectAspectKeys("sentence", "accuracy")[0]);
    expect(m.matrix.flat().some((v) => v === null) || m.raters.length === 4).toBe(true);
    // A draft judgment is ignored.
    const j = await db.prisma.judgment.findFirstOrThrow({ where: { kind: "RATER", accuracy: { not: null } }, orderBy: { id: "asc" } });
    await db.prisma.judgment.update({ where: { id: j.id }, data: { status: "DRAFT" } });
    const after = aspectMatrix(await loadRatings(db, "mini"), selectAspectKeys("sentence", "accuracy")[0]);
    expect(after.matrix.flat().filter((v) => v !== null).length).toBeLessThan(m.matrix.flat().filter((v) => v !== null).length);
    await db.prisma.judgment.update({ where: { id: j.id }, data: { status: "SUBMITTED" } });
  });

  it("gives the metric functions' figures for each key, reproducible CIs for a seed", async () => {
    const r = (await datasetAgreement(db, { dataset: "mini", granularity: "word", aspect: "accuracy", seed: 5, replicates: 100 })) as Awaited<ReturnType<typeof agreementFigures>> & { ci: any };
    const data = await loadRatings(db, "mini");
    const m = aspectMatrix(data, selectAspectKeys("word", "accuracy")[0]);
    expect(r.krippendorff).toEqual(krippendorffAlphaAll(m.matrix));
    expect(r.units).toBe(data.words.length);
    const again = await datasetAgreement(db, { dataset: "mini", granularity: "word", aspect: "accuracy", seed: 5, replicates: 100 });
    expect(again).toEqual(r);
    const child = (await datasetAgreement(db, { dataset: "mini", group: "child", granularity: "sentence", aspect: "accuracy", replicates: 20 })) as { units: number };
    const adult = (await datasetAgreement(db, { dataset: "mini", group: "adult", granularity: "sentence", aspect: "accuracy", replicates: 20 })) as { units: number };
    expect(child.units + adult.units).toBe(10);
    await expect(datasetAgreement(db, { dataset: "mini", round: "nope" })).rejects.toThrow(/no round/);
  });

  it("evaluates stored predictions against the consensus, with the human ceiling beside it", async () => {
    const data = await loadRatings(db, "mini");
    const mv = await db.prisma.modelVersion.create({ data: { name: "noisy", kind: "FILE" } });
    const rng = mulberry32(42);
    const acc = aspectMatrix(data, selectAspectKeys("sentence", "accuracy")[0]);
    const expectedMu: number[] = [];
    const expectedY: number[] = [];
    let hits = 0;
    for (let u = 0; u < data.items.length; u++) {
      const y = consensusOf(data.sentence.accuracy[u], "median")!;
      const mu = Math.min(10, Math.max(0, y + randomNormal(rng)));
      expectedMu.push(mu);
      expectedY.push(y);
      if (labelFor("sentence", mu) === labelFor("sentence", y)) hits++;
      const words = data.words.filter((w) => w.item === u).map((w) => ({ text: w.text, accuracy: consensusOf(data.word.accuracy[data.words.indexOf(w)], "median"), label: null }));
      const phones = data.phones.filter((p) => p.item === u).map((p) => ({ symbol: p.symbol, score: consensusOf(data.phone[data.phones.indexOf(p)], "median"), label: null }));
      await db.prisma.prediction.create({
        data: {
          modelVersionId: mv.id, itemId: data.items[u].id, response: "",
          sentence: { accuracy: { mean: mu, sd: 1, low: mu - 1.5, high: mu + 1.5 }, fluency: { label: "Good" } },
          words, phones,
        },
      });
    }
    const r = await evaluateModel(db, { dataset: "mini", model: "noisy" });
    expect(Object.keys(r)).toEqual(expect.arrayContaining(["model", "dataset", "n", "sentence", "word", "phone"]));
    expect(r).toMatchObject({ model: "noisy", dataset: "mini", n: 10 });
    const a = r.sentence.accuracy;
    expect(Object.keys(a)).toEqual(expect.arrayContaining(["pcc", "spearman", "rmse", "qwk", "label_accuracy", "human_ceiling_pcc", "coverage", "width"]));
    expect(a.pcc).toBeCloseTo(pearson(expectedMu, expectedY)!, 12);
    expect(a.label_accuracy).toBeCloseTo(hits / 10, 12);
    expect(a.human_ceiling_pcc).toBeCloseTo(leaveOneRaterOut(acc.units.map((u) => data.sentence.accuracy[u])).mean!, 12);
    expect(a.width).toBeCloseTo(3, 6);
    expect(a.coverage).toBeGreaterThan(0.5);
    // Label-only predictions are read at the label's representative value; no interval → null coverage.
    expect(r.sentence.fluency.n).toBe(10);
    expect(r.sentence.fluency.coverage).toBeNull();
    // Word and phone predictions equal to the consensus agree perfectly.
    expect(r.word.accuracy.rmse).toBe(0);
    expect(r.word.accuracy.label_accuracy).toBe(1);
    expect(r.phone.accuracy.rmse).toBe(0);
    expect(r.phone.accuracy.qwk).toBe(1);
    expect(r.sentence.prosody.n).toBe(0);
    expect(r.sentence.prosody.pcc).toBeNull();
    const test = await evaluateModel(db, { dataset: "mini", model: "noisy", split: "train" });
    expect(test.n).toBe(0);
    expect(JSON.stringify(r)).not.toMatch(/NaN/);
  });
});
