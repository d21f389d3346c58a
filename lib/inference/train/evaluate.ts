// Test-split figures for the model card: PCC per sentence aspect against the published consensus,
// word and phone PCC, conformal coverage and width at α = 0.1, the raters' own leave-one-rater-out
// PCC beside each, and the PCC of the raw GOP features alone (what the heads add on top).
import { calibrateConformal, conformalIntervals, empiricalCoverage, meanWidth } from "@/lib/metrics/conformal";
import { pearson } from "@/lib/metrics/correlation";
import { leaveOneRaterOut } from "@/lib/metrics/human-ceiling";
import type { AspectCalibration } from "../builtin/bundle";
import type { FeatureSet } from "../features/extract";
import { ASPECTS, type PreparedUtterance } from "./corpus-data";

export const ALPHA = 0.1;

interface HeadOutputs {
  mean: Float64Array;
  sd: Float64Array;
  word: Float64Array;
  phone: Float64Array;
}

export interface Evaluation {
  calibration: Record<string, AspectCalibration>;
  sentence: Record<string, { pcc: number | null; human_ceiling: number | null; coverage: number | null; mean_width: number | null }>;
  word_accuracy: { pcc: number | null; human_ceiling: number | null; gop_only_pcc: number | null; n: number };
  phone_score: { pcc: number | null; human_ceiling: number | null; gop_only_pcc: number | null; n: number };
  /** PCC on the held-out train speakers that calibrate the intervals (what settings are tuned on; the test split is only reported). */
  calibration_speakers?: { sentence: Record<string, number | null>; word_accuracy: number | null; phone_score: number | null };
  /** PCC per speaker group of the test split: children (under 13) and adults (18 and over). */
  by_age?: Record<"children" | "adults", { utterances: number; sentence: Record<string, number | null>; word_accuracy: number | null; phone_score: number | null }>;
}

const clip = (v: number, hi: number) => Math.min(hi, Math.max(0, v));
const r3 = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);
const nullify = (m: number[][]) => m.map((row) => row.map((v) => (Number.isFinite(v) ? v : null)));

export function evaluate(cal: PreparedUtterance[], calOut: HeadOutputs, test: PreparedUtterance[], testOut: HeadOutputs, feats: Map<PreparedUtterance, FeatureSet>): Evaluation {
  const A = ASPECTS.length;
  const col = (out: Float64Array, k: number, n: number) => Array.from({ length: n }, (_, i) => out[i * A + k]);
  const calibration: Evaluation["calibration"] = {};
  const sentence: Evaluation["sentence"] = {};
  ASPECTS.forEach((a, k) => {
    const c = calibrateConformal(cal.map((u) => u.sentence[k]), col(calOut.mean, k, cal.length).map((v) => clip(v, 10)), ALPHA, col(calOut.sd, k, cal.length));
    calibration[a] = { qhat: Number.isFinite(c.qhat) ? c.qhat : 1e9, n: c.n, alpha: c.alpha, normalized: c.normalized };
    const y = test.map((u) => u.sentence[k]);
    const mu = col(testOut.mean, k, test.length).map((v) => clip(v, 10));
    const iv = conformalIntervals(mu, calibration[a].qhat, { min: 0, max: 10 }, col(testOut.sd, k, test.length));
    const ceiling = leaveOneRaterOut(test.map((u) => u.sentenceRaters.map((r) => (r ? r[k] : null))));
    sentence[a] = { pcc: r3(pearson(mu, y)), human_ceiling: r3(ceiling.mean), coverage: r3(empiricalCoverage(y, iv)), mean_width: r3(meanWidth(iv)) };
  });
  const wy = test.flatMap((u) => u.wordAccuracy);
  const py = test.flatMap((u) => u.phoneScore);
  const wGop = test.flatMap((u) => {
    const f = feats.get(u)!.words;
    return u.words.map((_, i) => f[i * (f.length / u.words.length)]);
  });
  const pGop = test.flatMap((u) => {
    const f = feats.get(u)!.phones;
    const n = u.phoneScore.length;
    return u.phoneScore.map((_, i) => f[i * (f.length / n) + 1]);
  });
  const group = (keep: (age: number) => boolean) => {
    const idx = test.map((u, i) => ({ u, i })).filter(({ u }) => u.speakerAge !== null && keep(u.speakerAge));
    const sent: Record<string, number | null> = {};
    ASPECTS.forEach((a, k) => (sent[a] = r3(pearson(idx.map(({ i }) => clip(testOut.mean[i * A + k], 10)), idx.map(({ u }) => u.sentence[k])))));
    const offs = (count: (u: PreparedUtterance) => number) => {
      const o: number[] = [];
      let at = 0;
      for (const u of test) o.push(at), (at += count(u));
      return o;
    };
    const wOff = offs((u) => u.wordAccuracy.length);
    const pOff = offs((u) => u.phoneScore.length);
    const pick = (out: Float64Array, off: number[], ys: (u: PreparedUtterance) => number[], hi: number) => {
      const x: number[] = [];
      const y: number[] = [];
      for (const { u, i } of idx) ys(u).forEach((v, j) => (x.push(clip(out[off[i] + j], hi)), y.push(v)));
      return r3(pearson(x, y));
    };
    return { utterances: idx.length, sentence: sent, word_accuracy: pick(testOut.word, wOff, (u) => u.wordAccuracy, 10), phone_score: pick(testOut.phone, pOff, (u) => u.phoneScore, 2) };
  };
  const calSent: Record<string, number | null> = {};
  ASPECTS.forEach((a, k) => (calSent[a] = r3(pearson(col(calOut.mean, k, cal.length).map((v) => clip(v, 10)), cal.map((u) => u.sentence[k])))));
  return {
    calibration_speakers: {
      sentence: calSent,
      word_accuracy: r3(pearson(Array.from(calOut.word, (v) => clip(v, 10)), cal.flatMap((u) => u.wordAccuracy))),
      phone_score: r3(pearson(Array.from(calOut.phone, (v) => clip(v, 2)), cal.flatMap((u) => u.phoneScore))),
    },
    by_age: { children: group((a) => a < 13), adults: group((a) => a >= 18) },
    calibration,
    sentence,
    word_accuracy: {
      pcc: r3(pearson(Array.from(testOut.word, (v) => clip(v, 10)), wy)),
      human_ceiling: r3(leaveOneRaterOut(nullify(test.flatMap((u) => u.wordRaters))).mean),
      gop_only_pcc: r3(pearson(wGop, wy)),
      n: wy.length,
    },
    phone_score: {
      pcc: r3(pearson(Array.from(testOut.phone, (v) => clip(v, 2)), py)),
      human_ceiling: r3(leaveOneRaterOut(nullify(test.flatMap((u) => u.phoneRaters))).mean),
      gop_only_pcc: r3(pearson(pGop, py)),
      n: py.length,
    },
  };
}
