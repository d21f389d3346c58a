// One rater's phone string in scores-detail.json: "M AA0 {R} K [AX0]".
// A bare phone scored 2, {X} scored 1, (X) scored 0, [X] an inserted phone (listed after the
// canonical phones; its position inside the word is not kept).
export interface RatedPhone {
  symbol: string;
  score: 0 | 1 | 2;
}

export interface RatedWordPhones {
  phones: RatedPhone[];
  inserted: string[];
  /** The inserted phones as bracketed: "[IH0 D] [NG]" → [["IH0", "D"], ["NG"]] (exports write them back so). */
  insertedGroups: string[][];
}

export function parsePhoneNotation(s: string): RatedWordPhones | string {
  const phones: RatedPhone[] = [];
  const inserted: string[] = [];
  const insertedGroups: string[][] = [];
  const closers: Record<string, string> = { "{": "}", "(": ")", "[": "]" };
  // A bracket may hold several phones: "[IH0 D]" is two inserted phones.
  const re = /([{(\[])([^{}()\[\]]*)([})\]])|([^\s{}()\[\]]+)|(\S)/g;
  for (const m of s.matchAll(re)) {
    if (m[5]) return `unbalanced brackets near "${s.slice(Math.max(0, m.index - 5), m.index + 6).trim()}"`;
    const open = m[1] ?? "";
    if (open && closers[open] !== m[3]) return `mismatched brackets in "${m[0]}"`;
    const syms = (m[4] ?? m[2]).trim().split(/\s+/).filter(Boolean);
    if (open && !syms.length) return `empty brackets "${m[0]}"`;
    if (open === "[") insertedGroups.push(syms);
    for (const sym of syms) {
      if (!/^[A-Za-z]+[0-2]?$/.test(sym)) return `cannot read phone "${sym}"`;
      if (open === "") phones.push({ symbol: sym, score: 2 });
      else if (open === "{") phones.push({ symbol: sym, score: 1 });
      else if (open === "(") phones.push({ symbol: sym, score: 0 });
      else inserted.push(sym);
    }
  }
  return { phones, inserted, insertedGroups };
}

/** The inverse, for exports: canonical phones with their scores, then inserted phones. */
export function formatPhoneNotation(phones: RatedPhone[], inserted: string[] = []): string {
  const body = phones.map((p) => (p.score === 2 ? p.symbol : p.score === 1 ? `{${p.symbol}}` : `(${p.symbol})`));
  return [...body, ...(inserted.length ? [`[${inserted.join(" ")}]`] : [])].join(" ");
}
