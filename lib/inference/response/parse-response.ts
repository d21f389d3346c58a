/**
 * Parses a SpeechLLM response (METRICS.md, "The response format") leniently: models drift from the
 * template, and a response we cannot read fully is still evidence. Whatever is tolerated or
 * unreadable becomes a warning; nothing throws, nothing is silently dropped, truncated or padded.
 *
 * Rationale rule: the rationale is one contiguous block of free text (lines that are not labelled
 * lines). If a `Verdict:` cue (or `Rationale:`/`Explanation:`) is present, the first cued block is
 * the rationale, starting right after the cue. Otherwise it is the LAST block of free text: after
 * the labels in the template, before them when a model explains first and labels last. Any other
 * free text (a preamble such as "Here is my assessment:") is reported in a warning.
 */
import { checkAgainstUtterance } from "./check-against-utterance";
import { classifyLine, type LineKind } from "./classify-line";
import { splitLines } from "./split-lines";
import type {
  ParsedResponse,
  PhoneLabel,
  ResponseInput,
  SentenceAspect,
  SentenceLabels,
  WordLabel,
} from "./types";

interface Block {
  /** Index of the block's first line; its text starts at `start` in the original. */
  line: number;
  start: number;
  end: number;
  cued: boolean;
}

const TEMPLATE_LINES = [
  ["accuracy", "Accuracy"],
  ["fluency", "Fluency"],
  ["prosody", "Prosody"],
] as const;

export function parseResponse(text: string, utterance?: ResponseInput): ParsedResponse {
  const warnings: string[] = [];
  const source = typeof text === "string" ? text : "";
  if (typeof text !== "string") warnings.push(`response is not text (${typeof text})`);

  const sentence: SentenceLabels = {};
  let words: WordLabel[] | null = null;
  let phones: PhoneLabel[] | null = null;
  const seen = new Set<SentenceAspect>();
  const blocks: Block[] = [];
  let open: Block | null = null;

  const lines = splitLines(source);
  lines.forEach((line, index) => {
    let kind: LineKind = classifyLine(line.text);
    const where = `line ${index + 1}`;

    // A repeated labelled line is prose that happens to look labelled ("Fluency: good, but …"
    // inside a rationale), so it is kept as text rather than overriding the first one.
    const repeated =
      (kind.kind === "aspect" && kind.label !== null && sentence[kind.aspect] !== undefined) ||
      (kind.kind === "list" && (kind.list === "words" ? words : phones) !== null);
    if (repeated && (kind.kind === "aspect" || kind.kind === "list")) {
      // A clean repeat is a model restating its labels: say so, as it is not a rationale.
      if (kind.warnings.length === 0) warnings.push(`${where}: repeated ${kind.name} line kept as text`);
      kind = { kind: "free" };
    }

    switch (kind.kind) {
      case "aspect":
        warnings.push(...kind.warnings.map((w) => `${where}: ${w}`));
        seen.add(kind.aspect);
        if (kind.label !== null) sentence[kind.aspect] = kind.label;
        open = null;
        return;
      case "list":
        warnings.push(...kind.warnings.map((w) => `${where}: ${w}`));
        if (kind.list === "words") words = kind.items.map((i) => ({ text: i.text, label: i.label }));
        else phones = kind.items.map((i) => ({ symbol: i.text, label: i.label }));
        open = null;
        return;
      case "cue":
        open = { line: index, start: line.start + kind.contentStart, end: line.end, cued: true };
        blocks.push(open);
        return;
      case "blank":
        return;
      case "free":
        if (open === null) {
          open = { line: index, start: line.start, end: line.end, cued: false };
          blocks.push(open);
        } else {
          open.end = line.end;
        }
    }
  });

  const spans = blocks
    .map((b) => ({ ...b, ...trimSpan(source, b.start, b.end) }))
    .filter((b) => b.start < b.end);
  const chosen = spans.find((b) => b.cued) ?? spans[spans.length - 1] ?? null;
  for (const b of spans) {
    if (b === chosen) continue;
    warnings.push(`line ${b.line + 1}: ignored free text "${excerpt(source.slice(b.start, b.end))}"`);
  }

  for (const [aspect, name] of TEMPLATE_LINES) {
    if (!seen.has(aspect)) warnings.push(`no ${name} line`);
  }
  if (words === null) warnings.push("no Words line");
  if (phones === null) warnings.push("no Phonemes line");
  if (utterance) warnings.push(...checkAgainstUtterance(words, phones, utterance));

  const rationaleOffset = chosen ? chosen.start : source.length;
  const rationaleEnd = chosen ? chosen.end : source.length;
  const rationale = source.slice(rationaleOffset, rationaleEnd).replace(/\r\n?/g, "\n");
  if (rationale === "") warnings.push("no rationale");

  return { sentence, words, phones, rationale, rationaleOffset, rationaleEnd, warnings };
}

function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/u.test(text[start])) start++;
  while (end > start && /\s/u.test(text[end - 1])) end--;
  return { start, end };
}

function excerpt(s: string): string {
  const flat = s.replace(/\s+/g, " ");
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
