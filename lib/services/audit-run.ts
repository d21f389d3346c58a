// Audits one response against one item: parse it (lib/inference/response), take the model's own
// labels from it (or from a prediction's stored labels), and run lib/audit against the consensus.
import { arpabetToIpa } from "@/lib/rubric/arpabet-ipa";
import { isLabel, type Label } from "@/lib/rubric/labels";
import { parseResponse } from "@/lib/inference/response/parse-response";
import { auditResponse, predictionLabels, summarizeAll, type AuditGranularity, type Extraction, type Flag, type GranularityAudit, type LabelSet, type MentionAudit, type RaterScores, type ResponseAudit, type UtteranceIndex } from "@/lib/audit";
import type { AuditItem } from "./audit-context";

/** What one audit needs of an item: the utterance, the consensus and (for evidence) raters' scores. */
export type AuditTarget = Pick<AuditItem, "utterance" | "consensus"> & { raters?: RaterScores };

export interface RunResult {
  parsed: boolean;
  warnings: string[];
  rationale: string;
  rationaleOffset: number;
  prediction: LabelSet;
  audit: ResponseAudit;
}

/** A response "parses" when it is text with at least a rationale or one label we could read. */
function parsedOk(p: ReturnType<typeof parseResponse>, text: unknown): boolean {
  return typeof text === "string" && (p.rationale !== "" || Object.keys(p.sentence).length > 0 || p.words !== null || p.phones !== null);
}

/** Labels a Prediction row stores ({aspect: {label}}, [{label}]), when it has them all. */
export function storedLabels(sentence: unknown, words: unknown, phones: unknown, item: AuditItem): LabelSet | null {
  const lab = (v: unknown): Label | null => (v && typeof v === "object" && isLabel((v as { label?: unknown }).label) ? (v as { label: Label }).label : null);
  const s = sentence && typeof sentence === "object" ? (sentence as Record<string, unknown>) : {};
  const list = (v: unknown, n: number) => (Array.isArray(v) && v.length === n ? v.map(lab) : null);
  const out: LabelSet = {
    sentence: { accuracy: lab(s.accuracy), fluency: lab(s.fluency), prosody: lab(s.prosody) },
    words: list(words, item.utterance.utterance.words.length),
    phones: list(phones, item.utterance.utterance.phones.length),
  };
  const any = Object.values(out.sentence).some(Boolean) || out.words?.some(Boolean) || out.phones?.some(Boolean);
  return any ? out : null;
}

/**
 * Parses and audits one response. `extract`, when given, supplies the mentions and their polarity
 * (another extractor than the built-in rules); it receives the parsed rationale.
 */
export function auditOne(item: AuditTarget, response: unknown, stored?: LabelSet | null, extract?: (rationale: string, utterance: UtteranceIndex) => Extraction): RunResult {
  const u = item.utterance.utterance;
  const phonesIpa = u.phones.map((p) => arpabetToIpa(p.symbol) ?? p.symbol);
  const parsed = parseResponse(response as string, { words: u.words, phonesIpa });
  const prediction = stored ?? predictionLabels(parsed, u.words, phonesIpa);
  const extraction = extract ? extract(parsed.rationale, item.utterance) : undefined;
  const audit = auditResponse({ rationale: parsed.rationale, utterance: item.utterance, prediction, consensus: item.consensus, raters: item.raters, extraction });
  return { parsed: parsedOk(parsed, response), warnings: parsed.warnings, rationale: parsed.rationale, rationaleOffset: parsed.rationaleOffset, prediction, audit };
}

/** The CLI/API shape of one flag: the mention as written, its span, the evidence, the severity. */
export function flagJson(uttId: string, f: Flag) {
  return {
    utt_id: uttId,
    granularity: f.granularity,
    code: f.code,
    mention: f.mention?.text ?? null,
    span: f.mention ? [f.mention.start, f.mention.end] : null,
    polarity: f.mention?.polarity ?? null,
    // The words that decided the mention's polarity, each with its span in the rationale.
    deciding_words: (f.mention?.cueWords ?? []).map((w) => ({ text: w.text, span: [w.start, w.end] })),
    decided_by: f.mention?.decidedBy ?? null,
    severity: f.severity,
    evidence: f.evidence,
  };
}

/**
 * The CLI/API shape of one mention: what it names and where, its implied polarity with the words
 * that decided it, and its verdicts against the model's and the consensus' labels.
 */
export function mentionJson(uttId: string, m: MentionAudit) {
  return {
    utt_id: uttId,
    type: m.type,
    text: m.text,
    span: [m.start, m.end],
    status: m.status,
    word_index: m.wordIndex,
    phone_index: m.phoneIndex,
    aspect: m.aspect,
    polarity: m.polarity,
    deciding_words: (m.cueWords ?? []).map((w) => ({ text: w.text, span: [w.start, w.end] })),
    decided_by: m.decidedBy ?? (m.cue ? "own" : "none"),
    prediction: m.prediction,
    consensus: m.consensus,
    vs_prediction: m.vsPrediction,
    vs_consensus: m.vsConsensus,
  };
}

/** Every mention of one audit (all granularities), in text order. */
export function mentionsJson(uttId: string, a: ResponseAudit) {
  return [...a.sentence.items, ...a.word.items, ...a.phone.items].sort((x, y) => x.start - y.start).map((m) => mentionJson(uttId, m));
}

/** The per-granularity rates (with seeded bootstrap CIs), the flags and how many responses have one. */
export function auditSummary(
  audits: Record<AuditGranularity, GranularityAudit>[],
  flags: ReturnType<typeof flagJson>[],
  opts: { seed?: number; replicates?: number } = {},
) {
  const summary = summarizeAll(audits, { seed: opts.seed ?? 1, replicates: opts.replicates ?? 200 });
  return {
    sentence: summary.sentence,
    word: summary.word,
    phone: summary.phone,
    flags,
    flagged: new Set(flags.map((f) => f.utt_id)).size,
  };
}
