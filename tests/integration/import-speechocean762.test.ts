import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtemp, writeFile, readFile, unlink, truncate, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { importSpeechocean762, expertName } from "@/lib/services/speechocean762/import";
import { TEST_DATABASES, openMigrated } from "../helpers/databases";
import { requireCorpus, miniCorpus, readJson } from "../helpers/corpus";

async function countAll(db: Db) {
  const p = db.prisma;
  return {
    datasets: await p.dataset.count(),
    items: await p.item.count(),
    words: await p.word.count(),
    phones: await p.phone.count(),
    judgments: await p.judgment.count(),
    wordScores: await p.wordScore.count(),
    phoneScores: await p.phoneScore.count(),
    users: await p.user.count(),
  };
}

async function expectRejected(db: Db, dir: string, match: { file?: string | RegExp; utterance?: string; field?: string | RegExp; message: RegExp }) {
  const before = await countAll(db);
  const err = await importSpeechocean762(db, { dir, dataset: `bad-${Math.random().toString(36).slice(2, 8)}` }).then(
    () => null,
    (e) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const problems = (err as AppError).problems;
  const hit = problems.find(
    (p) =>
      match.message.test(p.message) &&
      (match.file === undefined || (typeof match.file === "string" ? p.file === match.file : match.file.test(p.file ?? ""))) &&
      (match.utterance === undefined || p.utterance === match.utterance) &&
      (match.field === undefined || (typeof match.field === "string" ? p.field === match.field : match.field.test(p.field ?? ""))),
  );
  expect(hit, `no problem matching ${JSON.stringify({ ...match, message: String(match.message) })} in ${JSON.stringify(problems)}`).toBeTruthy();
  expect(await countAll(db)).toEqual(before); // nothing written
  return problems;
}

describe.each(TEST_DATABASES)("speechocean762 import on $name", (t) => {
  let db: Db;
  let corpus: string;
  beforeAll(async () => {
    process.env.ATTEST_DATA_DIR = await mkdtemp(path.join(tmpdir(), "attest-data-"));
    corpus = requireCorpus();
    db = await openMigrated(t);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("imports both splits with the counts of the corpus, then re-import is a no-op", async () => {
    const detail = await readJson(path.join(corpus, "resource/scores-detail.json"));
    const test = await importSpeechocean762(db, { dir: corpus, split: "test" });
    expect(test.items).toBe(548);
    expect(test.raters).toBe(5);
    const train = await importSpeechocean762(db, { dir: corpus, split: "train" });
    expect(train.items).toBe(1115);
    expect(await db.prisma.item.count({ where: { split: "test" } })).toBe(548);
    expect(await db.prisma.item.count({ where: { split: "train" } })).toBe(1115);
    const words = Object.values(detail).reduce((n: number, u: any) => n + u.words.length, 0);
    expect(await db.prisma.word.count()).toBe(words);
    expect(test.words + train.words).toBe(words);
    // Every (rater, item) pair here has word scores: 5 × 1663.
    expect(test.judgments + train.judgments).toBe(5 * 1663);

    const before = await countAll(db);
    const again = await importSpeechocean762(db, { dir: corpus, split: "all" });
    expect(again.new_items).toBe(0);
    expect(again.unchanged_items).toBe(1663);
    expect(await countAll(db)).toEqual(before);
  });

  it("stores each expert rater's values exactly as the JSON gives them", async () => {
    const detail = await readJson(path.join(corpus, "resource/scores-detail.json"));
    const utt = "000030012";
    const item = await db.prisma.item.findFirstOrThrow({ where: { uttId: utt }, include: { words: { orderBy: { index: "asc" } } } });
    for (let r = 0; r < 5; r++) {
      const rater = await db.prisma.user.findFirstOrThrow({ where: { name: expertName("speechocean762", r + 1) } });
      expect(rater.canSignIn).toBe(false);
      expect(rater.passwordHash).toBeNull();
      const j = await db.prisma.judgment.findFirstOrThrow({
        where: { itemId: item.id, raterId: rater.id },
        include: { wordScores: true, phoneScores: { include: { phone: true } } },
      });
      const d = detail[utt];
      expect(j.accuracy).toBe(d.accuracy[r] ?? null);
      expect(j.fluency).toBe(d.fluency[r] ?? null);
      expect(j.prosody).toBe(d.prosodic[r] ?? null);
      expect(j.completeness).toBe(d.completeness[r] ?? null);
      expect(j.total).toBe(d.total[r] ?? null);
      item.words.forEach((w, wi) => {
        const ws = j.wordScores.find((s) => s.wordId === w.id)!;
        expect([ws.accuracy, ws.stress, ws.total]).toEqual([d.words[wi].accuracy[r], d.words[wi].stress[r], d.words[wi].total[r]]);
      });
      // "M AA0 {R} K" for rater 3 of MARK: R scored 1.
      const mark = j.phoneScores.filter((p) => p.phone.wordId === item.words[0].id).sort((a, b) => a.phone.index - b.phone.index);
      const expected = d.words[0].phones[r].split(" ").map((tok: string) => (tok.startsWith("{") ? 1 : tok.startsWith("(") ? 0 : 2));
      expect(mark.map((p) => p.score)).toEqual(expected);
    }
  });

  it("keeps a missing fifth sentence rating missing, not zero", async () => {
    const detail = await readJson(path.join(corpus, "resource/scores-detail.json"));
    const [utt] = Object.entries(detail).find(([, v]: [string, any]) => v.accuracy.length === 4)!;
    const item = await db.prisma.item.findFirstOrThrow({ where: { uttId: utt } });
    const fifth = await db.prisma.user.findFirstOrThrow({ where: { name: expertName("speechocean762", 5) } });
    const j = await db.prisma.judgment.findFirstOrThrow({ where: { itemId: item.id, raterId: fifth.id }, include: { wordScores: true } });
    expect([j.accuracy, j.fluency, j.prosody, j.completeness, j.total]).toEqual([null, null, null, null, null]);
    expect(j.wordScores.length).toBe(detail[utt].words.length); // the word ratings are there
    const published = await db.prisma.judgment.findFirstOrThrow({ where: { itemId: item.id, kind: "PUBLISHED_CONSENSUS" } });
    const pub = (await readJson(path.join(corpus, "resource/scores.json")))[utt];
    expect(published.accuracy).toBe(pub.accuracy);
    expect(published.completeness! * 10).toBeCloseTo(pub.completeness, 6);
  });

  it("stores the audio content-addressed with its duration and sample rate", async () => {
    const item = await db.prisma.item.findFirstOrThrow({ where: { uttId: "000030012" } });
    expect(item.sampleRate).toBe(16000);
    expect(item.channels).toBe(1);
    expect(item.durationSec).toBeGreaterThan(0.5);
    const s = await stat(path.join(process.env.ATTEST_DATA_DIR!, "audio", item.audioSha256.slice(0, 2), `${item.audioSha256}.wav`));
    expect(s.size).toBe(item.audioBytes);
  });

  describe("rejects bad input with the place named and nothing written", () => {
    let mini: string;
    let first: string;
    let wavRel: string;
    beforeAll(async () => {
      mini = await miniCorpus(4);
      const line = (await readFile(path.join(mini, "test/wav.scp"), "utf8")).split("\n")[0];
      [first, wavRel] = line.split("\t");
    });
    const fresh = async () => {
      const dir = await miniCorpus(4);
      return dir;
    };

    it("a truncated WAV", async () => {
      const dir = await fresh();
      const f = path.join(dir, wavRel);
      await truncate(f, (await stat(f)).size - 1001);
      await expectRejected(db, dir, { file: wavRel, utterance: first, field: "audio", message: /truncated/ });
    });
    it("a WAV that is not audio", async () => {
      const dir = await fresh();
      await writeFile(path.join(dir, wavRel), "this is a text file, not a recording\n".repeat(20));
      await expectRejected(db, dir, { file: wavRel, utterance: first, message: /not a RIFF\/WAVE/ });
    });
    it("a missing audio file", async () => {
      const dir = await fresh();
      await unlink(path.join(dir, wavRel));
      await expectRejected(db, dir, { file: wavRel, utterance: first, message: /ENOENT/ });
    });
    it("a score out of range", async () => {
      const dir = await fresh();
      const f = path.join(dir, "resource/scores-detail.json");
      const d = await readJson(f);
      d[first].words[0].accuracy[2] = 11;
      await writeFile(f, JSON.stringify(d));
      await expectRejected(db, dir, { file: "resource/scores-detail.json", utterance: first, field: "words[0].accuracy[2]", message: /out of range.*0-10/ });
    });
    it("a word count mismatch", async () => {
      const dir = await fresh();
      const f = path.join(dir, "resource/scores-detail.json");
      const d = await readJson(f);
      d[first].words.pop();
      await writeFile(f, JSON.stringify(d));
      await expectRejected(db, dir, { utterance: first, field: "words", message: /word count mismatch/ });
    });
    it("malformed JSON, with its position", async () => {
      const dir = await fresh();
      const f = path.join(dir, "resource/scores-detail.json");
      const text = await readFile(f, "utf8");
      await writeFile(f, text.replace('"accuracy"', '"accuracy" 7,'));
      await expectRejected(db, dir, { file: "resource/scores-detail.json", message: /malformed JSON at line \d+ column \d+/ });
    });
    it("a folder that does not exist", async () => {
      await expect(importSpeechocean762(db, { dir: path.join(mini, "nope") })).rejects.toThrow(/is not a folder/);
    });
  });
});
