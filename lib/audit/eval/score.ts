/**
 * Scores an audit against a labelled set (../shared/audit-eval/README.md). Matching, exactly:
 * - extraction: a predicted mention matches a gold one with the same type and the same span
 *   [start, end) (one-to-one); precision, recall and F1 count those. `targets` is stricter: the same
 *   span and type and also the same status, word index, phone index and aspect.
 * - polarity accuracy: over gold mentions matched by span and type, the share whose predicted
 *   polarity equals the gold one.
 * - flags: raised flags are first de-duplicated per (granularity, code, target) as the set's
 *   `expect` is, where the target is the word index (word flags) or phone index (phone flags) of a
 *   resolved mention, else its text as written; `missed_errors` has no target. A raised flag then
 *   matches one expected entry (one-to-one) with the same granularity and code and, for
 *   contradictions, a mention tied to the same target as a gold `ok` mention with the expected text;
 *   for not_in_utterance and ambiguous_reference, the same mention text.
 * Pure: no file, no database.
 */
import type { Flag, FlagCode, Mention, Polarity } from "../types";
import { FLAG_CODES } from "../types";
import type { GoldMention } from "../evaluate-extraction";
import type { ExpectedFlag, LabelledRecord } from "./labelled-set";

export interface ScoredRecord {
  record: LabelledRecord;
  mentions: Mention[];
  /** Word and phone flags raised for the record. */
  flags: Flag[];
}

export interface Prf {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface CodeScore {
  precision: number | null;
  recall: number | null;
  expected: number;
  raised: number;
  matched: number;
}

export interface EvalFigures {
  records: number;
  extraction: Prf & { gold: number; predicted: number; matched: number; targets: Prf };
  polarity_accuracy: number | null;
  polarity_n: number;
  flags: {
    precision: number | null;
    recall: number | null;
    expected: number;
    raised: number;
    matched: number;
    per_code: Record<FlagCode, CodeScore>;
    per_granularity: Record<"word" | "phone", CodeScore>;
  };
  /** Records whose `expect` is empty but that got at least one flag (a trustworthy rationale flagged). */
  clean_records: number;
  clean_records_flagged: number;
}

export interface EvalError {
  id: string;
  kind: "missed_mention" | "spurious_mention" | "wrong_target" | "polarity" | "missed_flag" | "false_flag";
  detail: string;
}

const ratio = (a: number, n: number): number | null => (n > 0 ? a / n : null);
const f1of = (p: number | null, r: number | null): number | null => (p === null || r === null ? null : p + r > 0 ? (2 * p * r) / (p + r) : 0);
const round = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);

const spanKey = (m: { type: string; start: number; end: number }) => `${m.type}@${m.start}-${m.end}`;
const targetOfGold = (g: GoldMention) => `${g.status}|${g.word_index}|${g.phone_index}|${g.aspect}`;
const targetOfMention = (m: Mention) => `${m.status}|${m.wordIndex}|${m.phoneIndex}|${m.aspect}`;

interface RaisedFlag {
  granularity: "word" | "phone";
  code: FlagCode;
  text: string | null;
  index: number | null;
  polarity: Polarity | null;
}

/** A word or phone flag's target: the word/phone index of a resolved mention, else the mention text; none for missed_errors. */
function flagTarget(f: Flag): { index: number | null; text: string | null } {
  const index = f.code === "missed_errors" || !f.mention ? null : f.granularity === "word" ? f.mention.wordIndex : f.mention.phoneIndex;
  return { index, text: f.code === "missed_errors" ? null : (f.mention?.text ?? null) };
}

/** The identity of a flag: (granularity, code, target). Two audits raise "the same flag" when these are equal. */
export function flagKey(f: Flag): string {
  const { index, text } = flagTarget(f);
  return `${f.granularity}|${f.code}|${index ?? text}`;
}

/** One entry per (granularity, code, target), in order. */
export function dedupeFlags(flags: Flag[]): RaisedFlag[] {
  const seen = new Set<string>();
  const out: RaisedFlag[] = [];
  for (const f of flags) {
    if (f.granularity === "sentence") continue;
    const key = flagKey(f);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ granularity: f.granularity, code: f.code, ...flagTarget(f), polarity: f.mention?.polarity ?? null });
  }
  return out;
}

const isContradiction = (c: FlagCode) => c === "contradicts_prediction" || c === "contradicts_consensus";

/** The targets an expected contradiction may point at: gold ok mentions of its granularity with its text. */
function expectedTargets(e: ExpectedFlag, gold: GoldMention[]): Set<number> {
  const of = (exact: boolean) =>
    gold
      .filter((g) => g.type === e.granularity && g.status === "ok" && (exact ? g.text === e.mention : g.text.toLowerCase() === e.mention?.toLowerCase()))
      .map((g) => (e.granularity === "word" ? g.word_index : g.phone_index))
      .filter((i): i is number => i !== null);
  const exact = of(true);
  return new Set(exact.length ? exact : of(false));
}

function flagMatches(e: ExpectedFlag, r: RaisedFlag, gold: GoldMention[]): boolean {
  if (e.granularity !== r.granularity || e.code !== r.code) return false;
  if (e.code === "missed_errors") return true;
  if (isContradiction(e.code)) {
    const targets = expectedTargets(e, gold);
    return targets.size > 0 ? r.index !== null && targets.has(r.index) : r.text === e.mention;
  }
  return r.text === e.mention;
}

export function scoreAudit(rows: ScoredRecord[]): { figures: EvalFigures; errors: EvalError[] } {
  const errors: EvalError[] = [];
  let gold = 0, predicted = 0, spanMatched = 0, targetMatched = 0, polarityRight = 0;
  const codes = Object.fromEntries(FLAG_CODES.map((c) => [c, { expected: 0, raised: 0, matched: 0 }])) as Record<FlagCode, { expected: number; raised: number; matched: number }>;
  const grans = { word: { expected: 0, raised: 0, matched: 0 }, phone: { expected: 0, raised: 0, matched: 0 } };
  let clean = 0, cleanFlagged = 0;
  for (const { record, mentions, flags } of rows) {
    gold += record.mentions.length;
    predicted += mentions.length;
    const bySpan = new Map<string, Mention>();
    for (const m of mentions) if (!bySpan.has(spanKey(m))) bySpan.set(spanKey(m), m);
    const goldSpans = new Set(record.mentions.map(spanKey));
    for (const g of record.mentions) {
      const m = bySpan.get(spanKey(g));
      if (!m) {
        errors.push({ id: record.id, kind: "missed_mention", detail: `${g.type} "${g.text}" @${g.start}` });
        continue;
      }
      bySpan.delete(spanKey(g));
      spanMatched++;
      if (targetOfMention(m) === targetOfGold(g)) targetMatched++;
      else errors.push({ id: record.id, kind: "wrong_target", detail: `${g.type} "${g.text}" gold ${targetOfGold(g)}, got ${targetOfMention(m)}` });
      if (m.polarity === g.polarity) polarityRight++;
      else errors.push({ id: record.id, kind: "polarity", detail: `${g.type} "${g.text}" gold ${g.polarity}, got ${m.polarity} (decided by: ${m.cue ?? "nothing"})` });
    }
    for (const m of mentions) if (!goldSpans.has(spanKey(m))) errors.push({ id: record.id, kind: "spurious_mention", detail: `${m.type} "${m.text}" @${m.start}` });

    const raised = dedupeFlags(flags);
    const open = [...record.expect];
    if (record.expect.length === 0) {
      clean++;
      if (raised.length > 0) cleanFlagged++;
    }
    for (const e of record.expect) (codes[e.code].expected++, grans[e.granularity].expected++);
    for (const r of raised) {
      codes[r.code].raised++;
      grans[r.granularity].raised++;
      const k = open.findIndex((e) => flagMatches(e, r, record.mentions));
      if (k >= 0) {
        codes[r.code].matched++;
        grans[r.granularity].matched++;
        open.splice(k, 1);
      } else errors.push({ id: record.id, kind: "false_flag", detail: `${r.granularity} ${r.code} ${r.text ?? ""}${r.index !== null ? `#${r.index}` : ""} (${r.polarity ?? "-"})` });
    }
    for (const e of open) errors.push({ id: record.id, kind: "missed_flag", detail: `${e.granularity} ${e.code} ${e.mention ?? ""}` });
  }
  const codeScore = (c: { expected: number; raised: number; matched: number }): CodeScore => ({
    precision: round(ratio(c.matched, c.raised)), recall: round(ratio(c.matched, c.expected)), expected: c.expected, raised: c.raised, matched: c.matched,
  });
  const total = Object.values(codes).reduce((s, c) => ({ expected: s.expected + c.expected, raised: s.raised + c.raised, matched: s.matched + c.matched }), { expected: 0, raised: 0, matched: 0 });
  const p = ratio(spanMatched, predicted);
  const r = ratio(spanMatched, gold);
  const tp = ratio(targetMatched, predicted);
  const tr = ratio(targetMatched, gold);
  return {
    figures: {
      records: rows.length,
      extraction: {
        precision: round(p), recall: round(r), f1: round(f1of(p, r)), gold, predicted, matched: spanMatched,
        targets: { precision: round(tp), recall: round(tr), f1: round(f1of(tp, tr)) },
      },
      polarity_accuracy: round(ratio(polarityRight, spanMatched)),
      polarity_n: spanMatched,
      flags: {
        precision: round(ratio(total.matched, total.raised)),
        recall: round(ratio(total.matched, total.expected)),
        ...total,
        per_code: Object.fromEntries(FLAG_CODES.map((c) => [c, codeScore(codes[c])])) as Record<FlagCode, CodeScore>,
        per_granularity: { word: codeScore(grans.word), phone: codeScore(grans.phone) },
      },
      clean_records: clean,
      clean_records_flagged: cleanFlagged,
    },
    errors,
  };
}
