/**
 * What one line of a response is: a labelled line of the template, a rationale cue, or free text.
 * Decoration models add (markdown bold/italics, bullets, headings, code fences) is ignored here;
 * the free text itself is kept as written by the caller.
 */
import { parseLabel as parseLabelUncached, type Label } from "../../rubric/labels";
import { memoize } from "./memo";

// Labels repeat across lines and responses: normalising each one is the parser's main cost.
const parseLabel = memoize(parseLabelUncached);
import { looksLikeList, parseLabelledList, type ListItem } from "./parse-labelled-list";
import type { SentenceAspect } from "./types";

export type LineKind =
  | { kind: "blank" }
  | { kind: "free" }
  /** `contentStart` is the offset, within the line, where the rationale text begins. */
  | { kind: "cue"; contentStart: number }
  | { kind: "aspect"; aspect: SentenceAspect; name: string; label: Label | null; warnings: string[] }
  | { kind: "list"; list: "words" | "phones"; name: string; items: ListItem[]; warnings: string[] };

/**
 * Aspect names → aspect. "Pronunciation" is read as accuracy: speechocean762's sentence accuracy
 * is pronunciation accuracy, and METRICS.md's rationale audit treats the two words as one aspect.
 * "Prosodic" is the corpus' own name (scores.json) for prosody.
 */
const ASPECT_NAMES: Readonly<Record<string, SentenceAspect>> = {
  accuracy: "accuracy",
  pronunciation: "accuracy",
  fluency: "fluency",
  prosody: "prosody",
  prosodic: "prosody",
  completeness: "completeness",
  total: "total",
};

const LIST_NAMES: Readonly<Record<string, "words" | "phones">> = {
  word: "words",
  words: "words",
  phoneme: "phones",
  phonemes: "phones",
  phone: "phones",
  phones: "phones",
};

/** Bullets ("- ", "* ", "• ", "1. "), quote marks and headings ("### ") before a labelled line. */
const LEAD = String.raw`^\s*(?:(?:[-*•+>]|#{1,6}|\d{1,2}[.)])\s+)*`;
/**
 * Optional emphasis around a name or a colon (**x**, __x__, *x*, _x_) with the whitespace after it.
 * Written so that no two adjacent quantifiers can match the same characters: a line of 50,000
 * spaces must not make the match quadratic.
 */
const EMPH = String.raw`(?:(?:\*{1,2}|_{1,2})\s*)?`;

const HEADER = new RegExp(
  `${LEAD}${EMPH}([A-Za-z]+)(?:\\s+scores?)?\\s*${EMPH}[:：](.*)$`,
  "su",
);

/** "Verdict:" (the published cue), also "Rationale:"/"Explanation:" and a bare "Verdict" heading. */
const CUE = new RegExp(
  `${LEAD}${EMPH}(?:verdict|rationale|explanation)\\s*${EMPH}(?:[:：]\\s*${EMPH}|$)`,
  "iu",
);

const FENCE = /^\s*```[\w-]*\s*$/;

/** Removes markdown emphasis and code marks, which never belong to a label, word or phone. */
function undecorate(value: string): string {
  return value.replace(/\*+|__+|`+/g, "").trim();
}

export function classifyLine(line: string): LineKind {
  if (line.trim() === "" || FENCE.test(line)) return { kind: "blank" };

  const cue = CUE.exec(line);
  if (cue) return { kind: "cue", contentStart: cue[0].length };

  const header = HEADER.exec(line);
  if (!header) return { kind: "free" };
  const key = header[1].toLowerCase();
  const value = undecorate(header[2]);
  const name = header[1][0].toUpperCase() + key.slice(1);

  const list = LIST_NAMES[key];
  if (list) {
    if (!looksLikeList(value)) return { kind: "free" };
    const parsed = parseLabelledList(value, list === "words" ? "word" : "phoneme");
    return { kind: "list", list, name, items: parsed.items, warnings: parsed.warnings };
  }

  const aspect = ASPECT_NAMES[key];
  if (!aspect) return { kind: "free" };
  return classifyAspect(aspect, name, value);
}

// A module function, not a closure per call (per line of every response).
function aspectLine(aspect: SentenceAspect, name: string, label: Label | null, warnings: string[] = []): LineKind {
  return { kind: "aspect", aspect, name, label, warnings };
}

function classifyAspect(aspect: SentenceAspect, name: string, value: string): LineKind {
  if (value === "") return aspectLine(aspect, name, null, [`${name} has no label`]);
  const whole = parseLabel(value);
  if (whole) return aspectLine(aspect, name, whole);

  // "Good (8/10)", "Good, with minor errors": a label first, then a remark.
  const lead = /^(very[\s_-]+poor|\p{L}+)(.*)$/isu.exec(value);
  const leadLabel = lead ? parseLabel(lead[1]) : null;
  if (lead && leadLabel) {
    const rest = lead[2].replace(/^[\s.,;:!?-]+/u, "").trim();
    return aspectLine(aspect, name, leadLabel, rest === "" ? [] : [`${name}: ignored text after the label: "${rest}"`]);
  }
  // One or two words is a label the parser does not know; longer is a sentence of prose that
  // happens to start with an aspect name ("Fluency: the speaker pauses between words").
  if (value.split(/\s+/).length <= 2) return aspectLine(aspect, name, null, [`${name} has an unknown label "${value}"`]);
  return { kind: "free" };
}
