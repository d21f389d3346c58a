/**
 * A labelled set of model rationales in the `../shared/audit-eval` format (its README): one JSON
 * object per line with the full `response`, its `rationale`, gold `mentions` (offsets in Unicode
 * code points) and the flags a correct audit raises (`expect`). Pure: parses text, reads no file.
 * Offsets are converted here to JavaScript string offsets (UTF-16), which the audit uses.
 */
import { AppError, type Problem } from "@/lib/errors";
import { FLAG_CODES, type FlagCode } from "../types";
import type { GoldMention } from "../evaluate-extraction";

export interface ExpectedFlag {
  granularity: "word" | "phone";
  code: FlagCode;
  /** The mention text as written; null for missed_errors. */
  mention: string | null;
}

export interface LabelledRecord {
  id: string;
  uttId: string;
  kind: string;
  phenomena: string[];
  response: string;
  rationale: string;
  /** Offsets in UTF-16 code units (`rationale.slice(start, end) === text`). */
  mentions: GoldMention[];
  expect: ExpectedFlag[];
  /** 1-based line of the record in its file. */
  line: number;
}

const TYPES = new Set(["word", "phone", "aspect"]);
const STATUSES = new Set(["ok", "not_in_utterance", "ambiguous"]);
const POLARITIES = new Set(["positive", "neutral", "negative"]);

/** Code-point index → UTF-16 index for one string (identity when it has no astral characters). */
function codePointOffsets(s: string): (i: number) => number {
  if (!/[\uD800-\uDBFF]/.test(s)) return (i) => i;
  const map: number[] = [];
  let u = 0;
  for (const ch of s) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return (i) => map[i] ?? -1;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const intOrNull = (v: unknown) => v === null || (Number.isInteger(v) && (v as number) >= 0);

/** Parses a whole file's text; every problem is reported with its line and field, none is fatal until the end. */
export function parseLabelledSet(text: string, file: string): LabelledRecord[] {
  const problems: Problem[] = [];
  const out: LabelledRecord[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    const at = (field: string | undefined, message: string) => problems.push({ file, line, field, message });
    let r: unknown;
    try {
      r = JSON.parse(raw);
    } catch (e) {
      at(undefined, `not JSON: ${(e as Error).message}`);
      return;
    }
    if (!isObj(r)) return void at(undefined, "not a JSON object");
    const before = problems.length;
    for (const k of ["id", "utt_id", "response", "rationale"]) if (typeof r[k] !== "string") at(k, "missing or not text");
    if (!Array.isArray(r.mentions)) at("mentions", "missing or not a list");
    if (!Array.isArray(r.expect)) at("expect", "missing or not a list");
    if (problems.length > before) return;
    const rationale = r.rationale as string;
    if (!(r.response as string).endsWith(rationale)) at("rationale", "is not the end of response");
    const toUtf16 = codePointOffsets(rationale);
    const mentions: GoldMention[] = [];
    (r.mentions as unknown[]).forEach((m, k) => {
      const f = `mentions[${k}]`;
      if (!isObj(m)) return void at(f, "not an object");
      if (!TYPES.has(m.type as string)) return void at(`${f}.type`, `must be word, phone or aspect, got ${JSON.stringify(m.type)}`);
      if (!STATUSES.has(m.status as string)) return void at(`${f}.status`, `must be ok, not_in_utterance or ambiguous, got ${JSON.stringify(m.status)}`);
      if (!POLARITIES.has(m.polarity as string)) return void at(`${f}.polarity`, `must be positive, neutral or negative, got ${JSON.stringify(m.polarity)}`);
      if (!Number.isInteger(m.start) || !Number.isInteger(m.end)) return void at(`${f}.start`, "start and end must be whole numbers");
      if (!intOrNull(m.word_index) || !intOrNull(m.phone_index)) return void at(`${f}.word_index`, "word_index and phone_index must be whole numbers or null");
      const start = toUtf16(m.start as number);
      const end = toUtf16(m.end as number);
      if (typeof m.text !== "string" || rationale.slice(start, end) !== m.text) {
        return void at(`${f}.start`, `rationale[${m.start}:${m.end}] is not the mention text ${JSON.stringify(m.text)}`);
      }
      mentions.push({
        type: m.type as GoldMention["type"], text: m.text, start, end, status: m.status as GoldMention["status"],
        word_index: (m.word_index as number | null) ?? null, phone_index: (m.phone_index as number | null) ?? null,
        aspect: typeof m.aspect === "string" ? m.aspect : null, polarity: m.polarity as GoldMention["polarity"],
      });
    });
    const expect: ExpectedFlag[] = [];
    (r.expect as unknown[]).forEach((e, k) => {
      const f = `expect[${k}]`;
      if (!isObj(e)) return void at(f, "not an object");
      if (e.granularity !== "word" && e.granularity !== "phone") return void at(`${f}.granularity`, `must be word or phone, got ${JSON.stringify(e.granularity)}`);
      if (!FLAG_CODES.includes(e.code as FlagCode)) return void at(`${f}.code`, `unknown flag code ${JSON.stringify(e.code)}`);
      if (e.mention !== null && typeof e.mention !== "string") return void at(`${f}.mention`, "must be text or null");
      expect.push({ granularity: e.granularity, code: e.code as FlagCode, mention: e.mention as string | null });
    });
    if (problems.length > before) return;
    out.push({
      id: r.id as string, uttId: r.utt_id as string, kind: typeof r.kind === "string" ? r.kind : "",
      phenomena: Array.isArray(r.phenomena) ? r.phenomena.filter((p): p is string => typeof p === "string") : [],
      response: r.response as string, rationale, mentions, expect, line,
    });
  });
  if (problems.length > 0) throw new AppError("INVALID_INPUT", `${file}: ${problems.length} problem(s) in the labelled set; nothing was evaluated`, problems);
  if (out.length === 0) throw new AppError("INVALID_INPUT", `${file} holds no records`, [{ file, message: "no records" }]);
  return out;
}
