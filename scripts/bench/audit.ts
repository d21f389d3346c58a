/**
 * Audit of 100,000 model responses against their utterances, in memory: parse + mention extraction
 * + polarity + per-granularity rates and flags + pooled summary. Baseline: the parse-only pass over
 * the same responses, measured in the same run (the target is the audit under 10 s, reported as a
 * ratio to that baseline).
 *
 * Two workloads, both seeded:
 * - `distinct` (the figure that counts): every response is written afresh for its utterance, as one
 *   model's responses over a dataset are — a model rarely repeats a whole rationale, so nothing is
 *   served from the extraction cache. Each rationale is 2-4 statements drawn from the phrase banks
 *   of the labelled fixture set (tests/fixtures/rationales/phrases.ts) about the utterance's own
 *   words and phones, with varied quoting, symbols and order; the run prints how many are distinct.
 * - `repeated`: the fixture set's 240 responses with one of four extra sentences (≈1,000 distinct
 *   texts), i.e. a model re-run on the same items: the extraction cache serves almost everything.
 * Wall-clock and CPU seconds are both printed (CPU time is steadier on a loaded machine), and the
 * share of masked sentences whose wink tags came from the sentence cache (the response texts stay
 * distinct; their sentences, with the named words and phones masked, repeat).
 *   npx tsx scripts/bench/audit.ts [n] [distinct|repeated|both]
 */
import { readFileSync } from "node:fs";
import { arpabetToIpa } from "@/lib/rubric/arpabet-ipa";
import { parseResponse } from "@/lib/inference/response/parse-response";
import { auditResponse, indexUtterance, labelsFromScores, predictionLabels, summarizeAll, type UtteranceIndex } from "@/lib/audit";
import { sentenceCacheStats } from "@/lib/audit/nlp/parse-rationale";
import { mulberry32, type Rng } from "@/lib/metrics/random";
import { ASPECT_LINES, NEG_P, NEG_W, NEU_P, NEU_W, POS_P, POS_W, SUBSTITUTES, type Bank } from "../../tests/fixtures/rationales/phrases";

const N = Number(process.argv[2] ?? 100_000);
const WHICH = process.argv[3] ?? "both";
const rows = readFileSync("tests/fixtures/rationales/rationales.jsonl", "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const rng = mulberry32(2026);
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

interface Utt {
  r: { response: string; rationale: string };
  ix: UtteranceIndex;
  ipa: string[];
  consensus: ReturnType<typeof labelsFromScores>;
  labelLines: string;
}
const utts: Utt[] = rows.map((r) => {
  const u = { words: r.text.split(" ") as string[], phones: (r.phones as string[]).map((symbol, i) => ({ symbol, wordIndex: r.phone_words[i] as number })) };
  const ipa = u.phones.map((p) => arpabetToIpa(p.symbol)!);
  const lab = () => pick(rng, ["Excellent", "Good", "Good", "Average", "Bad"]);
  const labelLines = [`Accuracy: ${lab()}`, `Fluency: ${lab()}`, `Prosody: ${lab()}`, `Words: ${u.words.map((w) => `${w}/${lab()}`).join(" ")}`, `Phonemes: ${ipa.map((p) => `${p}/${lab()}`).join(" ")}`].join("\n");
  return { r, ix: indexUtterance(u), ipa, labelLines, consensus: labelsFromScores({ sentence: { accuracy: 7, fluency: 8, prosody: 6 }, words: u.words.map(() => (rng() < 0.2 ? 2 : 9)), phones: u.phones.map(() => (rng() < 0.1 ? 0.6 : 2)) }) };
});

/** One fresh rationale about `u`: statements on its words, phones and aspects, in a seeded order and wording. */
function freshRationale(u: Utt, r: Rng): string {
  const words = u.ix.utterance.words;
  const quote = (w: string) => pick(r, [`'${w}'`, `"${w}"`, `“${w}”`, w.toUpperCase(), `'${w.toLowerCase()}'`]);
  const symbol = (i: number) => {
    const arpa = u.ix.utterance.phones[i].symbol;
    const s = r() < 0.7 ? u.ipa[i] : arpa.replace(/\d/, "");
    return pick(r, [`/${s}/`, `/${s}/`, `[${s}]`]);
  };
  const fill = (bank: Bank, x: string) => {
    const [pre, post] = pick(r, bank);
    return `${pre}${x}${post.replace("{S}", () => pick(r, SUBSTITUTES))}`;
  };
  const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
  const statements: string[] = [];
  const n = 2 + Math.floor(r() * 3);
  for (let k = 0; k < n; k++) {
    const kind = r();
    if (kind < 0.4) {
      statements.push(cap(fill(pick(r, [POS_W, NEG_W, NEU_W, POS_W]), quote(pick(r, words)))) + ".");
    } else if (kind < 0.75) {
      const i = Math.floor(r() * u.ipa.length);
      const w = words[u.ix.utterance.phones[i].wordIndex];
      const phone = fill(pick(r, [POS_P, NEG_P, NEU_P, NEG_P]), symbol(i));
      statements.push(r() < 0.6 ? `In ${quote(w)}, ${phone}.` : `${cap(phone)}.`);
    } else {
      const [pre, word, , post] = pick(r, ASPECT_LINES);
      statements.push(`${pre}${word}${post}`);
    }
  }
  return statements.join(" ").replace(/\s+/g, " ");
}

interface Job {
  u: Utt;
  text: string;
}
function distinctJobs(n: number): Job[] {
  const r = mulberry32(17);
  return Array.from({ length: n }, () => {
    const u = pick(r, utts);
    return { u, text: `${u.labelLines}\n${freshRationale(u, r)}` };
  });
}
// The labelled set's responses, each with a seeded extra sentence (about 1,000 distinct texts).
const EXTRA = ["", " The reading was hesitant.", " Overall the rhythm is natural.", " Some words were dropped."];
function repeatedJobs(n: number): Job[] {
  return Array.from({ length: n }, () => {
    const u = utts[Math.floor(rng() * utts.length)];
    return { u, text: u.r.response + EXTRA[Math.floor(rng() * EXTRA.length)] };
  });
}

function time(fn: () => void): { wall: number; cpu: number } {
  const t = process.hrtime.bigint();
  const c = process.cpuUsage();
  fn();
  const d = process.cpuUsage(c);
  return { wall: Number(process.hrtime.bigint() - t) / 1e9, cpu: (d.user + d.system) / 1e6 };
}

let sink = 0;
function run(name: string, jobs: Job[]) {
  const distinct = new Set(jobs.map((j) => j.text)).size;
  const parseOnly = time(() => {
    for (const j of jobs) sink += parseResponse(j.text, { words: j.u.ix.utterance.words, phonesIpa: j.u.ipa }).rationale.length;
  });
  const cache0 = sentenceCacheStats();
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
  const cache1 = sentenceCacheStats();
  const lookups = cache1.lookups - cache0.lookups;
  console.log(JSON.stringify({
    workload: name, responses: jobs.length, distinct_responses: distinct,
    parse_only_seconds: +parseOnly.wall.toFixed(2), audit_seconds: +full.wall.toFixed(2), ratio_vs_parse_only: +(full.wall / parseOnly.wall).toFixed(2),
    parse_only_cpu_seconds: +parseOnly.cpu.toFixed(2), audit_cpu_seconds: +full.cpu.toFixed(2), cpu_ratio_vs_parse_only: +(full.cpu / parseOnly.cpu).toFixed(2),
    // wink tags each masked sentence once (parse-rationale.ts): the share of sentences served from that cache.
    sentence_tag_lookups: lookups, sentence_tag_cache_hit_share: lookups ? +((cache1.hits - cache0.hits) / lookups).toFixed(3) : null,
    target_seconds: 10,
  }));
}

if (WHICH !== "repeated") run("distinct", distinctJobs(N));
if (WHICH !== "distinct") run("repeated", repeatedJobs(N));
if (sink < 0) console.log(sink);
