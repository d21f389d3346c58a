// One audit flag as a line: its code, granularity and severity, what it is about, the words that
// decided the mention's polarity and the evidence (model vs consensus, raters, missed words).
import type { Flag } from "@/lib/audit";
import { decidingWords } from "./highlighted-rationale";

export function FlagItem({ flag: x }: { flag: Flag }) {
  return (
    <li>
      <span className="pill">{x.code}</span> {x.granularity} · {x.severity} · “{x.mention?.text ?? ""}”
      {x.mention && x.code !== "missed_errors" ? (x.mention.cueWords?.length || x.mention.cue ? ` · ${x.mention.polarity}, decided by “${decidingWords(x.mention)}”` : ` · ${x.mention.polarity}, no deciding words`) : ""}
      {x.evidence.target ? ` → ${x.evidence.target}` : ""}
      {x.evidence.prediction !== undefined ? ` · model ${x.evidence.prediction ?? "?"}` : ""}
      {x.evidence.consensus !== undefined ? ` · consensus ${x.evidence.consensus ?? "?"}` : ""}
      {x.evidence.raters?.length ? ` · raters ${x.evidence.raters.map((v) => v ?? "–").join(", ")}` : ""}
      {x.evidence.missed ? ` · missed ${x.evidence.missed.map((m) => `${m.text} (${m.consensus})`).join(", ")}` : ""}
      {x.evidence.candidates ? ` · candidates ${x.evidence.candidates.join(", ")}` : ""}
      {x.evidence.note && !x.evidence.missed ? ` · ${x.evidence.note}` : ""}
    </li>
  );
}
