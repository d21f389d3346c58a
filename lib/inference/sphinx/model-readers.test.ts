// The model readers on the real en-us files, and their errors on damaged copies.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEBIAN_MODEL, requireSphinxTools } from "@/tests/helpers/sphinx-tools";
import { sphinxModel } from "./acoustic-model";
import { parseFeatParams } from "./feat-params";
import { phoneSenones, readMdef, triphoneId, WPOS } from "./mdef";
import { readGauden, readTransitionMatrices } from "./s3-file";
import { readSendump } from "./sendump";

describe("Sphinx en-us model readers", () => {
  const m = sphinxModel();
  const file = (f: string) => path.join(m.dir, f);

  it("mdef: 42 base phones with SIL, 5126 senones, 3 states, triphones with their own senones", () => {
    expect(m.mdef.ciPhones).toHaveLength(42);
    expect(m.mdef.ciPhones).toContain("AA");
    expect(m.mdef.ciPhones[m.mdef.sil]).toBe("SIL");
    expect(m.mdef.nSen).toBe(5126);
    expect(m.mdef.nEmit).toBe(3);
    expect(m.mdef.triphones.size).toBeGreaterThan(100_000);
    const ci = (p: string) => m.mdef.ciIndex.get(p)!;
    const k = triphoneId(m.mdef, ci("AE"), ci("K"), ci("T"), WPOS.internal);
    expect(k).toBeGreaterThanOrEqual(42);
    const sen = phoneSenones(m.mdef, k);
    expect(sen.every((s) => s >= m.mdef.nCiSen && m.mdef.sen2ci[s] === ci("AE"))).toBe(true);
    // Every senone belongs to one base phone's codebook.
    expect(Array.from(m.mdef.sen2ci).every((c) => c >= 0 && c < 42)).toBe(true);
  });

  it("an unknown context backs off to the base phone; filler context maps to silence", () => {
    const ci = (p: string) => m.mdef.ciIndex.get(p)!;
    const noise = m.mdef.ciPhones.findIndex((p, i) => m.mdef.filler[i] && p !== "SIL");
    expect(noise).toBeGreaterThan(-1);
    const viaNoise = triphoneId(m.mdef, ci("AE"), noise, ci("T"), WPOS.begin);
    const viaSil = triphoneId(m.mdef, ci("AE"), m.mdef.sil, ci("T"), WPOS.begin);
    expect(viaNoise).toBe(viaSil);
    expect(triphoneId(m.mdef, m.mdef.sil, ci("AE"), ci("T"), WPOS.internal)).toBe(m.mdef.sil);
  });

  it("means, variances, weights, transitions have the PTM shapes; weights are quantised probabilities; transitions are normalised", () => {
    expect(m.nCodebooks).toBe(42);
    expect(m.nDensities).toBe(128);
    const w = m.streams[0].weight;
    const sum = Array.from({ length: 128 }, (_, k) => w[1000 * 128 + k]).reduce((s, v) => s + v, 0);
    expect(sum).toBeGreaterThan(0.8);
    expect(sum).toBeLessThanOrEqual(1.0001);
    const { tmat } = m;
    expect(tmat.nFrom).toBe(3);
    for (let i = 0; i < tmat.n * tmat.nFrom; i++) {
      const row = Array.from(tmat.logProb.subarray(i * tmat.nTo, (i + 1) * tmat.nTo));
      expect(row.reduce((s, v) => s + Math.exp(v), 0)).toBeCloseTo(1, 5);
    }
  });

  it("the files in models/sphinx-en-us are Debian's pocketsphinx-en-us byte for byte", () => {
    requireSphinxTools();
    for (const f of ["mdef", "means", "variances", "sendump", "transition_matrices"]) {
      expect(readFileSync(file(f)).equals(readFileSync(path.join(DEBIAN_MODEL, "en-us", f))), f).toBe(true);
    }
  });

  it("damaged files are refused with the file named", () => {
    const means = readFileSync(file("means"));
    expect(() => readGauden(means.subarray(0, 2000), "means")).toThrow(/means: .*truncated/);
    expect(() => readGauden(Buffer.from("s3\nendhdr\nxxxx"), "means")).toThrow(/means: byte-order magic/);
    expect(() => readMdef(Buffer.alloc(100), "mdef")).toThrow(/mdef: not a little-endian binary mdef/);
    const mdef = readFileSync(file("mdef"));
    expect(() => readMdef(mdef.subarray(0, 5000), "mdef")).toThrow(/mdef: /);
    expect(() => readSendump(readFileSync(file("sendump")).subarray(0, 100_000), "sendump")).toThrow(/sendump: is truncated/);
    expect(() => readTransitionMatrices(Buffer.from("s3\nendhdr\n"), "tm")).toThrow(/tm: /);
    expect(() => parseFeatParams("-nfilt 25\n-remove_noise yes\n", "feat.params")).toThrow(/feat.params line 2: option -remove_noise is not supported/);
    expect(() => parseFeatParams("-lowerf abc\n", "feat.params")).toThrow(/line 1: -lowerf needs a number/);
  });
});
