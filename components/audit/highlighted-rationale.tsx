// The rationale text with its mentions coloured by verdict: agrees, contradicts, differs (neutral on one side), not in utterance
// (ambiguous and unknown are marked too). Pure server component.
import type { MentionAudit } from "@/lib/audit";

const CLASS: Record<string, string> = { agrees: "m-agrees", contradicts: "m-contradicts", differs: "m-differs", not_in_utterance: "m-notin", ambiguous: "m-ambiguous", unknown: "m-unknown" };

function verdictOf(m: MentionAudit): string {
  if (m.vsConsensus === "contradicts" || m.vsPrediction === "contradicts") return "contradicts";
  if (m.vsConsensus === "agrees" || (m.vsConsensus === "unknown" && m.vsPrediction === "agrees")) return "agrees";
  return m.vsConsensus;
}

export function HighlightedRationale({ text, mentions }: { text: string; mentions: MentionAudit[] }) {
  const sorted = [...mentions].sort((a, b) => a.start - b.start).filter((m, i, all) => i === 0 || m.start >= all[i - 1].end);
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const m of sorted) {
    if (m.start > at) parts.push(text.slice(at, m.start));
    const v = verdictOf(m);
    parts.push(
      <mark key={m.key} className={CLASS[v]} title={`${m.type}${m.aspect ? ` (${m.aspect})` : ""}: implied ${m.polarity}; model ${m.prediction ?? "?"}, consensus ${m.consensus ?? "?"} — ${v.replace(/_/g, " ")}`}>
        {text.slice(m.start, m.end)}
      </mark>,
    );
    at = m.end;
  }
  parts.push(text.slice(at));
  return <p className="rationale">{parts}</p>;
}
