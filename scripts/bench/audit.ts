/**
 * Audit of 100,000 generated (seeded) responses against their utterances, in memory: parse +
 * mention extraction + polarity + per-granularity rates and flags + pooled summary. Baseline: the
 * parse-only pass over the same responses, measured in the same run.
 *   npx tsx scripts/bench/audit.ts [n]
 */
import { readFileSync } from "node:fs";
import { arpabetToIpa } from "@/lib/rubric/arpabet-ipa";
import { parseResponse } from "@/lib/inference/response/parse-response";
import { auditResponse, indexUtterance, labelsFromScores, predictionLabels, summarizeAll } from "@/lib/audit";
import { mulberry32 } from "@/lib/metrics/random";

const N = Number(process.argv[2] ?? 100_000);
const rows = readFileSync("tests/fixtures/rationales/rationales.jsonl", "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const rng = mulberry32(2026);
const utts = rows.map((r) => {
  const u = { words: r.text.split(" ") as string[], phones: (r.phones as string[]).map((symbol, i) => ({ symbol, wordIndex: r.phone_words[i] as number })) };
  return { r, ix: indexUtterance(u), ipa: u.phones.map((p) => arpabetToIpa(p.symbol)!), consensus: labelsFromScores({ sentence: { accuracy: 7, fluency: 8, prosody: 6 }, words: u.words.map(() => (rng() < 0.2 ? 2 : 9)), phones: u.phones.map(() => (rng() < 0.1 ? 0.6 : 2)) }) };
});
// Generated responses: the labelled set's responses, each with a seeded extra sentence so they differ.
const EXTRA = ["", " The reading was hesitant.", " Overall the rhythm is natural.", " Some words were dropped."];
const jobs = Array.from({ length: N }, () => {
  const u = utts[Math.floor(rng() * utts.length)];
  return { u, text: u.r.response + EXTRA[Math.floor(rng() * EXTRA.length)] };
});

function time(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

let sink = 0;
const parseOnly = time(() => {
  for (const j of jobs) sink += parseResponse(j.text, { words: j.u.ix.utterance.words, phonesIpa: j.u.ipa }).rationale.length;
});
const full = time(() => {
  const audits = jobs.map((j) => {
    const p = parseResponse(j.text, { words: j.u.ix.utterance.words, phonesIpa: j.u.ipa });
    const a = auditResponse({ rationale: p.rationale, utterance: j.u.ix, prediction: predictionLabels(p, j.u.ix.utterance.words, j.u.ipa), consensus: j.u.consensus });
    // Keep only what the summary pools (counts), as the service does between batches.
    const lite = (g: typeof a.word) => ({ ...g, items: [], flags: [] });
    return { sentence: lite(a.sentence), word: lite(a.word), phone: lite(a.phone) };
  });
  sink += summarizeAll(audits).word.mentions;
});
console.log(JSON.stringify({ responses: N, parse_only_seconds: +parseOnly.toFixed(2), audit_seconds: +full.toFixed(2), ratio_vs_parse_only: +(full / parseOnly).toFixed(2), target_seconds: 10, sink }));
