// Praat TextGrid: parse the long ("ooTextFile" with labels) and short (values only) text formats,
// and write the long format. Praat reads both by taking values in order and skipping labels, and so
// does this parser: strings, numbers and <exists> are the only tokens that matter.
import { AppError } from "@/lib/errors";

export interface Interval {
  xmin: number;
  xmax: number;
  text: string;
}

export interface Tier {
  name: string;
  kind: "IntervalTier" | "TextTier";
  xmin: number;
  xmax: number;
  /** Intervals (IntervalTier) or points as {xmin = xmax = time, text = mark} (TextTier). */
  intervals: Interval[];
}

export interface TextGrid {
  xmin: number;
  xmax: number;
  tiers: Tier[];
}

type Token = { kind: "str"; value: string } | { kind: "num"; value: number } | { kind: "flag"; value: string };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  // Strings ("" escapes a quote), flags, numbers; everything else (labels, "item [1]:") is skipped.
  const re = /"((?:[^"]|"")*)"|<(exists|absent)>|\[\s*\d*\s*\]|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|!.*$/gm;
  for (const m of text.replace(/^\uFEFF/, "").matchAll(re)) {
    if (m[1] !== undefined) out.push({ kind: "str", value: m[1].replace(/""/g, '"') });
    else if (m[2]) out.push({ kind: "flag", value: m[2] });
    else if (m[3]) out.push({ kind: "num", value: Number(m[3]) });
  }
  return out;
}

export function parseTextGrid(text: string, file = "TextGrid"): TextGrid {
  const t = tokenize(text);
  let i = 0;
  const fail = (msg: string): never => {
    throw new AppError("INVALID_INPUT", `${file}: ${msg}`, [{ file, message: msg }]);
  };
  const str = (what: string) => {
    const x = t[i++];
    if (x?.kind !== "str") fail(`expected ${what} (a quoted string) at value ${i}`);
    return (x as { value: string }).value;
  };
  const num = (what: string) => {
    const x = t[i++];
    if (x?.kind !== "num") fail(`expected ${what} (a number) at value ${i}`);
    return (x as { value: number }).value;
  };
  if (str("file type") !== "ooTextFile") fail('not a Praat text file (File type = "ooTextFile")');
  if (str("object class") !== "TextGrid") fail('not a TextGrid (Object class = "TextGrid")');
  const xmin = num("xmin");
  const xmax = num("xmax");
  const flag = t[i++];
  if (flag?.kind !== "flag") fail("expected <exists> or <absent>");
  if ((flag as { value: string }).value === "absent") return { xmin, xmax, tiers: [] };
  const n = num("number of tiers");
  const tiers: Tier[] = [];
  for (let k = 0; k < n; k++) {
    const kind = str("tier class");
    if (kind !== "IntervalTier" && kind !== "TextTier") fail(`tier ${k + 1}: unknown class "${kind}"`);
    const name = str("tier name");
    const tmin = num("tier xmin");
    const tmax = num("tier xmax");
    const size = num("number of intervals");
    const intervals: Interval[] = [];
    for (let j = 0; j < size; j++) {
      if (kind === "IntervalTier") {
        const a = num("interval xmin");
        const b = num("interval xmax");
        if (b < a) fail(`tier "${name}" interval ${j + 1}: xmax ${b} is before xmin ${a}`);
        intervals.push({ xmin: a, xmax: b, text: str("interval text") });
      } else {
        const time = num("point time");
        intervals.push({ xmin: time, xmax: time, text: str("point mark") });
      }
    }
    tiers.push({ name, kind: kind as Tier["kind"], xmin: tmin, xmax: tmax, intervals });
  }
  return { xmin, xmax, tiers };
}

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
const n = (x: number) => String(Math.round(x * 1e6) / 1e6);

/** Long text format, as Praat writes it. Interval tiers are filled with empty intervals in gaps. */
export function writeTextGrid(tg: TextGrid): string {
  const L: string[] = ['File type = "ooTextFile"', 'Object class = "TextGrid"', "", `xmin = ${n(tg.xmin)} `, `xmax = ${n(tg.xmax)} `, "tiers? <exists> ", `size = ${tg.tiers.length} `, "item []: "];
  tg.tiers.forEach((tier, k) => {
    const iv = tier.kind === "IntervalTier" ? fillGaps(tier.intervals, tier.xmin, tier.xmax) : tier.intervals;
    L.push(`    item [${k + 1}]:`, `        class = ${q(tier.kind)} `, `        name = ${q(tier.name)} `, `        xmin = ${n(tier.xmin)} `, `        xmax = ${n(tier.xmax)} `);
    if (tier.kind === "IntervalTier") {
      L.push(`        intervals: size = ${iv.length} `);
      iv.forEach((x, j) => L.push(`        intervals [${j + 1}]:`, `            xmin = ${n(x.xmin)} `, `            xmax = ${n(x.xmax)} `, `            text = ${q(x.text)} `));
    } else {
      L.push(`        points: size = ${iv.length} `);
      iv.forEach((x, j) => L.push(`        points [${j + 1}]:`, `            number = ${n(x.xmin)} `, `            mark = ${q(x.text)} `));
    }
  });
  return L.join("\n") + "\n";
}

/**
 * Interval tiers must cover [xmin, xmax] without gaps or overlaps: gaps become empty intervals,
 * an overlap is cut at the later interval's start, and spans outside the grid are clipped.
 */
export function fillGaps(intervals: Interval[], xmin: number, xmax: number): Interval[] {
  const out: Interval[] = [];
  let t = xmin;
  for (const x of [...intervals].filter((i) => i.xmax > i.xmin).sort((a, b) => a.xmin - b.xmin)) {
    const a = Math.max(x.xmin, t);
    const b = Math.min(x.xmax, xmax);
    if (b <= a) continue;
    if (a > t + 1e-9) out.push({ xmin: t, xmax: a, text: "" });
    out.push({ xmin: a, xmax: b, text: x.text });
    t = b;
  }
  if (xmax > t + 1e-9) out.push({ xmin: t, xmax, text: "" });
  return out;
}

const SILENCE = /^(|sil|sp|spn|<.*>|#|\s+)$/i;

/** The labelled (non-silent) intervals of the first tier whose name matches. */
export function labelledIntervals(tg: TextGrid, name: RegExp): Interval[] | null {
  const tier = tg.tiers.find((t) => t.kind === "IntervalTier" && name.test(t.name));
  return tier ? tier.intervals.filter((x) => !SILENCE.test(x.text.trim())) : null;
}
