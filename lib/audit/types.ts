/**
 * Rationale audit (METRICS.md, "Rationale audit"): the mentions a rationale makes, their implied
 * polarity, and per-granularity plausibility/faithfulness with flags. Pure: no Prisma, no Next.
 */
import type { ArpabetBase } from "../rubric/arpabet-ipa";
import type { Label, Polarity } from "../rubric/labels";

export type { Polarity };
export type MentionType = "word" | "phone" | "aspect";
export type AuditAspect = "accuracy" | "fluency" | "prosody";
export type AuditGranularity = "sentence" | "word" | "phone";
export const AUDIT_GRANULARITIES: readonly AuditGranularity[] = ["sentence", "word", "phone"];

/** ok: tied to one word/phone of the utterance; ambiguous: several candidates, none chosen. */
export type MentionStatus = "ok" | "not_in_utterance" | "ambiguous";

export interface Mention {
  type: MentionType;
  /** The mention as written, without quotes, slashes or brackets. */
  text: string;
  /** [start, end) in the rationale text; `text === rationale.slice(start, end)`. */
  start: number;
  end: number;
  status: MentionStatus;
  /** word: index of the word in the utterance; phone: index of the word the phone was tied to. */
  wordIndex: number | null;
  /** phone: position of the phone across the utterance. */
  phoneIndex: number | null;
  phone: ArpabetBase | null;
  aspect: AuditAspect | null;
  polarity: Polarity;
  /** The words of the rationale that decided the polarity ("not … fluent", "but … dropped"), as one text. */
  cue: string | null;
  /** The same words with their spans in the rationale, in text order (empty when nothing decided it). */
  cueWords?: { text: string; start: number; end: number }[];
  /**
   * Where the polarity came from: the mention's own phrase, an exception clause, a pronoun that
   * refers to it, what is said of its phones or parts, advice, or nothing (neutral).
   */
  decidedBy?: "own" | "exception" | "coreference" | "parts" | "advice" | "none";
  /** Sentence index in the rationale. */
  sentence: number;
}

/** The utterance a rationale is about: its words and canonical phones (ARPAbet, with stress). */
export interface AuditUtterance {
  words: string[];
  /** One entry per canonical phone, in utterance order. */
  phones: { symbol: string; wordIndex: number }[];
}

/** Labels at every granularity: the model's own (parsed from its response) or the consensus. */
export interface LabelSet {
  sentence: Partial<Record<AuditAspect, Label | null>>;
  /** Per utterance word; null where unknown (a response whose word count does not match). */
  words: (Label | null)[] | null;
  phones: (Label | null)[] | null;
}

/** Raters' individual scores, for the evidence of a flag. */
export interface RaterScores {
  sentence: Partial<Record<AuditAspect, (number | null)[]>>;
  words: (number | null)[][];
  phones: (number | null)[][];
}

export type FlagCode =
  | "contradicts_prediction"
  | "contradicts_consensus"
  | "not_in_utterance"
  | "ambiguous_reference"
  | "missed_errors";
export const FLAG_CODES: readonly FlagCode[] = [
  "contradicts_prediction",
  "contradicts_consensus",
  "not_in_utterance",
  "ambiguous_reference",
  "missed_errors",
];
export type Severity = "high" | "medium" | "low";

export interface FlagMention {
  text: string;
  start: number;
  end: number;
  polarity: Polarity;
  wordIndex: number | null;
  phoneIndex: number | null;
  /** The words that decided the mention's polarity (for missed_errors: the claim's words), as in Mention. */
  cue?: string | null;
  cueWords?: { text: string; start: number; end: number }[];
  decidedBy?: Mention["decidedBy"];
}

export interface Flag {
  granularity: AuditGranularity;
  code: FlagCode;
  severity: Severity;
  /** The mention the flag is about; for missed_errors, the claim of no errors (or null). */
  mention: FlagMention | null;
  evidence: {
    target?: string;
    prediction?: Label | null;
    consensus?: Label | null;
    raters?: (number | null)[];
    /** missed_errors: the consensus-negative words/phones nobody mentioned. */
    missed?: { index: number; text: string; consensus: Label }[];
    candidates?: string[];
    note?: string;
  };
}

/** Verdict of one mention against the labels (for highlighting and for the review loop). */
/** contradicts: opposite polarities (positive vs negative); differs: not equal, but neutral on one side. */
export type Verdict = "agrees" | "contradicts" | "differs" | "not_in_utterance" | "ambiguous" | "unknown";

export interface MentionAudit extends Mention {
  /** A stable key for MentionAnswer rows: `<type>:<start>-<end>`. */
  key: string;
  prediction: Label | null;
  consensus: Label | null;
  vsPrediction: Verdict;
  vsConsensus: Verdict;
}

export interface GranularityAudit {
  granularity: AuditGranularity;
  plausibility: number | null;
  faithfulness: number | null;
  /** The share of compared mentions whose polarity is not the opposite of the label's (METRICS.md). */
  plausibilityNonContradicting?: number | null;
  faithfulnessNonContradicting?: number | null;
  recall: number | null;
  /** All mentions at this granularity (resolved or not). */
  mentions: number;
  /** Counts behind the rates, so they can be pooled over responses. */
  counts: {
    plausibleAgree: number;
    plausibleTotal: number;
    faithfulAgree: number;
    faithfulTotal: number;
    negatives: number;
    negativesMentioned: number;
    /** Compared mentions not of the opposite polarity (absent in audits stored before these were counted). */
    plausibleNonContradicting: number;
    faithfulNonContradicting: number;
  };
  flags: Flag[];
  items: MentionAudit[];
}

export interface ResponseAudit {
  mentions: Mention[];
  overall: Polarity;
  sentence: GranularityAudit;
  word: GranularityAudit;
  phone: GranularityAudit;
}
