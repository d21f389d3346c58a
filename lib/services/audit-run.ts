// Audits one response against one item: parse it (lib/inference/response), take the model's own
// labels from it (or from a prediction's stored labels), and run lib/audit against the consensus.
import { arpabetToIpa } from "@/lib/rubric/arpabet-ipa";
import { isLabel, type Label } from "@/lib/rubric/labels";
import { parseResponse } from "@/lib/inference/response/parse-response";
import { auditResponse, predictionLabels, summarizeAll, type AuditGranularity, type Extraction, type Flag, type GranularityAudit, type LabelSet, type RaterScores, type ResponseAudit, type UtteranceIndex } from "@/lib/audit";
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
    severity: f.severity,
    evidence: f.evidence,
  };
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
