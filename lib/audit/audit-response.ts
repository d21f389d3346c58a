/**
 * Audits one rationale at the three granularities (METRICS.md): plausibility against the model's
 * own labels, faithfulness against the human consensus, recall of consensus-negative targets,
 * and flags. Mentions that cannot be tied to one target (not in the utterance, ambiguous) or whose
 * label is unknown are counted as mentions and flagged, but stay out of the rates' denominators:
 * a rate compares two polarities and there is only one.
 */
import { polarityOf, type Label } from "../rubric/labels";
import { extractMentions, type Extraction } from "./extract-mentions";
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

const verdict = (p: Polarity, label: Label | null | undefined): Verdict =>
  label == null ? "unknown" : polarityOf(label) === p ? "agrees" : "contradicts";

const flagMention = (m: Mention): FlagMention => ({
  text: m.text, start: m.start, end: m.end, polarity: m.polarity, wordIndex: m.wordIndex, phoneIndex: m.phoneIndex,
});

/** Opposite polarities are a strong contradiction; neutral against either side a weak one. */
const severityOf = (p: Polarity, label: Label): "high" | "low" =>
  (p === "positive" && polarityOf(label) === "negative") || (p === "negative" && polarityOf(label) === "positive") ? "high" : "low";

function labelsAt(g: AuditGranularity, set: LabelSet, m: Mention): Label | null {
  if (g === "sentence") return m.aspect ? (set.sentence[m.aspect] ?? null) : null;
  if (m.status !== "ok") return null;
  if (g === "word") return set.words?.[m.wordIndex!] ?? null;
  return set.phones?.[m.phoneIndex!] ?? null;
}

function emptyCounts(): GranularityAudit["counts"] {
  return { plausibleAgree: 0, plausibleTotal: 0, faithfulAgree: 0, faithfulTotal: 0, negatives: 0, negativesMentioned: 0 };
}

const rate = (a: number, n: number): number | null => (n > 0 ? a / n : null);

function finish(g: AuditGranularity, items: MentionAudit[], counts: GranularityAudit["counts"], flags: Flag[], mentions: number): GranularityAudit {
  return {
    granularity: g,
    plausibility: rate(counts.plausibleAgree, counts.plausibleTotal),
    faithfulness: rate(counts.faithfulAgree, counts.faithfulTotal),
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
    if (vsPrediction === "agrees" || vsPrediction === "contradicts") {
      counts.plausibleTotal++;
      if (vsPrediction === "agrees") counts.plausibleAgree++;
    }
    if (vsConsensus === "agrees" || vsConsensus === "contradicts") {
      counts.faithfulTotal++;
      if (vsConsensus === "agrees") counts.faithfulAgree++;
    }
    return { ...m, key: `${m.type}:${m.start}-${m.end}`, prediction, consensus, vsPrediction, vsConsensus };
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
    if (p) (counts.plausibleTotal++, polarityOf(p) === overall && counts.plausibleAgree++);
    if (c) (counts.faithfulTotal++, polarityOf(c) === overall && counts.faithfulAgree++);
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

/** The rationale's opening statement: what a missed_errors flag points at (its claim). */
function claimOf(rationale: string, overall: Polarity): FlagMention {
  const m = /[^.!?\n]+[.!?]?/.exec(rationale);
  const start = m ? m.index + (m[0].length - m[0].trimStart().length) : 0;
  const text = m ? m[0].trim() : "";
  return { text, start, end: start + text.length, polarity: overall, wordIndex: null, phoneIndex: null };
}

// Module functions rather than closures made on every call (this runs per response).
function raterAt(g: "word" | "phone", input: AuditInput, i: number | null) {
  return i === null ? undefined : g === "word" ? input.raters?.words[i] : input.raters?.phones[i];
}

function targetOf(g: "word" | "phone", names: readonly string[], u: AuditUtterance, m: Mention): string | undefined {
  const i = g === "word" ? m.wordIndex : m.phoneIndex;
  return i === null ? undefined : g === "word" ? names[i] : `${names[i]} in ${u.words[m.wordIndex!]}`;
}

function tokenAudit(g: "word" | "phone", mentions: Mention[], claim: FlagMention | null, input: AuditInput, u: AuditUtterance): GranularityAudit {
  const mine = mentions.filter((m) => m.type === g);
  const { items, counts } = auditItems(g, mine, input);
  const flags: Flag[] = [];
  const names = g === "word" ? u.words : u.phones.map((p) => p.symbol);
  for (const it of items) {
    const ev = { target: targetOf(g, names, u, it), prediction: it.prediction, consensus: it.consensus, raters: raterAt(g, input, g === "word" ? it.wordIndex : it.phoneIndex) };
    if (it.vsPrediction === "contradicts") {
      flags.push({ granularity: g, code: "contradicts_prediction", severity: severityOf(it.polarity, it.prediction!), mention: flagMention(it), evidence: ev });
    }
    if (it.vsConsensus === "contradicts") {
      flags.push({ granularity: g, code: "contradicts_consensus", severity: severityOf(it.polarity, it.consensus!), mention: flagMention(it), evidence: ev });
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
  const cons = g === "word" ? input.consensus.words : input.consensus.phones;
  const negatives = (cons ?? []).map((l, i) => ({ l, i })).filter(({ l }) => l !== null && polarityOf(l) === "negative");
  counts.negatives = negatives.length;
  const named = new Set(mine.filter((m) => m.status === "ok").map((m) => (g === "word" ? m.wordIndex : m.phoneIndex)));
  counts.negativesMentioned = negatives.filter(({ i }) => named.has(i)).length;
  if (negatives.length > 0 && counts.negativesMentioned === 0 && claim) {
    flags.push({
      granularity: g,
      code: "missed_errors",
      severity: "high",
      mention: claim,
      evidence: {
        missed: negatives.map(({ l, i }) => ({ index: i, text: g === "word" ? names[i] : `${names[i]} in ${u.words[u.phones[i].wordIndex]}`, consensus: l! })),
        raters: undefined,
        note: "the consensus has negative labels here; the rationale names none of them and reports no errors",
      },
    });
  }
  return finish(g, items, counts, flags, mine.length);
}

export function auditResponse(input: AuditInput): ResponseAudit {
  const ix = "wordPositions" in input.utterance ? input.utterance : indexUtterance(input.utterance);
  const { mentions, overall } = input.extraction ?? extractMentions(input.rationale, ix);
  // A rationale claims no errors when its verdict is positive and it names nothing negatively.
  const claimsNoErrors =
    overall === "positive" && !mentions.some((m) => m.type !== "aspect" && m.polarity === "negative") &&
    !mentions.some((m) => m.type === "aspect" && m.aspect === "accuracy" && m.polarity === "negative");
  const claim = claimsNoErrors ? claimOf(input.rationale, overall) : null;
  return {
    mentions,
    overall,
    sentence: sentenceAudit(mentions, overall, input),
    word: tokenAudit("word", mentions, claim, input, ix.utterance),
    phone: tokenAudit("phone", mentions, claim, input, ix.utterance),
  };
}
