// Faults: the disk refuses an import's audio, for real, on the real filesystem (we run as root, so
// permissions would not stop the write: the obstacles are a file where a folder must go, and a
// folder where a recording must go, which fail the mkdir or the rename after the temporary file
// was written). The import must report which recording failed, leave no row and no partial or
// temporary file behind (recordings stored before the failure are whole, content-addressed files),
// and import everything exactly once when rerun after the obstacle is gone. Temporary files that a
// killed import left are cleared by the next one.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { audioPath } from "@/lib/audio/audio-store";
import { openDatabase, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { miniCorpus } from "../helpers/corpus";

const N = 4;
const DATASET = "diskfault";
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

interface Obstacle {
  name: string;
  /** Puts the obstacle in place for the recording that is written last; returns how to remove it. */
  place(dataDir: string, lastSha: string): Promise<() => Promise<void>>;
  error: RegExp;
  /** Recordings stored before the failure. */
  storedBefore: number;
}

const OBSTACLES: Obstacle[] = [
  {
    name: "a file where the audio folder must go (mkdir fails: ENOTDIR)",
    async place(dataDir) {
      const file = path.join(dataDir, "audio");
      await writeFile(file, "not a folder");
      return () => rm(file);
    },
    error: /ENOTDIR|not a directory/,
    storedBefore: 0,
  },
  {
    name: "a folder where the last recording must go (the temporary file is written, then the rename fails: EISDIR)",
    async place(dataDir, lastSha) {
      const dir = audioPath(lastSha, dataDir);
      await mkdir(dir, { recursive: true });
      return () => rm(dir, { recursive: true });
    },
    error: /EISDIR|is a directory/,
    storedBefore: N - 1,
  },
];

/** Every file under `root`, relative, or [] when root is not a folder. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

describe.each(OBSTACLES)("an import whose audio write fails: $name", (obstacle) => {
  let dataDir: string;
  let db: Db;
  let corpus: string;
  let shas: string[]; // in import order (the order of test/text)
  const savedDataDir = process.env.ATTEST_DATA_DIR;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "attest-diskfault-"));
    process.env.ATTEST_DATA_DIR = dataDir;
    db = await openDatabase({ kind: "pglite", dir: path.join(dataDir, "pglite") });
    await db.migrate();
    corpus = await miniCorpus(N, "test");
    const text = (await readFile(path.join(corpus, "test/text"), "utf8")).trim().split("\n").map((l) => l.split("\t")[0]);
    const scp = new Map((await readFile(path.join(corpus, "test/wav.scp"), "utf8")).trim().split("\n").map((l) => l.split("\t") as [string, string]));
    shas = await Promise.all(text.map(async (utt) => sha256(await readFile(path.join(corpus, scp.get(utt)!)))));
    expect(new Set(shas).size).toBe(N);
  });
  afterAll(async () => {
    await db?.close();
    process.env.ATTEST_DATA_DIR = savedDataDir;
  });

  const rows = async () => {
    const inDataset = { item: { dataset: { name: DATASET } } };
    return {
      datasets: await db.prisma.dataset.count({ where: { name: DATASET } }),
      items: await db.prisma.item.count({ where: { dataset: { name: DATASET } } }),
      words: await db.prisma.word.count({ where: inDataset }),
      phones: await db.prisma.phone.count({ where: inDataset }),
      judgments: await db.prisma.judgment.count({ where: inDataset }),
      experts: await db.prisma.user.count({ where: { email: { startsWith: `${DATASET}-expert-` } } }),
    };
  };

  /** The audio folder holds only whole recordings, named by the hash of their content. */
  const expectOnlyWholeRecordings = async (): Promise<string[]> => {
    const audioDir = path.join(dataDir, "audio");
    const files = await filesUnder(audioDir);
    for (const f of files) {
      expect(f, "no temporary or stray file").toMatch(/^[0-9a-f]{2}\/[0-9a-f]{64}\.wav$/);
      const content = await readFile(path.join(audioDir, f));
      expect(sha256(content), `${f} is whole`).toBe(path.basename(f, ".wav"));
    }
    return files.map((f) => path.basename(f, ".wav")).sort();
  };

  it("reports which recording failed and leaves no record, no partial and no temporary file", async () => {
    const remove = await obstacle.place(dataDir, shas[N - 1]);
    let stored = 0;
    const err = await importSpeechocean762(db, {
      dir: corpus,
      dataset: DATASET,
      split: "test",
      onProgress: (stage, done) => void (stage === "audio" && (stored = done)),
    })
      .catch((e: unknown) => e)
      .finally(remove);

    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.message).toMatch(obstacle.error);
    expect(e.message).toMatch(/no records were written/);
    const failedUtt = (await readFile(path.join(corpus, "test/text"), "utf8")).trim().split("\n")[obstacle.storedBefore].split("\t")[0];
    expect(e.problems).toEqual([expect.objectContaining({ utterance: failedUtt, field: "audio", message: expect.stringMatching(obstacle.error) })]);

    expect(await rows()).toEqual({ datasets: 0, items: 0, words: 0, phones: 0, judgments: 0, experts: 0 });
    expect(stored).toBe(obstacle.storedBefore);
    expect(await expectOnlyWholeRecordings()).toEqual(shas.slice(0, obstacle.storedBefore).sort());
  });

  it("imports everything exactly once when rerun after the obstacle is gone", async () => {
    const first = await importSpeechocean762(db, { dir: corpus, dataset: DATASET, split: "test" });
    expect(first).toMatchObject({ items: N, new_items: N, unchanged_items: 0 });
    const after = await rows();
    expect(after).toMatchObject({ datasets: 1, items: N, words: first.words, phones: first.phones, experts: first.raters });
    expect(after.judgments).toBe(first.judgments + N); // the experts' and the published consensus
    const items = await db.prisma.item.findMany({ where: { dataset: { name: DATASET } }, select: { uttId: true, audioSha256: true } });
    expect(new Set(items.map((i) => i.uttId)).size).toBe(N);
    expect(items.map((i) => i.audioSha256).sort()).toEqual([...shas].sort());
    expect(await expectOnlyWholeRecordings()).toEqual([...shas].sort());

    const again = await importSpeechocean762(db, { dir: corpus, dataset: DATASET, split: "test" });
    expect(again).toMatchObject({ new_items: 0, unchanged_items: N });
    expect(await rows()).toEqual(after);
  });
});

describe("temporary audio files left by a killed import", () => {
  it("are removed by the next import, while a running writer's are left alone", async () => {
    const savedDataDir = process.env.ATTEST_DATA_DIR;
    const dataDir = await mkdtemp(path.join(tmpdir(), "attest-audiotmp-"));
    process.env.ATTEST_DATA_DIR = dataDir;
    // The pid of a process that has exited, as a SIGKILLed importer's would be.
    const dead = Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString());
    const sha = "ab" + "c".repeat(62);
    const dir = path.join(dataDir, "audio", "ab");
    await mkdir(dir, { recursive: true });
    const deadTmp = path.join(dir, `${sha}.wav.${dead}.1700000000000.tmp`);
    const liveTmp = path.join(dir, `${sha}.wav.${process.pid}.1700000000001.tmp`);
    await writeFile(deadTmp, "half a recording");
    await writeFile(liveTmp, "being written right now");
    const db = await openDatabase({ kind: "pglite", dir: path.join(dataDir, "pglite") });
    try {
      await db.migrate();
      await importSpeechocean762(db, { dir: await miniCorpus(2, "test"), dataset: "sweep", split: "test" });
      const left = await filesUnder(path.join(dataDir, "audio"));
      expect(left.filter((f) => f.endsWith(".tmp"))).toEqual([path.relative(path.join(dataDir, "audio"), liveTmp)]);
      expect(left.filter((f) => f.endsWith(".wav"))).toHaveLength(2);
    } finally {
      await db.close();
      process.env.ATTEST_DATA_DIR = savedDataDir;
    }
  });
});
