// How well humans agree with each other, as a ceiling to read a model's correlation against.
import { pearsonComplete } from "./correlation";
import { assertFiniteOrNull, cell, raterCount, type RatingMatrix } from "./rating-matrix";

export interface RaterAgreement {
  rater: number;
  /** Units used: the rater rated them and at least one other rater did. */
  n: number;
  pearson: number | null;
}

export interface LeaveOneRaterOut {
  perRater: RaterAgreement[];
  /** Mean of the per-rater correlations that are defined; null when none is. */
  mean: number | null;
}

function checkMatrix(matrix: RatingMatrix, where: string): void {
  for (let u = 0; u < matrix.length; u++) {
    const row = matrix[u];
    // Plain loops: this runs over every cell of 100,000-unit matrices on the dashboard.
    for (let r = 0; r < row.length; r++) {
      const v = row[r];
      if (v !== null && !Number.isFinite(v)) assertFiniteOrNull(v, `${where} unit ${u}`);
    }
  }
}

function meanOfDefined(values: (number | null)[]): number | null {
  const ok = values.filter((v): v is number => v !== null);
  return ok.length === 0 ? null : ok.reduce((s, v) => s + v, 0) / ok.length;
}

/**
 * Leave-one-rater-out: Pearson r between rater j and the mean of the other raters' ratings of the
 * same unit, over units where j and at least one other rater rated (units × raters, null = missing).
 */
export function leaveOneRaterOut(matrix: RatingMatrix): LeaveOneRaterOut {
  checkMatrix(matrix, "leaveOneRaterOut");
  const k = raterCount(matrix);
  const perRater: RaterAgreement[] = [];
  for (let j = 0; j < k; j++) {
    const own: number[] = [];
    const others: number[] = [];
    for (let u = 0; u < matrix.length; u++) {
      const x = cell(matrix, u, j);
      if (x === null) continue;
      let sum = 0;
      let m = 0;
      for (let r = 0; r < k; r++) {
        const v = r === j ? null : cell(matrix, u, r);
        if (v !== null) (sum += v), m++;
      }
      if (m === 0) continue;
      own.push(x);
      others.push(sum / m);
    }
    perRater.push({ rater: j, n: own.length, pearson: pearsonComplete(own, others) });
  }
  return { perRater, mean: meanOfDefined(perRater.map((p) => p.pearson)) };
}

export interface PairAgreement {
  raterA: number;
  raterB: number;
  n: number;
  pearson: number | null;
}

/** Pearson r for every pair of raters over the units both rated, and the mean over defined pairs. */
export function meanPairwisePearson(matrix: RatingMatrix): { pairs: PairAgreement[]; mean: number | null } {
  checkMatrix(matrix, "meanPairwisePearson");
  const k = raterCount(matrix);
  const pairs: PairAgreement[] = [];
  // One pair of buffers for every rater pair (the same values, in the same order, as arrays).
  const xb = new Float64Array(matrix.length);
  const yb = new Float64Array(matrix.length);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      let n = 0;
      for (let u = 0; u < matrix.length; u++) {
        const row = matrix[u];
        const x = row[a];
        const y = row[b];
        if (x !== null && x !== undefined && y !== null && y !== undefined) (xb[n] = x), (yb[n++] = y);
      }
      pairs.push({ raterA: a, raterB: b, n, pearson: pearsonComplete(xb.subarray(0, n), yb.subarray(0, n)) });
    }
  }
  return { pairs, mean: meanOfDefined(pairs.map((p) => p.pearson)) };
}
