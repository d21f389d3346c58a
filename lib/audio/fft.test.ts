import { describe, expect, it } from "vitest";
import { createRealFft } from "./fft";
import { seededRandom } from "./wav-test-fixtures";

function naiveDft(x: ArrayLike<number>, n: number): { re: number[]; im: number[] } {
  const re: number[] = [];
  const im: number[] = [];
  for (let k = 0; k <= n / 2; k++) {
    let r = 0;
    let i = 0;
    for (let t = 0; t < n; t++) {
      const v = t < x.length ? x[t] : 0;
      r += v * Math.cos((2 * Math.PI * k * t) / n);
      i -= v * Math.sin((2 * Math.PI * k * t) / n);
    }
    re.push(r);
    im.push(i);
  }
  return { re, im };
}

describe("createRealFft", () => {
  it.each([2, 4, 8, 16, 64, 512, 1024])("matches a naive DFT for size %i", (n) => {
    const rnd = seededRandom(n);
    const x = Float64Array.from({ length: n }, () => rnd() * 2 - 1);
    const fft = createRealFft(n);
    const re = new Float64Array(n / 2 + 1);
    const im = new Float64Array(n / 2 + 1);
    fft.forward(x, re, im);
    const ref = naiveDft(x, n);
    for (let k = 0; k <= n / 2; k++) {
      expect(re[k]).toBeCloseTo(ref.re[k], 8);
      expect(im[k]).toBeCloseTo(ref.im[k], 8);
    }
  });

  it("zero-pads a short input and can be reused", () => {
    const fft = createRealFft(16);
    const re = new Float64Array(9);
    const im = new Float64Array(9);
    fft.forward(Float32Array.of(1, 2, 3), re, im);
    fft.forward(Float32Array.of(1, 2, 3), re, im);
    const ref = naiveDft([1, 2, 3], 16);
    for (let k = 0; k <= 8; k++) expect(re[k]).toBeCloseTo(ref.re[k], 10);
  });

  it("puts a bin-centred cosine in exactly one bin", () => {
    const n = 256;
    const x = Float64Array.from({ length: n }, (_, t) => Math.cos((2 * Math.PI * 10 * t) / n));
    const re = new Float64Array(n / 2 + 1);
    const im = new Float64Array(n / 2 + 1);
    createRealFft(n).forward(x, re, im);
    for (let k = 0; k <= n / 2; k++) expect(Math.hypot(re[k], im[k])).toBeCloseTo(k === 10 ? n / 2 : 0, 8);
  });

  it("rejects sizes that are not powers of two", () => {
    expect(() => createRealFft(400)).toThrow(/power of two/);
    expect(() => createRealFft(1)).toThrow(/power of two/);
  });
});
