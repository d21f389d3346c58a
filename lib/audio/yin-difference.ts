// YIN's difference function for every frame, computed from running sums instead of frame by frame.
//
// d_t(τ) = Σ_{j<W} (x_{s+j} − x_{s+j+τ})² = E(s, W) + E(s+τ, W) − 2·Σ_{j<W} x_{s+j}·x_{s+j+τ}.
// The energies come from a prefix sum of x², and the cross term from prefix sums of x_j·x_{j+τ}
// kept every gcd(hop, W) samples, so each product is computed once per lag instead of once per
// overlapping frame: ~W/hop (2.5×) less work at 25 ms / 10 ms. Frames are processed in chunks so
// memory stays bounded and the running sums stay short (their rounding error stays tiny).

export interface DifferenceLayout {
  frames: number;
  hop: number;
  /** Integration window W, samples. */
  win: number;
  /** Frame t's segment starts at sample t·hop − lead (samples outside the signal are zero). */
  lead: number;
  /** Largest lag τ computed. */
  maxTau: number;
}

const CHUNK_FRAMES = 256;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Calls visit(t, d) for each frame in order, with d[τ] = d_t(τ) for τ = 0..maxTau (d[0] = 0).
 * `d` is reused between calls: copy it if you need to keep it.
 */
export function forEachYinDifference(
  samples: Float32Array,
  L: DifferenceLayout,
  visit: (t: number, d: Float64Array) => void,
): void {
  const { hop, win: W, lead, maxTau } = L;
  const g = gcd(hop, W);
  const d = new Float64Array(maxTau + 1);
  const n = samples.length;

  for (let t0 = 0; t0 < L.frames; t0 += CHUNK_FRAMES) {
    const t1 = Math.min(L.frames, t0 + CHUNK_FRAMES);
    const base = t0 * hop - lead; // signal index of local position 0
    const span = (t1 - 1 - t0) * hop + W; // local positions whose products we need
    const len = span + maxTau;
    const x = new Float64Array(len);
    for (let i = 0; i < len; i++) {
      const s = base + i;
      x[i] = s >= 0 && s < n ? samples[s] : 0;
    }
    const q = new Float64Array(len + 1);
    for (let i = 0; i < len; i++) q[i + 1] = q[i] + x[i] * x[i];

    const blocks = span / g + 1; // span is a multiple of g because hop and W are
    const c = new Float64Array((maxTau + 1) * blocks);
    // Four lags at a time share each load of x[j] (about 2× faster in V8); every lag keeps the
    // same even/odd accumulation order as the one-lag loop below, so the sums are bit-identical.
    let tau4 = 1;
    for (; tau4 + 3 <= maxTau; tau4 += 4) {
      const r0 = tau4 * blocks;
      const r1 = r0 + blocks;
      const r2 = r1 + blocks;
      const r3 = r2 + blocks;
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      for (let b = 0; b < blocks - 1; b++) {
        c[r0 + b] = c0;
        c[r1 + b] = c1;
        c[r2 + b] = c2;
        c[r3 + b] = c3;
        let e0 = 0, o0 = 0, e1 = 0, o1 = 0, e2 = 0, o2 = 0, e3 = 0, o3 = 0;
        const end = (b + 1) * g;
        let j = b * g;
        for (; j + 1 < end; j += 2) {
          const xa = x[j];
          const xb = x[j + 1];
          const k = j + tau4;
          const y0 = x[k], y1 = x[k + 1], y2 = x[k + 2], y3 = x[k + 3], y4 = x[k + 4];
          e0 += xa * y0; o0 += xb * y1;
          e1 += xa * y1; o1 += xb * y2;
          e2 += xa * y2; o2 += xb * y3;
          e3 += xa * y3; o3 += xb * y4;
        }
        if (j < end) {
          const xa = x[j];
          const k = j + tau4;
          e0 += xa * x[k]; e1 += xa * x[k + 1]; e2 += xa * x[k + 2]; e3 += xa * x[k + 3];
        }
        c0 += e0 + o0;
        c1 += e1 + o1;
        c2 += e2 + o2;
        c3 += e3 + o3;
      }
      c[r0 + blocks - 1] = c0;
      c[r1 + blocks - 1] = c1;
      c[r2 + blocks - 1] = c2;
      c[r3 + blocks - 1] = c3;
    }
    for (let tau = tau4; tau <= maxTau; tau++) {
      const row = tau * blocks;
      let acc = 0;
      for (let b = 0; b < blocks - 1; b++) {
        c[row + b] = acc;
        let a0 = 0;
        let a1 = 0;
        const end = (b + 1) * g;
        let j = b * g;
        for (; j + 1 < end; j += 2) {
          a0 += x[j] * x[j + tau];
          a1 += x[j + 1] * x[j + 1 + tau];
        }
        if (j < end) a0 += x[j] * x[j + tau];
        acc += a0 + a1;
      }
      c[row + blocks - 1] = acc;
    }

    for (let t = t0; t < t1; t++) {
      const s = (t - t0) * hop;
      const bs = s / g;
      const be = (s + W) / g;
      const e0 = q[s + W] - q[s];
      d[0] = 0;
      for (let tau = 1; tau <= maxTau; tau++) {
        const cross = c[tau * blocks + be] - c[tau * blocks + bs];
        const v = e0 + q[s + tau + W] - q[s + tau] - 2 * cross;
        d[tau] = v > 0 ? v : 0; // rounding can push a perfect match a hair below zero
      }
      visit(t, d);
    }
  }
}
