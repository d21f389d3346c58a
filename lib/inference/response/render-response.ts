/**
 * Writes the canonical SpeechLLM response text (METRICS.md, "The response format"): one label
 * set (Worst/Bad/Average/Good/Excellent, never the synonyms), lines in the order Accuracy,
 * Fluency, Prosody, Words, Phonemes, then the rationale, "\n" line endings, no trailing newline.
 * Completeness and Total are not in the published template; when given they are written after
 * Prosody so that nothing a caller passes is lost and the parser reads them back.
 * A missing aspect, or words/phones set to null, omits its line, which the parser tolerates.
 */
import { isLabel, type Label } from "../../rubric/labels";
import type { ResponseContent, SentenceAspect } from "./types";

/** Line order and titles; the order is part of the format, so it is fixed here, not borrowed. */
const ASPECT_LINES: readonly (readonly [SentenceAspect, string])[] = [
  ["accuracy", "Accuracy"],
  ["fluency", "Fluency"],
  ["prosody", "Prosody"],
  ["completeness", "Completeness"],
  ["total", "Total"],
];

function checkLabel(label: unknown, where: string): Label {
  if (!isLabel(label)) throw new RangeError(`${where}: "${String(label)}" is not a canonical label`);
  return label;
}

/**
 * A token containing whitespace or "/" would be read back as several items or a different label:
 * refuse it rather than write a response that does not parse to what was given.
 */
function checkToken(token: unknown, where: string): string {
  if (typeof token !== "string" || token === "" || /[\s/]/u.test(token)) {
    throw new RangeError(`${where}: ${JSON.stringify(token)} cannot be written as one token`);
  }
  return token;
}

function listLine(title: string, items: string[]): string {
  return items.length === 0 ? `${title}:` : `${title}: ${items.join(" ")}`;
}

/** Throws RangeError for a non-canonical label or an unwritable word/phone token. */
export function renderResponse(content: ResponseContent): string {
  const lines: string[] = [];
  for (const [aspect, title] of ASPECT_LINES) {
    const label = content.sentence?.[aspect];
    if (label === undefined) continue;
    lines.push(`${title}: ${checkLabel(label, title)}`);
  }
  if (content.words) {
    const items = content.words.map((w, i) => {
      const where = `word ${i + 1}`;
      return `${checkToken(w.text, where)}/${checkLabel(w.label, where)}`;
    });
    lines.push(listLine("Words", items));
  }
  if (content.phones) {
    const items = content.phones.map((p, i) => {
      const where = `phoneme ${i + 1}`;
      return `${checkToken(p.symbol, where)}/${checkLabel(p.label, where)}`;
    });
    lines.push(listLine("Phonemes", items));
  }
  const rationale = (content.rationale ?? "").replace(/\r\n?/g, "\n").trim();
  if (rationale !== "") lines.push(rationale);
  return lines.join("\n");
}
