// Readers for the Kaldi-style text files of a speechocean762 folder ("<key><whitespace><value>").
import { readFile } from "node:fs/promises";
import type { Problem } from "@/lib/errors";

export interface KeyValueFile {
  map: Map<string, string>;
  lines: Map<string, number>;
}

/** Reads "<key> <value>" lines; a line without a value or a repeated key is a problem. */
export async function readKeyValueFile(file: string, label: string, problems: Problem[]): Promise<KeyValueFile> {
  const map = new Map<string, string>();
  const lines = new Map<string, number>();
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    problems.push({ file: label, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return { map, lines };
  }
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = /^(\S+)\s+(.+)$/.exec(line);
    if (!m) {
      problems.push({ file: label, line: i + 1, message: `expected "<key> <value>", got "${line.slice(0, 60)}"` });
      return;
    }
    if (map.has(m[1])) {
      problems.push({ file: label, line: i + 1, message: `key ${m[1]} repeated (first on line ${lines.get(m[1])})` });
      return;
    }
    map.set(m[1], m[2].trim());
    lines.set(m[1], i + 1);
  });
  return { map, lines };
}

/** Line and column of a character offset, for JSON syntax errors. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** Parses JSON, turning a syntax error into a problem with the line and column. */
export async function readJsonFile(file: string, label: string, problems: Problem[]): Promise<unknown | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    problems.push({ file: label, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    if (pos) {
      const { line, column } = lineColumn(text, Number(pos[1]));
      problems.push({ file: label, line, message: `malformed JSON at line ${line} column ${column} (position ${pos[1]}): ${msg}` });
    } else {
      problems.push({ file: label, message: `malformed JSON: ${msg}` });
    }
    return undefined;
  }
}
