// Calibrated intervals on synthetic data with a known distribution: y ~ N(μ, σ²) with per-item σ;
// calibrating |y − μ|/σ on one sample gives ≈ 90 % coverage on another at α = 0.1, and every
// prediction carries μ, σ, the interval and the label.
import { describe, expect, it } from "vitest";
import { calibrateConformal, conformalIntervals, empiricalCoverage } from "@/lib/metrics/conformal";
import { mulberry32, randomNormal } from "@/lib/metrics/random";
import { assemblePrediction } from "./assemble";

describe("conformal intervals for the Gaussian heads", () => {
  it("cover ≈ 1 − α on fresh synthetic data", () => {
    const rng = mulberry32(11);
    const draw = (n: number) =>
      Array.from({ length: n }, () => {
        const mu = 3 + 4 * rng();
        const sd = 0.3 + rng();
        return { mu, sd, y: mu + sd * randomNormal(rng) };
      });
    const cal = draw(2000);
    const test = draw(4000);
    const c = calibrateConformal(cal.map((d) => d.y), cal.map((d) => d.mu), 0.1, cal.map((d) => d.sd));
    expect(c.qhat).toBeGreaterThan(1.55);
    expect(c.qhat).toBeLessThan(1.75); // the normal 95th percentile of |z| is 1.645
    const iv = conformalIntervals(test.map((d) => d.mu), c.qhat, { min: -100, max: 100 }, test.map((d) => d.sd));
    const cov = empiricalCoverage(test.map((d) => d.y), iv)!;
    expect(Math.abs(cov - 0.9)).toBeLessThan(0.02);
  });

  it("gives every aspect a mean, sd, interval and label, clipped to the scale", () => {
    const cal = { qhat: 2, n: 100, alpha: 0.1, normalized: true };
    const p = assemblePrediction([9.5, 4, 11, 10, -1], [1, 0.5, 1, 0.2, 1], { accuracy: cal, fluency: cal, prosody: cal, completeness: cal, total: cal }, [{ text: "A", accuracy: 3 }], [{ symbol: "AH0", score: 2.3 }]);
    expect(p.sentence.accuracy).toEqual({ mean: 9.5, sd: 1, low: 7.5, high: 10, label: "Excellent" });
    expect(p.sentence.fluency).toMatchObject({ low: 3, high: 5, label: "Bad" });
    expect(p.sentence.prosody.mean).toBe(10);
    expect(p.sentence.total).toMatchObject({ mean: 0, low: 0, label: "Worst" });
    expect(p.words[0]).toEqual({ text: "A", accuracy: 3, label: "Bad" });
    expect(p.phones[0]).toEqual({ symbol: "AH0", score: 2, label: "Excellent" });
  });
});
