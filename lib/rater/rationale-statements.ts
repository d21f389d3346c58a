// A simple local split of a rationale into statements (sentences) and the word/phoneme mentions in
// each, so that raters can answer them one by one. The rationale audit (lib/audit) has its own, more
// careful extractor; this one only needs stable keys and character spans for highlighting.
import { normalizePhoneSymbol } from "@/lib/rubric/arpabet-ipa";

export interface Mention {
  key: string;
  kind: "word" | "phone";
  /** The text as written in the rationale. */
  text: string;
  /** The utterance word index (word mentions) or ARPAbet base phone (phone mentions). */
  target: string;
  start: number;
  end: number;
}

export interface Statement {
  key: string;
  text: string;
  start: number;
  end: number;
  mentions: Mention[];
}

export const TRUST_KEY = "trust";

/** Sentences end at . ! ? (not inside /…/) followed by space or end, or at a blank line. */
function sentenceSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  let inSlash = false;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push([s, e]);
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "/") inSlash = !inSlash;
    // A single line break is wrapping; a blank line ends a statement.
    if (c === "\n") {
      inSlash = false;
      if (text[i + 1] === "\n") push(i + 1);
    } else if (!inSlash && /[.!?]/.test(c) && (i + 1 === text.length || /\s/.test(text[i + 1]))) push(i + 1);
  }
  push(text.length);
  return out;
}

export function splitRationale(rationale: string, utteranceWords: string[]): Statement[] {
  const words = utteranceWords.map((w) => w.toLowerCase().replace(/[^a-z']/g, ""));
  return sentenceSpans(rationale).map(([s, e], si) => {
    const text = rationale.slice(s, e);
    const mentions: Mention[] = [];
    const seen = new Set<string>();
    const add = (m: Omit<Mention, "key">) => {
      const key = `s${si}:${m.kind === "word" ? "w" : "p"}:${m.target}`;
      if (seen.has(key)) return;
      seen.add(key);
      mentions.push({ ...m, key });
    };
    // Phonemes written between slashes or square brackets: /θ/, [TH], /iː/.
    for (const m of text.matchAll(/[/[]([^/\]\s]{1,6})[/\]]/g)) {
      const base = normalizePhoneSymbol(m[1]);
      if (base) add({ kind: "phone", text: m[0], target: base, start: s + m.index!, end: s + m.index! + m[0].length });
    }
    // Words of the utterance: quoted anywhere, or unquoted when at least three letters long (so
    // that "a"/"to" in ordinary prose are not taken for mentions).
    for (const m of text.matchAll(/["'“‘]?([A-Za-z][A-Za-z']*)["'”’]?/g)) {
      const bare = m[1].toLowerCase().replace(/'+$/, "");
      const quoted = m[0].length > m[1].length + 1;
      const idx = words.indexOf(bare);
      if (idx >= 0 && (quoted || bare.length >= 3)) add({ kind: "word", text: m[0], target: String(idx), start: s + m.index!, end: s + m.index! + m[0].length });
    }
    mentions.sort((a, b) => a.start - b.start);
    return { key: `s${si}`, text, start: s, end: e, mentions };
  });
}

/** Every key a rater may answer for this rationale (statements, mentions, and the trust question). */
export function answerableKeys(statements: Statement[]): Set<string> {
  return new Set([TRUST_KEY, ...statements.flatMap((s) => [s.key, ...s.mentions.map((m) => m.key)])]);
}
