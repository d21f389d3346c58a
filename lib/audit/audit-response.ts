/**
 * Audits one rationale at the three granularities (METRICS.md): plausibility against the model's
 * own labels, faithfulness against the human consensus, recall of consensus-negative targets,
 * and flags. Mentions that cannot be tied to one target (not in the utterance, ambiguous) or whose
 * label is unknown are counted as mentions and flagged, but stay out of the rates' denominators:
 * a rate compares two polarities and there is only one.
 */
import { polarityOf, type Label } from "../rubric/labels";
import { extractMentions, type Extraction } from "./extract-mentions";
import type { NoErrorClaim } from "./claims";
import type {
  AuditAspect,
  AuditGranularity,
  AuditUtterance,
  Flag,
  FlagMention,
  GranularityAudit,
  LabelSet,
  Mention,
  MentionAudit,
  Polarity,
  RaterScores,
  ResponseAudit,
  Verdict,
} from "./types";
import { indexUtterance, type UtteranceIndex } from "./utterance-index";

export interface AuditInput {
  rationale: string;
  utterance: AuditUtterance | UtteranceIndex;
  prediction: LabelSet;
  consensus: LabelSet;
  raters?: RaterScores;
  /** Mentions and polarities from another extractor (e.g. an LLM judge); default: the built-in rules. */
  extraction?: Extraction;
}

const ASPECTS: AuditAspect[] = ["accuracy", "fluency", "prosody"];

/** Equal polarities agree; opposite ones (positive vs negative) contradict; neutral on either side only differs. */
const verdict = (p: Polarity, label: Label | null | undefined): Verdict => {
  if (label == null) return "unknown";
  const l = polarityOf(label);
  return l === p ? "agrees" : l !== "neutral" && p !== "neutral" ? "contradicts" : "differs";
};
const compared = (v: Verdict) => v === "agrees" || v === "contradicts" || v === "differs";

const flagMention = (m: Mention): FlagMention => ({
  text: m.text, start: m.start, end: m.end, polarity: m.polarity, wordIndex: m.wordIndex, phoneIndex: m.phoneIndex,
  cue: m.cue, cueWords: m.cueWords ?? [], decidedBy: m.decidedBy ?? (m.cue ? "own" : "none"),
});


function labelsAt(g: AuditGranularity, set: LabelSet, m: Mention): Label | null {
  if (g === "sentence") return m.aspect ? (set.sentence[m.aspect] ?? null) : null;
  if (m.status !== "ok") return null;
  if (g === "word") return set.words?.[m.wordIndex!] ?? null;
  return set.phones?.[m.phoneIndex!] ?? null;
}

function emptyCounts(): GranularityAudit["counts"] {
  return { plausibleAgree: 0, plausibleTotal: 0, faithfulAgree: 0, faithfulTotal: 0, negatives: 0, negativesMentioned: 0, plausibleNonContradicting: 0, faithfulNonContradicting: 0 };
}

const rate = (a: number, n: number): number | null => (n > 0 ? a / n : null);

function finish(g: AuditGranularity, items: MentionAudit[], counts: GranularityAudit["counts"], flags: Flag[], mentions: number): GranularityAudit {
  return {
    granularity: g,
    plausibility: rate(counts.plausibleAgree, counts.plausibleTotal),
    faithfulness: rate(counts.faithfulAgree, counts.faithfulTotal),
    plausibilityNonContradicting: rate(counts.plausibleNonContradicting, counts.plausibleTotal),
    faithfulnessNonContradicting: rate(counts.faithfulNonContradicting, counts.faithfulTotal),
    recall: rate(counts.negativesMentioned, counts.negatives),
    mentions,
    counts,
    flags,
    items,
  };
}

function auditItems(g: AuditGranularity, mentions: Mention[], input: AuditInput): { items: MentionAudit[]; counts: GranularityAudit["counts"] } {
  const counts = emptyCounts();
  const items = mentions.map((m): MentionAudit => {
    const prediction = labelsAt(g, input.prediction, m);
    const consensus = labelsAt(g, input.consensus, m);
    const unresolved: Verdict | null = m.status === "not_in_utterance" ? "not_in_utterance" : m.status === "ambiguous" ? "ambiguous" : null;
    const vsPrediction = unresolved ?? verdict(m.polarity, prediction);
    const vsConsensus = unresolved ?? verdict(m.polarity, consensus);
    if (compared(vsPrediction)) {
      counts.plausibleTotal++;
      if (vsPrediction === "agrees") counts.plausibleAgree++;
      if (vsPrediction !== "contradicts") counts.plausibleNonContradicting++;
    }
    if (compared(vsConsensus)) {
      counts.faithfulTotal++;
      if (vsConsensus === "agrees") counts.faithfulAgree++;
      if (vsConsensus !== "contradicts") counts.faithfulNonContradicting++;
    }
    // Object.assign, not a spread followed by more keys: V8 makes a new hidden class for each such object.
    return Object.assign({}, m, { key: `${m.type}:${m.start}-${m.end}`, prediction, consensus, vsPrediction, vsConsensus });
  });
  return { items, counts };
}

function sentenceAudit(mentions: Mention[], overall: Polarity, input: AuditInput): GranularityAudit {
  const aspects = mentions.filter((m) => m.type === "aspect");
  const { items, counts } = auditItems("sentence", aspects, input);
  let n = aspects.length;
  // No aspect named: the whole rationale's verdict is one statement about sentence accuracy.
  if (aspects.length === 0 && input.rationale.trim() !== "") {
    n = 1;
    const p = input.prediction.sentence.accuracy;
    const c = input.consensus.sentence.accuracy;
    if (p) (counts.plausibleTotal++, polarityOf(p) === overall && counts.plausibleAgree++, verdict(overall, p) !== "contradicts" && counts.plausibleNonContradicting++);
    if (c) (counts.faithfulTotal++, polarityOf(c) === overall && counts.faithfulAgree++, verdict(overall, c) !== "contradicts" && counts.faithfulNonContradicting++);
  }
  for (const a of ASPECTS) {
    const c = input.consensus.sentence[a];
    if (c && polarityOf(c) === "negative") {
      counts.negatives++;
      if (aspects.some((m) => m.aspect === a)) counts.negativesMentioned++;
    }
  }
  return finish("sentence", items, counts, [], n);
}

/** The no-error claim a missed_errors flag points at. */
function claimMention(claim: NoErrorClaim): FlagMention {
  // The claim is its own deciding words ("every word was pronounced correctly").
  return { text: claim.text, start: claim.start, end: claim.end, polarity: "positive", wordIndex: null, phoneIndex: null, cue: claim.text, cueWords: [{ text: claim.text, start: claim.start, end: claim.end }], decidedBy: "own" };
}

// Module functions rather than closures made on every call (this runs per response).
function raterAt(g: "word" | "phone", input: AuditInput, i: number | null) {
  return i === null ? undefined : g === "word" ? input.raters?.words[i] : input.raters?.phones[i];
}

function targetOf(g: "word" | "phone", u: AuditUtterance, m: Mention): string | undefined {
  const i = g === "word" ? m.wordIndex : m.phoneIndex;
  return i === null ? undefined : g === "word" ? u.words[i] : `${u.phones[i].symbol} in ${u.words[m.wordIndex!]}`;
}

function tokenAudit(g: "word" | "phone", mentions: Mention[], claim: NoErrorClaim | null, input: AuditInput, u: AuditUtterance): GranularityAudit {
  const mine = mentions.filter((m) => m.type === g);
  const { items, counts } = auditItems(g, mine, input);
  const flags: Flag[] = [];
  for (const it of items) {
    if (it.vsPrediction === "contradicts" || it.vsConsensus === "contradicts") {
      const ev = { target: targetOf(g, u, it), prediction: it.prediction, consensus: it.consensus, raters: raterAt(g, input, g === "word" ? it.wordIndex : it.phoneIndex) };
      if (it.vsPrediction === "contradicts") flags.push({ granularity: g, code: "contradicts_prediction", severity: "high", mention: flagMention(it), evidence: ev });
      if (it.vsConsensus === "contradicts") flags.push({ granularity: g, code: "contradicts_consensus", severity: "high", mention: flagMention(it), evidence: ev });
    }
    if (it.status === "not_in_utterance") {
      flags.push({ granularity: g, code: "not_in_utterance", severity: "medium", mention: flagMention(it), evidence: { note: `"${it.text}" is not ${g === "word" ? "a word" : "a phoneme"} of "${u.words.join(" ")}"` } });
    }
    if (it.status === "ambiguous") {
      const cands = g === "word"
        ? u.words.map((w, i) => `${w}#${i + 1}`).filter((w) => w.split("#")[0].toUpperCase() === it.text.toUpperCase())
        : u.phones.map((p, i) => ({ p, i })).filter(({ p }) => it.phone !== null && p.symbol.replace(/\d/g, "").toUpperCase() === it.phone).map(({ p }) => `${p.symbol} in ${u.words[p.wordIndex]}`);
      flags.push({ granularity: g, code: "ambiguous_reference", severity: "low", mention: flagMention(it), evidence: { candidates: cands } });
    }
  }
  const cons = (g === "word" ? input.consensus.words : input.consensus.phones) ?? [];
  const negatives: { l: Label; i: number }[] = [];
  for (let i = 0; i < cons.length; i++) {
    const l = cons[i];
    if (l !== null && polarityOf(l) === "negative") negatives.push({ l, i });
  }
  counts.negatives = negatives.length;
  if (negatives.length > 0) {
    const named = new Set(mine.filter((m) => m.status === "ok").map((m) => (g === "word" ? m.wordIndex : m.phoneIndex)));
    counts.negativesMentioned = negatives.filter(({ i }) => named.has(i)).length;
  }
  // missed_errors (word level): a claim of no errors (or none besides those named) while a
  // consensus-negative word is left that the rationale does not criticise, itself or through a phone.
  if (g === "word" && claim) {
    const criticised = new Set(mentions.filter((m) => m.status === "ok" && m.type !== "aspect" && m.polarity === "negative").map((m) => m.wordIndex));
    const missed = negatives.filter(({ i }) => !criticised.has(i));
    if (missed.length > 0) {
      flags.push({
        granularity: g,
        code: "missed_errors",
        severity: "high",
        mention: claimMention(claim),
        evidence: {
          missed: missed.map(({ l, i }) => ({ index: i, text: u.words[i], consensus: l })),
          note: claim.kind === "all"
            ? "the rationale claims there are no errors; the consensus has negative words it does not criticise"
            : "the rationale claims there are no errors besides the ones it names; the consensus has other negative words",
        },
      });
    }
  }
  return finish(g, items, counts, flags, mine.length);
}

export function auditResponse(input: AuditInput): ResponseAudit {
  const ix = "wordPositions" in input.utterance ? input.utterance : indexUtterance(input.utterance);
  const { mentions, overall, claim = null } = input.extraction ?? extractMentions(input.rationale, ix);
  return {
    mentions,
    overall,
    sentence: sentenceAudit(mentions, overall, input),
    word: tokenAudit("word", mentions, claim, input, ix.utterance),
    phone: tokenAudit("phone", mentions, claim, input, ix.utterance),
  };
}
