// The rationale text with its mentions coloured by verdict: agrees, contradicts, differs (neutral on one side), not in utterance
// (ambiguous and unknown are marked too), and the words that decided each mention's polarity underlined. Pure server components.
import type { MentionAudit } from "@/lib/audit";

const CLASS: Record<string, string> = { agrees: "m-agrees", contradicts: "m-contradicts", differs: "m-differs", not_in_utterance: "m-notin", ambiguous: "m-ambiguous", unknown: "m-unknown" };

export function verdictOf(m: Pick<MentionAudit, "vsConsensus" | "vsPrediction">): string {
  if (m.vsConsensus === "contradicts" || m.vsPrediction === "contradicts") return "contradicts";
  if (m.vsConsensus === "agrees" || (m.vsConsensus === "unknown" && m.vsPrediction === "agrees")) return "agrees";
  return m.vsConsensus;
}

/** The deciding words of a mention as one text ("clearly mispronounced"), or null when nothing decided its polarity. */
export function decidingWords(m: { cue?: string | null; cueWords?: { text: string }[] }): string | null {
  const words = m.cueWords?.map((w) => w.text) ?? [];
  return words.length ? words.join(" … ") : (m.cue ?? null);
}

interface Span {
  start: number;
  end: number;
  mention?: MentionAudit;
  /** The mentions these deciding words decided. */
  decides?: MentionAudit[];
}

export function HighlightedRationale({ text, mentions }: { text: string; mentions: MentionAudit[] }) {
  const spans: Span[] = mentions.map((m) => ({ start: m.start, end: m.end, mention: m }));
  const cues = new Map<string, Span>();
  for (const m of mentions) {
    for (const w of m.cueWords ?? []) {
      const k = `${w.start}-${w.end}`;
      const s = cues.get(k) ?? { start: w.start, end: w.end, decides: [] };
      s.decides!.push(m);
      cues.set(k, s);
    }
  }
  // Mentions first: a deciding word that overlaps a mention (or another deciding word) is not marked twice.
  const all = [...spans, ...cues.values()].filter((s) => s.start >= 0 && s.end <= text.length && s.end > s.start);
  const kept: Span[] = [];
  for (const s of all) if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
  kept.sort((a, b) => a.start - b.start);
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const s of kept) {
    if (s.start > at) parts.push(text.slice(at, s.start));
    const m = s.mention;
    if (m) {
      const v = verdictOf(m);
      const cue = decidingWords(m);
      parts.push(
        <mark key={m.key} className={CLASS[v]} title={`${m.type}${m.aspect ? ` (${m.aspect})` : ""}: implied ${m.polarity}${cue ? ` (decided by “${cue}”)` : ""}; model ${m.prediction ?? "?"}, consensus ${m.consensus ?? "?"} — ${v.replace(/_/g, " ")}`}>
          {text.slice(m.start, m.end)}
        </mark>,
      );
    } else {
      parts.push(
        <span key={`cue:${s.start}-${s.end}`} className="cue" title={`decides ${s.decides!.map((d) => `${d.text} (${d.polarity})`).join(", ")}`}>
          {text.slice(s.start, s.end)}
        </span>,
      );
    }
    at = s.end;
  }
  parts.push(text.slice(at));
  return <p className="rationale">{parts}</p>;
}

const POLARITY_CLASS: Record<string, string> = { positive: "pol-pos", neutral: "pol-neu", negative: "pol-neg" };

/** Every mention of a rationale in text order: what it names, its implied polarity, the words that decided it, the labels and the verdict. */
export function MentionTable({ mentions }: { mentions: MentionAudit[] }) {
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  if (!sorted.length) return null;
  return (
    <table className="grid mentions">
      <thead><tr><th>mention</th><th>implied</th><th>deciding words</th><th>model</th><th>consensus</th><th>verdict</th></tr></thead>
      <tbody>
        {sorted.map((m) => {
          const cue = decidingWords(m);
          return (
            <tr key={m.key}>
              <td>{m.type === "aspect" ? `${m.aspect} (“${m.text}”)` : `${m.type} “${m.text}”`}{m.status !== "ok" ? <span className="missing"> · {m.status.replace(/_/g, " ")}</span> : null}</td>
              <td><span className={POLARITY_CLASS[m.polarity]}>{m.polarity}</span></td>
              <td>{cue ? <>“{cue}”{m.decidedBy && m.decidedBy !== "own" ? <span className="missing"> · via {m.decidedBy}</span> : null}</> : <span className="missing">none (neutral)</span>}</td>
              <td>{m.prediction ?? <span className="missing">–</span>}</td>
              <td>{m.consensus ?? <span className="missing">–</span>}</td>
              <td>{verdictOf(m).replace(/_/g, " ")}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
