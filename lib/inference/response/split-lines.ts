/** A line of a text and where it sits in that text, so spans survive line-ending normalisation. */
export interface SourceLine {
  text: string;
  /** Offset of the line's first character in the original text. */
  start: number;
  /** Offset just past the line's last character (before its line ending). */
  end: number;
}

/** Splits on "\r\n", "\n" and a lone "\r" (old Mac / some model tokenizers) alike. */
export function splitLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  const eol = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = eol.exec(text); m !== null; m = eol.exec(text)) {
    lines.push({ text: text.slice(start, m.index), start, end: m.index });
    start = m.index + m[0].length;
  }
  lines.push({ text: text.slice(start), start, end: text.length });
  return lines;
}
