import { describe, it, expect } from "vitest";
import { icc, iccMeanSquares } from "./icc";
import { iccFromMeanSquares, weightedMeanSquares } from "./icc-from-mean-squares";

// Shrout & Fleiss (1979), Table 4: 6 targets × 4 judges.
const SF = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];

describe("iccFromMeanSquares", () => {
  it("equals icc() on Shrout & Fleiss' table (0.17, 0.29, 0.71, 0.44, 0.62, 0.91)", () => {
    const r = iccFromMeanSquares(iccMeanSquares(SF));
    expect(r).toEqual(icc(SF));
    expect([r.icc1, r.icc2, r.icc3, r.icc1k, r.icc2k, r.icc3k].map((v) => v!.toFixed(2))).toEqual(["0.17", "0.29", "0.71", "0.44", "0.62", "0.91"]);
  });

  it("weighted mean squares equal those of the matrix with rows repeated", () => {
    const counts = [2, 0, 1, 3, 0, 1];
    const repeated = SF.flatMap((row, u) => Array.from({ length: counts[u] }, () => row));
    const w = weightedMeanSquares(Float64Array.from(SF.flat()), 6, 4, counts)!;
    const m = iccMeanSquares(repeated)!;
    for (const key of ["n", "k", "bms", "wms", "jms", "ems"] as const) expect(w[key]).toBeCloseTo(m[key], 10);
  });

  it("is all null for a constant matrix or too few rows", () => {
    expect(iccFromMeanSquares(weightedMeanSquares(Float64Array.from([3, 3, 3, 3]), 2, 2, [1, 1])).icc2).toBeNull();
    expect(iccFromMeanSquares(weightedMeanSquares(Float64Array.from([3, 4]), 1, 2, [1])).icc2).toBeNull();
  });
});
