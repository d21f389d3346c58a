// Peer check on real multi-rater data: our metrics against Debian's NLTK / scikit-learn /
// statsmodels / SciPy (python-peer.json) and R psych (r-psych-icc.json) on speechocean762.
// How the fixtures were made: tests/fixtures/peer/README.md.
import { SO762_DIR } from "@/tests/helpers/corpus";
import { describe, it, expect } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  cohenKappa,
  errorMetrics,
  fleissKappa,
  icc,
  krippendorffAlphaAll,
  leaveOneRaterOut,
  meanPairwisePearson,
  pearson,
  spearman,
  type RatingMatrix,
} from "./index";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCORES =
  process.env.SPEECHOCEAN762_SCORES ?? path.join(SO762_DIR, "resource/scores-detail.json");
const FIXTURES = path.join(ROOT, "tests/fixtures/peer");
const RATERS = 5;

type Utterance = { accuracy: number[]; fluency: number[]; prosodic: number[]; words: { accuracy: number[] }[] };

function loadScores(): Record<string, Utterance> {
  if (!existsSync(SCORES)) {
    throw new Error(
      `peer test needs the speechocean762 per-rater scores at ${SCORES} (the shared/ folder beside the repo, ` +
        `or set SPEECHOCEAN762_SCORES); it is not skipped on purpose`,
    );
  }
  return JSON.parse(readFileSync(SCORES, "utf8")) as Record<string, Utterance>;
}

/** Same construction as peer_metrics.py: keys sorted, a 4-value array misses rater 5. */
function buildMatrices(data: Record<string, Utterance>): Record<string, (number | null)[][]> {
  const pad = (v: number[]): (number | null)[] => [...v, ...Array<null>(RATERS - v.length).fill(null)];
  const out: Record<string, (number | null)[][]> = {
    sentence_accuracy: [],
    sentence_fluency: [],
    sentence_prosodic: [],
    word_accuracy: [],
    word_accuracy_first300: [],
  };
  Object.keys(data)
    .sort()
    .forEach((key, i) => {
      const u = data[key];
      out.sentence_accuracy.push(pad(u.accuracy));
      out.sentence_fluency.push(pad(u.fluency));
      out.sentence_prosodic.push(pad(u.prosodic));
      for (const w of u.words) {
        out.word_accuracy.push(pad(w.accuracy));
        if (i < 300) out.word_accuracy_first300.push(pad(w.accuracy));
      }
    });
  return out;
}

const completeRows = (m: RatingMatrix) => m.filter((r) => r.every((v) => v !== null));
const column = (m: RatingMatrix, j: number) => m.map((r) => r[j]);
const readFixture = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8"));

const TOL = 9; // |ours − peer| < 5e-10 (measured: ≤ 2e-13)
const py = readFixture("python-peer.json");
const r = readFixture("r-psych-icc.json");
const matrices = buildMatrices(loadScores());

describe("peer check on speechocean762", () => {
  it("builds the matrices the peers used", () => {
    for (const [name, m] of Object.entries(matrices)) {
      expect(m.length, name).toBe(py.matrices[name].units);
      expect(completeRows(m).length, name).toBe(py.matrices[name].completeUnits);
    }
    expect(matrices.sentence_accuracy.some((row) => row[4] === null)).toBe(true);
  });

  it("the peer itself reproduces Krippendorff (2011)", () => {
    expect(py.krippendorff2011Example.interval).toBeCloseTo(0.849, 3);
  });

  for (const name of ["sentence_accuracy", "sentence_fluency", "sentence_prosodic", "word_accuracy", "word_accuracy_first300"]) {
    describe(name, () => {
      const m = matrices[name];
      const peer = py.matrices[name];

      it("Krippendorff's alpha (4 levels, missing data) equals NLTK's AnnotationTask.alpha", () => {
        const ours = krippendorffAlphaAll(m);
        for (const level of ["nominal", "ordinal", "interval", "ratio"] as const) {
          expect(ours[level], level).toBeCloseTo(peer.krippendorff[level], TOL);
        }
      });

      it("Fleiss' kappa on complete units equals statsmodels", () => {
        expect(fleissKappa(completeRows(m))).toBeCloseTo(peer.fleissComplete, TOL);
      });

      it("human ceiling equals SciPy pearsonr (leave-one-rater-out and pairwise)", () => {
        const loo = leaveOneRaterOut(m);
        loo.perRater.forEach((p, j) => {
          expect(p.n).toBe(peer.humanCeiling.perRater[j].n);
          expect(p.pearson).toBeCloseTo(peer.humanCeiling.perRater[j].pearson, TOL);
        });
        expect(loo.mean).toBeCloseTo(peer.humanCeiling.mean, TOL);
        const pw = meanPairwisePearson(m);
        pw.pairs.forEach((p, i) => {
          expect(p.n).toBe(peer.humanCeiling.pairs[i].n);
          expect(p.pearson).toBeCloseTo(peer.humanCeiling.pairs[i].pearson, TOL);
        });
        expect(pw.mean).toBeCloseTo(peer.humanCeiling.pairwiseMean, TOL);
      });

      it("rater 1 vs rater 2: Pearson, Spearman (SciPy), Cohen's kappa, MSE, MAE (scikit-learn)", () => {
        const a = column(m, 0);
        const b = column(m, 1);
        const p = peer.rater1VsRater2;
        expect(pearson(a, b)).toBeCloseTo(p.pearson, TOL);
        expect(spearman(a, b)).toBeCloseTo(p.spearman, TOL);
        expect(cohenKappa(a, b)).toBeCloseTo(p.cohenQuadratic, TOL);
        const scale = Array.from({ length: 11 }, (_, i) => i);
        expect(cohenKappa(a, b, { categories: scale })).toBeCloseTo(p.cohenQuadratic, TOL);
        expect(cohenKappa(a, b, { weighting: "linear" })).toBeCloseTo(p.cohenLinear, TOL);
        expect(cohenKappa(a, b, { weighting: "unweighted" })).toBeCloseTo(p.cohenUnweighted, TOL);
        const err = errorMetrics(a, b)!;
        expect(err.n).toBe(p.n);
        expect(err.mse).toBeCloseTo(p.mse, TOL);
        expect(err.mae).toBeCloseTo(p.mae, TOL);
      });

      if (r.matrices[name]) {
        it("ICC (Shrout & Fleiss, complete units) equals R psych::ICC", () => {
          const ours = icc(completeRows(m));
          for (const key of ["icc1", "icc2", "icc3", "icc1k", "icc2k", "icc3k"] as const) {
            expect(ours[key], key).toBeCloseTo(r.matrices[name][key], TOL);
          }
        });
      }
    });
  }

  it("R psych reproduces Shrout & Fleiss (1979) and so does icc()", () => {
    const ours = icc([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]);
    for (const key of ["icc1", "icc2", "icc3", "icc1k", "icc2k", "icc3k"] as const) {
      expect(ours[key]).toBeCloseTo(r.shroutFleiss[key], 12);
    }
  });
});
