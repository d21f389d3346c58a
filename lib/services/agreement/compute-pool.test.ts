// The compute pool runs the agreement tasks on a worker thread: the same figures as in-thread,
// rating grids across the boundary intact (missing stays missing), errors with their codes.
import { describe, it, expect } from "vitest";
import { SPEECHOCEAN762_RUBRIC } from "@/lib/rubric/rubric";
import { mulberry32, randomInt } from "@/lib/metrics";
import { packTask, runComputeTask, unpackTask } from "./compute";
import { computeStats, runOffThread } from "./compute-pool";
import type { LoadedRatings } from "./load-ratings";

function grid(n: number, k: number, seed: number, max = 10) {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => Array.from({ length: k }, () => (rng() < 0.1 ? null : randomInt(rng, max + 1))));
}

function data(): LoadedRatings {
  const items = 40;
  const s = grid(items, 3, 1);
  const w = grid(items * 2, 3, 2);
  const p = grid(items * 3, 3, 3, 2);
  return {
    dataset: { id: "d", name: "d", rubric: SPEECHOCEAN762_RUBRIC },
    raters: [0, 1, 2].map((i) => ({ id: `r${i}`, name: `rater-${i}` })),
    items: Array.from({ length: items }, (_, i) => ({ id: `i${i}`, uttId: String(i), split: "test", speakerAge: 10 + i })),
    words: w.map((_, i) => ({ id: `w${i}`, item: i >> 1, index: i % 2, text: "W" })),
    phones: p.map((_, i) => ({ id: `p${i}`, item: Math.floor(i / 3), position: i % 3, symbol: "AH0" })),
    sentence: { accuracy: s, fluency: s, prosody: s, completeness: s.map((r) => r.map((v) => (v === null ? null : v / 10))), total: s },
    word: { accuracy: w, stress: w, total: w },
    phone: p,
    order: [0, 1, 2].map(() => Array.from({ length: items }, (_, i) => i)),
    reference: { sentence: new Map([[0, { accuracy: 5, fluency: 5, prosody: 5, completeness: 1, total: 5 }]]), word: new Map(), phone: new Map([[1, 2]]) },
  };
}

describe("compute pool", () => {
  it("moves the rating grids to the worker and back unchanged (null stays null, 0 stays 0)", () => {
    const d = data();
    const { message } = packTask({ kind: "dashboard", data: d, filters: {} });
    const back = unpackTask(structuredClone(message)).data;
    expect(back.sentence).toEqual(d.sentence);
    expect(back.word).toEqual(d.word);
    expect(back.phone).toEqual(d.phone);
    expect(back.reference).toEqual(d.reference);
  });

  it("gives the in-thread figures from a worker thread", async () => {
    const before = computeStats().completed;
    const task = { kind: "agreement" as const, data: data(), replicates: 30, seed: 4 };
    const [off, dash] = await Promise.all([runOffThread(task), runOffThread({ kind: "dashboard", data: data(), filters: { replicates: 20 } })]);
    expect(off).toEqual(runComputeTask({ ...task, data: data() }));
    expect(dash).toEqual(runComputeTask({ kind: "dashboard", data: data(), filters: { replicates: 20 } }));
    expect(computeStats().completed).toBe(before + 2);
  });

  it("throws an AppError from the worker with its code and problems", async () => {
    await expect(runOffThread({ kind: "agreement", data: data(), granularity: "nope" })).rejects.toMatchObject({
      name: "AppError",
      code: "INVALID_INPUT",
      problems: [{ field: "granularity", message: "unknown granularity" }],
    });
  });
});
