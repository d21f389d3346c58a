// Grapheme-to-phoneme for words the CMU Pronouncing Dictionary lacks: a small model trained on the
// dictionary itself (scripts/cli/commands/g2p.ts trains it and reports held-out accuracy), shipped
// as models/g2p/cmudict-g2p.json. Pure functions; no I/O here.
//
// Training: letters are aligned to phones by EM (each letter gives no phone, one, or two, as in
// "x" → K S), then each letter's output is predicted from its letter context, the widest context
// seen in training winning (a backoff tree as in Daelemans & van den Bosch's IGTree). Contexts
// whose majority answer equals the next narrower one's are dropped, so the model stays small and
// still reproduces its training words.

export interface G2pModel {
  format: "attest-g2p-1";
  /** Context windows, narrowest first: [left letters, right letters]. */
  windows: [number, number][];
  /** One table per window: context key → output ("" silent, "K S", "AH0"). */
  tables: Record<string, string>[];
  trainedOn: { words: number; heldOut: number; source: string };
  accuracy?: G2pAccuracy;
}

export interface G2pAccuracy {
  words: number;
  /** Share of held-out words whose phones (with stress) are exactly the dictionary's. */
  wordAccuracy: number;
  /** The same ignoring stress digits. */
  wordAccuracyNoStress: number;
  /** Phone error rate: edit distance over dictionary phones. */
  phoneErrorRate: number;
}

export const WINDOWS: [number, number][] = [
  [0, 0], [0, 1], [1, 1], [1, 2], [2, 2], [2, 3], [3, 3], [3, 4], [4, 4],
];

const PAD = "#";
/** A letter's context key in a window: the letters left, the letter, the letters right. */
function key(letters: string, i: number, [l, r]: [number, number]): string {
  let s = "";
  for (let j = i - l; j <= i + r; j++) s += j < 0 || j >= letters.length ? PAD : letters[j];
  return s;
}

export function normalizeWord(w: string): string {
  return w.toLowerCase().replace(/[^a-z]/g, "");
}

/** Aligns each letter to "", one phone or two phones; null when no alignment fits. */
function align(letters: string, phones: string[], p: Map<string, number>): string[] | null {
  const n = letters.length;
  const m = phones.length;
  if (m > 2 * n) return null;
  // best[i][j]: best log score aligning the first i letters to the first j phones.
  const best = Array.from({ length: n + 1 }, () => new Float64Array(m + 1).fill(-Infinity));
  const back = Array.from({ length: n + 1 }, () => new Int8Array(m + 1));
  best[0][0] = 0;
  const score = (letter: string, out: string) => Math.log(p.get(`${letter}\t${out}`) ?? 1e-6);
  for (let i = 1; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      for (let k = 0; k <= 2 && k <= j; k++) {
        const prev = best[i - 1][j - k];
        if (prev === -Infinity) continue;
        const out = phones.slice(j - k, j).join(" ");
        const s = prev + score(letters[i - 1], out);
        if (s > best[i][j]) {
          best[i][j] = s;
          back[i][j] = k;
        }
      }
    }
  }
  if (best[n][m] === -Infinity) return null;
  const outs: string[] = new Array(n);
  let j = m;
  for (let i = n; i >= 1; i--) {
    const k = back[i][j];
    outs[i - 1] = phones.slice(j - k, j).join(" ");
    j -= k;
  }
  return outs;
}

const strip = (ph: string) => ph.replace(/\d/g, "");

/** Letter → output probabilities re-estimated from Viterbi alignments (hard EM). */
function alignAll(entries: [string, string[]][], iterations = 4): (string[] | null)[] {
  // Start: every (letter, output) pair equally likely, two-phone outputs and silence a bit less.
  let p = new Map<string, number>();
  const init = (letter: string, out: string) => p.set(`${letter}\t${out}`, out === "" ? 0.1 : out.includes(" ") ? 0.01 : 0.2);
  for (const [w, phones] of entries) {
    for (const c of w) {
      init(c, "");
      for (let j = 0; j < phones.length; j++) {
        init(c, phones[j]);
        if (j + 1 < phones.length) init(c, `${phones[j]} ${phones[j + 1]}`);
      }
    }
  }
  let aligned: (string[] | null)[] = [];
  for (let it = 0; it < iterations; it++) {
    aligned = entries.map(([w, phones]) => align(w, phones, p));
    const counts = new Map<string, number>();
    const totals = new Map<string, number>();
    aligned.forEach((outs, e) => {
      if (!outs) return;
      const w = entries[e][0];
      outs.forEach((o, i) => {
        const k = `${w[i]}\t${o}`;
        counts.set(k, (counts.get(k) ?? 0) + 1);
        totals.set(w[i], (totals.get(w[i]) ?? 0) + 1);
      });
    });
    p = new Map();
    for (const [k, c] of counts) p.set(k, (c + 0.1) / (totals.get(k.split("\t")[0])! + 1));
  }
  return aligned;
}

function majority(counts: Map<string, number>): string {
  let best = "";
  let n = -1;
  for (const [o, c] of counts) if (c > n || (c === n && o < best)) [best, n] = [o, c];
  return best;
}

/** Trains on dictionary entries (word → phones with stress). */
export function trainG2p(entries: [string, string[]][], meta: { heldOut: number; source: string }): G2pModel {
  const clean = entries.map(([w, ph]) => [normalizeWord(w), ph] as [string, string[]]).filter(([w]) => w.length > 0);
  const aligned = alignAll(clean);
  const counts: Map<string, Map<string, number>>[] = WINDOWS.map(() => new Map());
  clean.forEach(([w], e) => {
    const outs = aligned[e];
    if (!outs) return;
    for (let i = 0; i < w.length; i++) {
      WINDOWS.forEach((win, lvl) => {
        const k = key(w, i, win);
        let m = counts[lvl].get(k);
        if (!m) counts[lvl].set(k, (m = new Map()));
        m.set(outs[i], (m.get(outs[i]) ?? 0) + 1);
      });
    }
  });
  const tables: Record<string, string>[] = WINDOWS.map(() => ({}));
  const majorities: Map<string, string>[] = counts.map((lvl) => new Map([...lvl].map(([k, m]) => [k, majority(m)])));
  WINDOWS.forEach((win, lvl) => {
    for (const [k, out] of majorities[lvl]) {
      if (lvl === 0) {
        tables[0][k] = out;
        continue;
      }
      // The same context one level narrower (windows grow by one letter, right then left).
      const [pl, pr] = WINDOWS[lvl - 1];
      const parent = k.slice(win[0] - pl, k.length - (win[1] - pr));
      if (majorities[lvl - 1].get(parent) !== out) tables[lvl][k] = out;
    }
  });
  return { format: "attest-g2p-1", windows: WINDOWS, tables, trainedOn: { words: clean.length, heldOut: meta.heldOut, source: meta.source } };
}

const VOWEL = /^(AA|AE|AH|AO|AW|AY|EH|ER|EY|IH|IY|OW|OY|UH|UW)[012]$/;

/** Phones with stress for one word, or [] when it has no letters. */
export function predictPhones(model: G2pModel, word: string): string[] {
  const w = normalizeWord(word);
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) {
    let o: string | undefined;
    for (let lvl = model.windows.length - 1; lvl >= 0 && o === undefined; lvl--) o = model.tables[lvl][key(w, i, model.windows[lvl])];
    if (o) out.push(...o.split(" "));
  }
  // One primary stress: a word predicted with none gets it on its first vowel, later ones become secondary.
  let primary = false;
  const fixed = out.map((p) => {
    if (!VOWEL.test(p) || !p.endsWith("1")) return p;
    if (primary) return `${p.slice(0, -1)}2`;
    primary = true;
    return p;
  });
  if (!primary) {
    const v = fixed.findIndex((p) => VOWEL.test(p));
    if (v >= 0) fixed[v] = `${fixed[v].slice(0, -1)}1`;
  }
  // Two identical consonants in a row ("ll" → L L) are one phone.
  return fixed.filter((p, i) => i === 0 || p !== fixed[i - 1] || VOWEL.test(p));
}

function editDistance(a: string[], b: string[]): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = t;
    }
  }
  return d[b.length];
}

/** Accuracy on words the model was not trained on (any listed pronunciation counts as right). */
export function evaluateG2p(model: G2pModel, heldOut: Map<string, string[][]>): G2pAccuracy {
  let exact = 0;
  let noStress = 0;
  let edits = 0;
  let phones = 0;
  for (const [w, prons] of heldOut) {
    const p = predictPhones(model, w);
    if (prons.some((r) => r.join(" ") === p.join(" "))) exact++;
    if (prons.some((r) => r.map(strip).join(" ") === p.map(strip).join(" "))) noStress++;
    const dists = prons.map((r) => editDistance(p, r));
    const i = dists.indexOf(Math.min(...dists));
    edits += dists[i];
    phones += prons[i].length;
  }
  const n = heldOut.size;
  const r = (x: number) => Math.round(x * 10000) / 10000;
  return { words: n, wordAccuracy: r(exact / n), wordAccuracyNoStress: r(noStress / n), phoneErrorRate: r(edits / phones) };
}
