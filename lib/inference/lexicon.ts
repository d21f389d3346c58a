// Canonical phones for a transcript: the dataset's own pronunciations first (when given), then the
// CMU Pronouncing Dictionary. Unknown words are an error that names them.
import { dictionary } from "cmu-pronouncing-dictionary";
import { AppError } from "@/lib/errors";

export function tokenize(text: string): string[] {
  return text
    .split(/\s+/)
    .map((w) => w.replace(/^[^A-Za-z']+|[^A-Za-z']+$/g, ""))
    .filter(Boolean);
}

export function wordsFromTranscript(text: string, known: Map<string, string[]> = new Map()): { text: string; phones: string[] }[] {
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new AppError("INVALID_INPUT", "the transcript has no words");
  const unknown: string[] = [];
  const words = tokens.map((t) => {
    const own = known.get(t.toUpperCase());
    const cmu = dictionary[t.toLowerCase()];
    const phones = own ?? (cmu ? cmu.split(" ") : null);
    if (!phones) unknown.push(t);
    return { text: t.toUpperCase(), phones: phones ?? [] };
  });
  if (unknown.length) {
    throw new AppError(
      "INVALID_INPUT",
      `no pronunciation for ${unknown.map((u) => `"${u}"`).join(", ")} (not in the dataset or the CMU Pronouncing Dictionary)`,
      unknown.map((u) => ({ field: "text", message: `unknown word "${u}"` })),
    );
  }
  return words;
}
