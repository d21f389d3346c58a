import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { evaluate, loadLabelled, LABELLED_FILE } from "../fixtures/rationales/evaluate";

// The figures REPORT.md states (overall row): the extractor must not fall below them.
function reported() {
  const md = readFileSync(path.join(path.dirname(LABELLED_FILE), "REPORT.md"), "utf8");
  const row = md.split("\n").find((l) => l.startsWith("| overall |"))!;
  const cells = row.split("|").map((c) => c.trim()).filter(Boolean);
  return { f1: Number(cells[5]), polarity: Number(cells[7]) };
}

describe("the labelled rationale set", () => {
  const rows = loadLabelled();

  it("has at least 200 rationales for real utterances, covering the variety the issue asks for", () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    const tags = new Set(rows.flatMap((r) => r.tags));
    for (const t of ["sentence_only", "word_level", "phone_level", "ipa", "arpabet", "negation", "contrast", "hedge", "not_in_utterance", "multi_word_phone_ambiguous", "multi_word_phone_tied", "short", "long", "format_metrics", "format_verdict"]) {
      expect(tags, t).toContain(t);
    }
    for (const r of rows) for (const m of r.mentions) expect(r.rationale.slice(m.start, m.end), r.id).toBe(m.text);
  });

  it("scores at least what REPORT.md says (extraction F1 and polarity accuracy)", () => {
    const e = evaluate(rows);
    const r = reported();
    expect(e.parseMismatches).toEqual([]);
    expect(e.overall.f1).toBeGreaterThanOrEqual(r.f1 - 5e-4);
    expect(e.overall.polarityAccuracy).toBeGreaterThanOrEqual(r.polarity - 5e-4);
    expect(e.overall.f1).toBeGreaterThanOrEqual(0.95);
    expect(e.overall.polarityAccuracy).toBeGreaterThanOrEqual(0.9);
  });
});
