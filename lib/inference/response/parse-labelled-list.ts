/**
 * The value of a `Words:` or `Phonemes:` line: `TOKEN/Label` items separated by whitespace
 * (commas and semicolons tolerated), whitespace allowed around the `/`.
 */
import { parseLabel, type Label } from "../../rubric/labels";

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

function tokenize(value: string): string[] {
  const raw = value
    // The lookbehind starts each whitespace run once: /\s*\// would rescan a long run from
    // every one of its characters.
    .replace(/(?<!\s)\s+(?=\/)/g, "")
    .replace(/\/\s+/g, "/")
    .split(/[\s,;]+/)
    .filter((t) => t !== "");
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
  const pairs = tokens.filter((t) => PAIR.test(t)).length;
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
