/**
 * The value of a `Words:` or `Phonemes:` line: `TOKEN/Label` items separated by whitespace
 * (commas and semicolons tolerated), whitespace allowed around the `/`.
 */
import { parseLabel as parseLabelUncached, type Label } from "../../rubric/labels";
import { memoize } from "./memo";

// Labels repeat across lines and responses: normalising each one is the parser's main cost.
const parseLabel = memoize(parseLabelUncached);

export interface ListItem {
  /** The word or phoneme symbol as written. */
  text: string;
  label: Label | null;
}

export interface ParsedList {
  items: ListItem[];
  warnings: string[];
}

/** A token that looks like `X/Label`: something before the last slash, letters after it. */
const PAIR = /^[^/]+\/\p{L}[\p{L} _-]*[.,;:!?]*$/u;

// classifyLine calls looksLikeList then parseLabelledList on the same value: tokenize it once.
let lastValue: string | null = null;
let lastTokens: readonly string[] = [];

function tokenize(value: string): readonly string[] {
  if (value === lastValue) return lastTokens;
  lastTokens = tokenizeUncached(value);
  lastValue = value;
  return lastTokens;
}

const SPACE_SLASH = /\s\//;
const SLASH_SPACE = /\/\s/;

function tokenizeUncached(value: string): string[] {
  // The lookbehind starts each whitespace run once: /\s*\// would rescan a long run from
  // every one of its characters. Each replace runs only when it can match (a whitespace character
  // next to a slash), which most lists ("WORD/Good WORD/Poor") have none of.
  const joinedBefore = SPACE_SLASH.test(value) ? value.replace(/(?<!\s)\s+(?=\/)/g, "") : value;
  const joined = SLASH_SPACE.test(joinedBefore) ? joinedBefore.replace(/\/\s+/g, "/") : joinedBefore;
  const raw = joined.split(/[\s,;]+/).filter((t) => t !== "");
  // "BEAR/Very Poor" splits into "BEAR/Very" + "Poor": join them back.
  const tokens: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i];
    const next = raw[i + 1];
    if (/\/very$/i.test(t) && next !== undefined && /^poor[.!?:]*$/i.test(next)) {
      tokens.push(`${t} ${next}`);
      i++;
    } else {
      tokens.push(t);
    }
  }
  return tokens;
}

/**
 * True when the value reads as a list rather than prose ("Phonemes: /ɹ/ was mispronounced"):
 * empty, or at least half of its tokens are `X/Label`-shaped (the label need not be a known one,
 * so a list of misspelt labels is still reported item by item rather than taken for prose).
 */
export function looksLikeList(value: string): boolean {
  const tokens = tokenize(value);
  if (tokens.length === 0) return true;
  let pairs = 0;
  for (const t of tokens) if (PAIR.test(t)) pairs++;
  return pairs * 2 >= tokens.length;
}

/** `noun` names the items in warnings ("word", "phoneme"). Never drops an item. */
export function parseLabelledList(value: string, noun: string): ParsedList {
  const items: ListItem[] = [];
  const warnings: string[] = [];
  tokenize(value).forEach((token, i) => {
    const slash = token.lastIndexOf("/");
    const position = `${noun} ${i + 1}`;
    if (slash < 0) {
      items.push({ text: token, label: null });
      warnings.push(`${position} "${token}" has no label`);
      return;
    }
    const text = token.slice(0, slash);
    const rawLabel = token.slice(slash + 1);
    const label = parseLabel(rawLabel);
    items.push({ text, label });
    if (text === "") warnings.push(`${position} is a label "${rawLabel}" without a ${noun}`);
    if (rawLabel === "") warnings.push(`${position} "${text}" has no label`);
    else if (label === null) warnings.push(`${position} "${text}" has an unknown label "${rawLabel}"`);
  });
  return { items, warnings };
}
