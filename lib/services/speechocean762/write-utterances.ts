// Writes validated utterances with their words, phones, expert judgments and published consensus,
// in bulk, inside the caller's transaction.
import { bulkInsert, type BulkColumn } from "@/lib/db/bulk-insert";
import type { Prisma } from "@/lib/db/client";
import type { CorpusUtterance } from "./read-corpus";

type Tx = Pick<Prisma, "$executeRawUnsafe">;

const cols = (spec: string): BulkColumn[] =>
  spec.split(/\s*,\s*/).map((c) => {
    const [name, type = "text"] = c.split(":");
    return { name, type };
  });

const ITEM = cols("id, datasetId, uttId, text, split, speakerId, speakerAge:int4, speakerGender, audioSha256, audioSource, audioBytes:int4, durationSec:float8, sampleRate:int4, channels:int4, bitsPerSample:int4, contentHash");
const WORD = cols("id, itemId, index:int4, text, canonicalPhones");
const PHONE = cols("id, itemId, wordId, index:int4, position:int4, symbol");
const ASSIGNMENT = cols('id, roundId, itemId, raterId, position:int4, status:"AssignmentStatus", finishedAt:timestamptz, updatedAt:timestamptz');
const JUDGMENT = cols('id, key, kind:"JudgmentKind", status:"JudgmentStatus", itemId, raterId, assignmentId, accuracy:float8, fluency:float8, prosody:float8, completeness:float8, total:float8, updatedAt:timestamptz, submittedAt:timestamptz');
const WORD_SCORE = cols("id, judgmentId, wordId, accuracy:float8, stress:float8, total:float8, insertedPhones:text[]");
const PHONE_SCORE = cols("id, judgmentId, phoneId, score:float8");

export interface WriteInput {
  datasetId: string;
  roundId: string;
  raterIds: string[];
  utterances: CorpusUtterance[];
  newId: () => string;
}

export async function writeUtterances(tx: Tx, input: WriteInput): Promise<void> {
  const { newId } = input;
  const now = new Date();
  const items: unknown[][] = [];
  const words: unknown[][] = [];
  const phones: unknown[][] = [];
  const assignments: unknown[][] = [];
  const judgments: unknown[][] = [];
  const wordScores: unknown[][] = [];
  const phoneScores: unknown[][] = [];

  for (const u of input.utterances) {
    const itemId = newId();
    items.push([itemId, input.datasetId, u.uttId, u.text, u.split, u.speakerId, u.speakerAge, u.speakerGender, u.audioSha256, u.wavPath,
      u.audioBytes, u.wav.durationSec, u.wav.sampleRate, u.wav.channels, u.wav.bitsPerSample, u.contentHash]);
    const wordIds: string[] = [];
    const phoneIds: string[][] = [];
    let position = 0;
    u.words.forEach((w, wi) => {
      const wordId = newId();
      wordIds.push(wordId);
      words.push([wordId, itemId, wi, w.text, w.phones.join(" ")]);
      phoneIds.push(
        w.phones.map((symbol, pi) => {
          const phoneId = newId();
          phones.push([phoneId, itemId, wordId, pi, position++, symbol]);
          return phoneId;
        }),
      );
    });

    u.raters.forEach((r, ri) => {
      if (!r.sentence && !(r.words && r.words.length)) return;
      const assignmentId = newId();
      const judgmentId = newId();
      assignments.push([assignmentId, input.roundId, itemId, input.raterIds[ri], items.length - 1, "SUBMITTED", now, now]);
      const s = r.sentence;
      judgments.push([judgmentId, `a:${assignmentId}`, "RATER", "SUBMITTED", itemId, input.raterIds[ri], assignmentId,
        s?.accuracy ?? null, s?.fluency ?? null, s?.prosody ?? null, s?.completeness ?? null, s?.total ?? null, now, now]);
      r.words?.forEach((w, wi) => {
        wordScores.push([newId(), judgmentId, wordIds[wi], w.accuracy, w.stress, w.total, w.inserted]);
        w.phones.forEach((p, pi) => phoneScores.push([newId(), judgmentId, phoneIds[wi][pi], p.score]));
      });
    });

    if (u.published) {
      const p = u.published;
      const judgmentId = newId();
      // scores.json writes completeness ×10; the rubric (and every rater) uses 0-1.
      judgments.push([judgmentId, `c:${itemId}:published`, "PUBLISHED_CONSENSUS", "SUBMITTED", itemId, null, null,
        p.accuracy, p.fluency, p.prosodic, Math.round(p.completeness * 1000) / 10000, p.total, now, now]);
      p.words.forEach((w, wi) => {
        wordScores.push([newId(), judgmentId, wordIds[wi], w.accuracy, w.stress, w.total, []]);
        w["phones-accuracy"].forEach((score, pi) => phoneScores.push([newId(), judgmentId, phoneIds[wi][pi], score]));
      });
    }
  }

  await bulkInsert(tx, "Item", ITEM, items);
  await bulkInsert(tx, "Word", WORD, words);
  await bulkInsert(tx, "Phone", PHONE, phones);
  await bulkInsert(tx, "Assignment", ASSIGNMENT, assignments);
  await bulkInsert(tx, "Judgment", JUDGMENT, judgments);
  await bulkInsert(tx, "WordScore", WORD_SCORE, wordScores);
  await bulkInsert(tx, "PhoneScore", PHONE_SCORE, phoneScores);
}
