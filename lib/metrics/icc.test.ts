import { describe, it, expect } from "vitest";
import { icc, iccMeanSquares } from "./icc";

// Shrout & Fleiss (1979), Table 4 data: 6 targets × 4 judges.
const sf = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];

describe("icc", () => {
  it("reproduces Shrout & Fleiss (1979): .17 .29 .71 .44 .62 .91", () => {
    const r = icc(sf);
    expect(r.icc1).toBeCloseTo(0.17, 2);
    expect(r.icc2).toBeCloseTo(0.29, 2);
    expect(r.icc3).toBeCloseTo(0.71, 2);
    expect(r.icc1k).toBeCloseTo(0.44, 2);
    expect(r.icc2k).toBeCloseTo(0.62, 2);
    expect(r.icc3k).toBeCloseTo(0.91, 2);
  });

  it("reproduces their ANOVA mean squares: BMS 11.24, WMS 6.26, JMS 32.49, EMS 1.02", () => {
    const ms = iccMeanSquares(sf)!;
    expect(ms.bms).toBeCloseTo(11.24, 2);
    expect(ms.wms).toBeCloseTo(6.26, 2);
    expect(ms.jms).toBeCloseTo(32.49, 2);
    expect(ms.ems).toBeCloseTo(1.02, 2);
  });

  it("is 1 for identical judges", () => {
    const r = icc([[1, 1], [3, 3], [2, 2]]);
    for (const v of Object.values(r)) expect(v).toBeCloseTo(1, 12);
  });

  it("returns all null for missing cells, ragged rows, n < 2, k < 2, empty input, constant data", () => {
    const allNull = { icc1: null, icc2: null, icc3: null, icc1k: null, icc2k: null, icc3k: null };
    expect(icc([[1, 2], [3, null]])).toEqual(allNull);
    expect(icc([[1, 2], [3]])).toEqual(allNull);
    expect(icc([[1, 2, 3]])).toEqual(allNull);
    expect(icc([[1], [2], [3]])).toEqual(allNull);
    expect(icc([])).toEqual(allNull);
    expect(icc([[5, 5], [5, 5]])).toEqual(allNull);
    expect(icc([[1, NaN], [2, 3]])).toEqual(allNull);
  });

  it("nulls only the coefficients whose denominator is zero (BMS = 0: all targets have one mean)", () => {
    const r = icc([[1, 2], [2, 1]]);
    expect(r.icc1k).toBeNull();
    expect(r.icc3k).toBeNull();
    expect(r.icc1).toBeCloseTo(-1, 12);
    for (const v of Object.values(r)) if (v !== null) expect(Number.isFinite(v)).toBe(true);
  });
});
