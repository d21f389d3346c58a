/**
 * Two readings of the same rationale — the rules' and a second judge's (an LLM) — compared: their
 * mentions matched one-to-one (same type and overlapping span, else the same resolved target),
 * Cohen's κ over the matched mentions' polarity (lib/metrics), the share of flags both raise
 * (flags are the same when granularity, code and target are: eval/score.ts flagKey), and the
 * disagreements side by side for a researcher to settle. Pure.
 */
import { cohenKappa } from "../metrics/cohen-kappa";
import { flagKey } from "./eval/score";
import type { Flag, FlagCode, MentionAudit, Polarity } from "./types";

export type JudgeSide = "rules" | "judge";

/** One reading: every mention (all granularities, with verdicts) and every flag. */
export interface Reading {
  items: MentionAudit[];
  flags: Flag[];
}

export interface SideView {
  text: string;
  start: number;
  end: number;
  /** The flags this reading raises on the mention (or the claim). */
  flags: FlagCode[];
  /** Absent for the no-error claim. */
  mention?: Pick<MentionAudit, "type" | "status" | "wordIndex" | "phoneIndex" | "aspect" | "polarity" | "cue" | "cueWords" | "decidedBy" | "vsPrediction" | "vsConsensus" | "prediction" | "consensus">;
}

export interface Disagreement {
  /** Stable within the rationale: "<type>@<start>-<end>" of the mention (the rules' span when both have it), or "claim". */
  key: string;
  /** What differs: the polarity, whether it is a mention at all, only the flags, or the no-error claim. */
  about: "polarity" | "mention" | "flags" | "claim";
  rules: SideView | null;
  judge: SideView | null;
}

export interface Comparison {
  /** Polarities of the matched mentions, rules first. */
  pairs: [Polarity, Polarity][];
  rulesOnly: number;
  judgeOnly: number;
  flags: { both: number; rulesOnly: number; judgeOnly: number };
  disagreements: Disagreement[];
}

const mentionKey = (m: { type: string; start: number; end: number }) => `${m.type}@${m.start}-${m.end}`;
const targetOf = (m: MentionAudit) => (m.status !== "ok" ? null : m.type === "aspect" ? `aspect:${m.aspect}` : m.type === "word" ? `word:${m.wordIndex}` : `phone:${m.phoneIndex}`);

function flagsOn(flags: Flag[], m: MentionAudit): FlagCode[] {
  return flags.filter((f) => f.granularity === m.type && f.mention?.start === m.start && f.mention?.end === m.end).map((f) => f.code).sort();
}

function view(m: MentionAudit, flags: Flag[]): SideView {
  const { type, status, wordIndex, phoneIndex, aspect, polarity, cue, cueWords, decidedBy, vsPrediction, vsConsensus, prediction, consensus } = m;
  return { text: m.text, start: m.start, end: m.end, flags: flagsOn(flags, m), mention: { type, status, wordIndex, phoneIndex, aspect, polarity, cue, cueWords, decidedBy, vsPrediction, vsConsensus, prediction, consensus } };
}

/** Rules' mentions matched to the judge's: first by type and overlapping span, then by type and resolved target. */
function matchMentions(a: MentionAudit[], b: MentionAudit[]): [MentionAudit | null, MentionAudit | null][] {
  const partner = new Map<MentionAudit, MentionAudit>();
  const used = new Set<MentionAudit>();
  for (const x of a) {
    const y = b.find((m) => !used.has(m) && m.type === x.type && m.start < x.end && x.start < m.end);
    if (y) (partner.set(x, y), used.add(y));
  }
  for (const x of a) {
    if (partner.has(x) || targetOf(x) === null) continue;
    const y = b.find((m) => !used.has(m) && m.type === x.type && targetOf(m) === targetOf(x));
    if (y) (partner.set(x, y), used.add(y));
  }
  const out: [MentionAudit | null, MentionAudit | null][] = a.map((x) => [x, partner.get(x) ?? null]);
  for (const y of b) if (!used.has(y)) out.push([null, y]);
  return out.sort(([x1, y1], [x2, y2]) => (x1 ?? y1)!.start - (x2 ?? y2)!.start);
}

export function compareReadings(rules: Reading, judge: Reading): Comparison {
  const out: Comparison = { pairs: [], rulesOnly: 0, judgeOnly: 0, flags: { both: 0, rulesOnly: 0, judgeOnly: 0 }, disagreements: [] };
  for (const [r, j] of matchMentions(rules.items, judge.items)) {
    const rv = r && view(r, rules.flags);
    const jv = j && view(j, judge.flags);
    if (r && j) out.pairs.push([r.polarity, j.polarity]);
    else if (r) out.rulesOnly++;
    else out.judgeOnly++;
    const about = !r || !j ? "mention" : r.polarity !== j.polarity ? "polarity" : rv!.flags.join() !== jv!.flags.join() ? "flags" : null;
    if (about) out.disagreements.push({ key: mentionKey((r ?? j)!), about, rules: rv, judge: jv });
  }
  const claim = (flags: Flag[]): SideView | null => {
    const f = flags.find((x) => x.code === "missed_errors");
    return f ? { text: f.mention?.text ?? "", start: f.mention?.start ?? 0, end: f.mention?.end ?? 0, flags: ["missed_errors"] } : null;
  };
  const rc = claim(rules.flags);
  const jc = claim(judge.flags);
  if (!!rc !== !!jc) out.disagreements.push({ key: "claim", about: "claim", rules: rc, judge: jc });
  const rk = new Set(rules.flags.map(flagKey));
  const jk = new Set(judge.flags.map(flagKey));
  for (const k of rk) jk.has(k) ? out.flags.both++ : out.flags.rulesOnly++;
  for (const k of jk) if (!rk.has(k)) out.flags.judgeOnly++;
  return out;
}

export interface JudgeAgreement {
  /** Responses both judges read. */
  responses: number;
  mentions: { matched: number; rules_only: number; judge_only: number };
  /** Over matched mentions: Cohen's κ (unweighted, three polarities) and the share with equal polarity. */
  polarity: { kappa: number | null; agreement: number | null; n: number };
  /** Distinct flags (granularity, code, target): raised by both, by one only; share_both = both / all raised. */
  flags: { both: number; rules_only: number; judge_only: number; share_both: number | null };
}

const POLARITY_CODE: Record<Polarity, number> = { negative: -1, neutral: 0, positive: 1 };

export function judgeAgreement(comparisons: readonly Comparison[]): JudgeAgreement {
  const pairs = comparisons.flatMap((c) => c.pairs);
  const sum = (f: (c: Comparison) => number) => comparisons.reduce((s, c) => s + f(c), 0);
  const both = sum((c) => c.flags.both);
  const rulesOnly = sum((c) => c.flags.rulesOnly);
  const judgeOnly = sum((c) => c.flags.judgeOnly);
  const raised = both + rulesOnly + judgeOnly;
  return {
    responses: comparisons.length,
    mentions: { matched: pairs.length, rules_only: sum((c) => c.rulesOnly), judge_only: sum((c) => c.judgeOnly) },
    polarity: {
      kappa: cohenKappa(pairs.map(([a]) => POLARITY_CODE[a]), pairs.map(([, b]) => POLARITY_CODE[b]), { weighting: "unweighted", categories: [-1, 0, 1] }),
      agreement: pairs.length ? pairs.filter(([a, b]) => a === b).length / pairs.length : null,
      n: pairs.length,
    },
    flags: { both, rules_only: rulesOnly, judge_only: judgeOnly, share_both: raised ? both / raised : null },
  };
}

/** A reading from an audit: every granularity's mentions and flags. */
export function readingOf(audit: Record<"sentence" | "word" | "phone", { items: MentionAudit[]; flags: Flag[] }>): Reading {
  return { items: [...audit.sentence.items, ...audit.word.items, ...audit.phone.items].sort((a, b) => a.start - b.start), flags: [...audit.word.flags, ...audit.phone.flags, ...audit.sentence.flags] };
}
