import { describe, it, expect } from "vitest";
import { errorMetrics, mae, mse, rmse } from "./error";

describe("error metrics", () => {
  it("computes MSE, RMSE and MAE, skipping nulls", () => {
    const p = [1, 2, null, 4];
    const y = [2, 2, 7, 1];
    expect(errorMetrics(p, y)).toEqual({ n: 3, mse: 10 / 3, rmse: Math.sqrt(10 / 3), mae: 4 / 3 });
    expect(mse(p, y)).toBeCloseTo(10 / 3, 12);
    expect(rmse(p, y)).toBeCloseTo(Math.sqrt(10 / 3), 12);
    expect(mae(p, y)).toBeCloseTo(4 / 3, 12);
  });

  it("returns null with no complete pair and throws on unequal lengths", () => {
    expect(errorMetrics([], [])).toBeNull();
    expect(mse([null], [1])).toBeNull();
    expect(() => mse([1], [1, 2])).toThrow(/length/);
  });
});
