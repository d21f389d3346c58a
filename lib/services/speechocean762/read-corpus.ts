// Reads and validates a folder in speechocean762's released layout. Nothing is written here: the
// importer writes only when this returns no problems, so a bad dataset leaves no trace.
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import path from "node:path";
import type { Problem } from "@/lib/errors";
import { inspectWav, WavError, type WavInfo } from "@/lib/audio/wav-header";
import { checkScale, type Rubric } from "@/lib/rubric/rubric";
import { readJsonFile, readKeyValueFile } from "./kaldi-files";
import { DetailUtteranceSchema, PublishedUtteranceSchema, fieldPath, type PublishedUtterance } from "./corpus-schema";
import { parsePhoneNotation, type RatedPhone } from "./phone-notation";
import { readTextPhone } from "./text-phone";

export type Split = "train" | "test";

export interface SentenceScores {
  accuracy: number;
  fluency: number;
  prosody: number;
  completeness: number;
  total: number;
}

export interface RaterWord {
  accuracy: number;
  stress: number;
  total: number;
  phones: RatedPhone[];
  inserted: string[];
}

export interface RaterScores {
  /** null when this rater has no sentence-level rating for the utterance (missing, not zero). */
  sentence: SentenceScores | null;
  words: RaterWord[] | null;
}

export interface CorpusUtterance {
  uttId: string;
  text: string;
  split: Split;
  speakerId: string;
  speakerAge: number | null;
  speakerGender: string | null;
  wavPath: string;
  wav: WavInfo;
  /** Bytes and checksum at validation; the file is read again (and re-checked) when stored. */
  audioBytes: number;
  audioSha256: string;
  words: { text: string; phones: string[] }[];
  /** Index i is expert rater i+1. */
  raters: RaterScores[];
  published: PublishedUtterance | null;
  contentHash: string;
}

export interface ReadOptions {
  split: Split | "all";
  limit?: number;
  rubric: Rubric;
  onProgress?: (done: number, total: number) => void;
}

export interface CorpusReadResult {
  utterances: CorpusUtterance[];
  raterCount: number;
  problems: Problem[];
}

export async function readSpeechocean762(dir: string, opts: ReadOptions): Promise<CorpusReadResult> {
  const problems: Problem[] = [];
  const splits: Split[] = opts.split === "all" ? ["train", "test"] : [opts.split];
  const detail = (await readJsonFile(path.join(dir, "resource/scores-detail.json"), "resource/scores-detail.json", problems)) as
    | Record<string, unknown>
    | undefined;
  const publishedRaw = await readOptionalJson(dir, problems);
  const textPhone = await readTextPhone(path.join(dir, "resource/text-phone"), "resource/text-phone", problems);
  if (detail !== undefined && (typeof detail !== "object" || detail === null || Array.isArray(detail))) {
    problems.push({ file: "resource/scores-detail.json", message: "expected an object keyed by utterance id" });
  }

  type Entry = { uttId: string; split: Split; text: string; wavRel: string; speakerId: string; age: string | undefined; gender: string | undefined };
  const entries: Entry[] = [];
  for (const split of splits) {
    const f = (n: string) => path.join(dir, split, n);
    const text = await readKeyValueFile(f("text"), `${split}/text`, problems);
    const wavScp = await readKeyValueFile(f("wav.scp"), `${split}/wav.scp`, problems);
    const utt2spk = await readKeyValueFile(f("utt2spk"), `${split}/utt2spk`, problems);
    const spk2age = await readKeyValueFile(f("spk2age"), `${split}/spk2age`, problems);
    const spk2gender = await readKeyValueFile(f("spk2gender"), `${split}/spk2gender`, problems);
    for (const [uttId, sentence] of text.map) {
      const wavRel = wavScp.map.get(uttId);
      const speakerId = utt2spk.map.get(uttId);
      if (!wavRel) problems.push({ file: `${split}/wav.scp`, utterance: uttId, message: "no audio listed for this utterance" });
      if (!speakerId) problems.push({ file: `${split}/utt2spk`, utterance: uttId, message: "no speaker listed for this utterance" });
      if (!wavRel || !speakerId) continue;
      entries.push({ uttId, split, text: sentence, wavRel, speakerId, age: spk2age.map.get(speakerId), gender: spk2gender.map.get(speakerId) });
    }
  }
  const chosen = opts.limit !== undefined ? entries.slice(0, opts.limit) : entries;
  const raterCount = detail && typeof detail === "object" ? maxRaters(detail) : 0;

  const utterances: CorpusUtterance[] = [];
  let done = 0;
  for (const e of chosen) {
    const u = await readUtterance(dir, e, detail, publishedRaw, textPhone, raterCount, opts.rubric, problems);
    if (u) utterances.push(u);
    opts.onProgress?.(++done, chosen.length);
  }
  return { utterances, raterCount, problems };
}

async function readOptionalJson(dir: string, problems: Problem[]): Promise<Record<string, unknown> | null> {
  const file = path.join(dir, "resource/scores.json");
  try {
    await readFile(file, { flag: "r" }).then(() => undefined);
  } catch {
    return null; // scores.json is optional: the published consensus, where the corpus has it
  }
  const v = await readJsonFile(file, "resource/scores.json", problems);
  return v && typeof v === "object" ? (v as Record<string, unknown>) : null;
}

function maxRaters(detail: Record<string, unknown>): number {
  let n = 0;
  for (const v of Object.values(detail)) {
    const words = (v as { words?: { accuracy?: unknown[] }[] })?.words;
    for (const w of words ?? []) if (Array.isArray(w?.accuracy)) n = Math.max(n, w.accuracy.length);
    const acc = (v as { accuracy?: unknown[] })?.accuracy;
    if (Array.isArray(acc)) n = Math.max(n, acc.length);
  }
  return n;
}

async function readUtterance(
  dir: string,
  e: { uttId: string; split: Split; text: string; wavRel: string; speakerId: string; age: string | undefined; gender: string | undefined },
  detail: Record<string, unknown> | undefined,
  published: Record<string, unknown> | null,
  textPhone: Map<string, string[][]>,
  raterCount: number,
  rubric: Rubric,
  problems: Problem[],
): Promise<CorpusUtterance | null> {
  const before = problems.length;
  const at = (field: string | undefined, message: string, file = "resource/scores-detail.json") =>
    problems.push({ file, utterance: e.uttId, field, message });

  // Audio: present, readable, a valid RIFF/WAVE file with samples.
  const wavPath = path.resolve(dir, e.wavRel);
  let audio: Buffer | null = null;
  let wav: WavInfo | null = null;
  const root = path.resolve(dir) + path.sep;
  try {
    // wav.scp paths are relative to the corpus folder; one that leaves it is refused, not followed.
    if (!wavPath.startsWith(root)) throw new Error(`the audio path "${e.wavRel}" points outside the corpus folder`);
    audio = await readFile(wavPath);
    wav = inspectWav(audio);
  } catch (err) {
    const msg = err instanceof WavError ? err.message : `cannot read audio: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
    at("audio", msg, e.wavRel);
  }

  const words = e.text.split(/\s+/).filter(Boolean);
  const phones = textPhone.get(e.uttId);
  if (!phones) at(undefined, "no canonical phones for this utterance", "resource/text-phone");
  else if (phones.length !== words.length) {
    at(undefined, `word count mismatch: text has ${words.length} words, text-phone has ${phones.length}`, "resource/text-phone");
  }

  const raw = detail?.[e.uttId];
  if (raw === undefined) {
    if (detail) at(undefined, "no scores for this utterance");
    return null;
  }
  const parsed = DetailUtteranceSchema.safeParse(raw);
  if (!parsed.success) {
    for (const iss of parsed.error.issues.slice(0, 5)) at(fieldPath(iss.path), iss.message);
    return null;
  }
  const d = parsed.data;
  if (d.words.length !== words.length) at("words", `word count mismatch: text has ${words.length} words, scores have ${d.words.length}`);
  if (d.text.trim().split(/\s+/).join(" ") !== words.join(" ")) at("text", `text "${d.text}" differs from ${e.split}/text "${e.text}"`);

  const s = rubric.sentence;
  const sentenceArrays = { accuracy: d.accuracy, fluency: d.fluency, prosody: d.prosodic, completeness: d.completeness, total: d.total };
  const sentenceRaters = d.accuracy.length;
  for (const [k, arr] of Object.entries(sentenceArrays)) {
    const field = k === "prosody" ? "prosodic" : k;
    if (arr.length !== sentenceRaters) at(field, `${arr.length} ratings, but accuracy has ${sentenceRaters}`);
    if (arr.length > raterCount) at(field, `${arr.length} ratings for ${raterCount} raters`);
    arr.forEach((v, i) => {
      const why = checkScale(s[k as keyof typeof s], v);
      if (why) at(`${field}[${i}]`, `score out of range: ${why}`);
    });
  }

  const raters: RaterScores[] = [];
  for (let r = 0; r < raterCount; r++) {
    const sentence: SentenceScores | null =
      r < sentenceRaters
        ? { accuracy: d.accuracy[r], fluency: d.fluency[r], prosody: d.prosodic[r], completeness: d.completeness[r], total: d.total[r] }
        : null;
    raters.push({ sentence, words: [] });
  }
  d.words.forEach((w, wi) => {
    const canonical = phones?.[wi] ?? [];
    const f = (x: string) => `words[${wi}].${x}`;
    for (const k of ["accuracy", "stress", "total"] as const) {
      if (w[k].length !== raterCount) at(f(k), `${w[k].length} ratings for ${raterCount} raters`);
      w[k].forEach((v, i) => {
        const why = checkScale(rubric.word[k], v);
        if (why) at(f(`${k}[${i}]`), `score out of range: ${why}`);
      });
    }
    if (w.phones.length !== raterCount) at(f("phones"), `${w.phones.length} phone strings for ${raterCount} raters`);
    for (let r = 0; r < raterCount; r++) {
      const notation = parsePhoneNotation(w.phones[r] ?? "");
      if (typeof notation === "string") {
        at(f(`phones[${r}]`), notation);
        raters[r].words = null;
        continue;
      }
      const syms = notation.phones.map((p) => p.symbol);
      if (syms.join(" ") !== canonical.join(" ")) {
        at(f(`phones[${r}]`), `phone count mismatch: "${w.phones[r]}" does not match the canonical phones "${canonical.join(" ")}"`);
      }
      // One element per bracket group ("IH0 D" for "[IH0 D]"), so an export writes the same string back.
      raters[r].words?.push({ accuracy: w.accuracy[r], stress: w.stress[r], total: w.total[r], phones: notation.phones, inserted: notation.insertedGroups.map((g) => g.join(" ")) });
    }
  });

  let pub: PublishedUtterance | null = null;
  if (published) {
    const p = PublishedUtteranceSchema.safeParse(published[e.uttId]);
    if (published[e.uttId] === undefined) pub = null;
    else if (!p.success) for (const iss of p.error.issues.slice(0, 5)) at(fieldPath(iss.path), iss.message, "resource/scores.json");
    else {
      pub = p.data;
      if (pub.words.length !== words.length) at("words", `word count mismatch: text has ${words.length} words, scores.json has ${pub.words.length}`, "resource/scores.json");
      pub.words.forEach((w, wi) => {
        if (w["phones-accuracy"].length !== (phones?.[wi]?.length ?? 0)) {
          at(`words[${wi}].phones-accuracy`, `${w["phones-accuracy"].length} values for ${phones?.[wi]?.length ?? 0} canonical phones`, "resource/scores.json");
        }
      });
    }
  }

  if (problems.length > before || !audio || !wav || !phones) return null;
  const audioSha256 = createHash("sha256").update(audio).digest("hex");
  const wordList = words.map((text, i) => ({ text, phones: phones[i] }));
  const contentHash = createHash("sha256")
    .update(JSON.stringify([e.text, e.split, e.speakerId, e.age ?? null, e.gender ?? null, audioSha256, wordList, raw, pub]))
    .digest("hex");
  return {
    uttId: e.uttId,
    text: e.text,
    split: e.split,
    speakerId: e.speakerId,
    speakerAge: e.age !== undefined && /^\d+$/.test(e.age) ? Number(e.age) : null,
    speakerGender: e.gender ?? null,
    wavPath,
    wav,
    audioBytes: audio.byteLength,
    audioSha256,
    words: wordList,
    raters,
    published: pub,
    contentHash,
  };
}
