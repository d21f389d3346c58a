// `import audio`: a lab's own recordings from a manifest, on PGlite and PostgreSQL, with fixtures of
// every accepted format generated in setup; bad input rejects the whole import and writes nothing.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtemp, writeFile, readdir, stat, copyFile, mkdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { importAudio, AudioImportRejected } from "@/lib/services/audio-import/import";
import { audioPath } from "@/lib/audio/audio-store";
import { originalPath } from "@/lib/services/audio-import/original-path";
import { decodeWav } from "@/lib/audio/decode-wav";
import { SPEECHOCEAN762_RUBRIC } from "@/lib/rubric/rubric";
import { TEST_DATABASES, openMigrated } from "../helpers/databases";
import { requireFfmpeg, writeFormatFixtures } from "../helpers/audio-formats";
import { runCli } from "../helpers/cli";

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      if (e.isDirectory()) await walk(path.join(d, e.name));
      else out.push(path.join(d, e.name));
    }
  };
  await walk(dir);
  return out.sort();
}

const counts = async (db: Db) => ({
  datasets: await db.prisma.dataset.count(),
  items: await db.prisma.item.count(),
  words: await db.prisma.word.count(),
  phones: await db.prisma.phone.count(),
});

let fixtures: Awaited<ReturnType<typeof writeFormatFixtures>>;
let dir: string;

beforeAll(async () => {
  requireFfmpeg();
  dir = await mkdtemp(path.join(tmpdir(), "attest-audio-fixtures-"));
  fixtures = await writeFormatFixtures(dir);
  await writeFile(path.join(dir, "broken.mp3"), Buffer.from("this is not audio at all, only text pretending to be an mp3 file"));
  // A real Ogg header cut short: recognised as Opus, but with nothing decodable after it.
  const opus = await readFile(fixtures.opus);
  await writeFile(path.join(dir, "cut.opus"), opus.subarray(0, 60));
  await writeFile(
    path.join(dir, "good.csv"),
    [
      "file,text,id,speaker,split,age,gender,l1",
      "tone.wav,\"Hello, world!\",w1,s1,train,12,f,zh",
      "tone.flac,We call it bear,f1,s1,train,12,f,zh",
      "tone.mp3,The zorblax sings,m1,s2,test,,m,",
      "tone.opus,Quixotrix is here,o1,s2,test,,,",
      "tone.ogg,one two three,v1,s3,,9,,",
    ].join("\n") + "\n",
  );
});

describe.each(TEST_DATABASES)("import audio on $name", (t) => {
  let db: Db;
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "attest-data-"));
    db = await openMigrated(t);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("imports WAV, FLAC, MP3, Opus and Vorbis: originals for playback, 16 kHz mono for models, CMU phones and estimated OOV phones", async () => {
    const progress: string[] = [];
    const s = await importAudio(db, { manifest: path.join(dir, "good.csv"), dataset: "lab", root, onProgress: (stage) => progress.push(stage) });
    expect(Object.keys(s).sort()).toEqual(["dataset", "items", "oov_words", "phones", "problems", "seconds", "words"]);
    expect(s).toMatchObject({ dataset: "lab", items: 5, words: 15, problems: [] });
    expect(s.oov_words).toEqual(["zorblax", "Quixotrix"]);
    expect(new Set(progress)).toEqual(new Set(["read", "decode", "store", "write"]));

    const items = await db.prisma.item.findMany({ where: { dataset: { name: "lab" } }, include: { words: { orderBy: { index: "asc" } }, phones: true }, orderBy: { uttId: "asc" } });
    expect(items.map((i) => [i.uttId, i.originalFormat])).toEqual([["f1", "flac"], ["m1", "mp3"], ["o1", "opus"], ["v1", "vorbis"], ["w1", "wav"]]);
    expect(items.reduce((n, i) => n + i.phones.length, 0)).toBe(s.phones);
    for (const it of items) {
      // What the models read: 16 kHz mono 16-bit, about as long as the 1.5 s source.
      const wav = decodeWav(await readFile(audioPath(it.audioSha256, root)));
      expect([wav.sampleRate, wav.channels, wav.info.bitsPerSample]).toEqual([16000, 1, 16]);
      expect(Math.abs(wav.samples.length / 16000 - 1.5)).toBeLessThan(0.1);
      expect(it.durationSec).toBeCloseTo(wav.samples.length / 16000, 3);
      expect([it.sampleRate, it.channels, it.bitsPerSample]).toEqual([16000, 1, 16]);
      // What people hear: the file as uploaded, byte for byte.
      const src = await readFile(path.join(dir, it.audioSource!.split("/").pop()!));
      expect(await readFile(originalPath(it.originalSha256!, it.originalFormat as never, root))).toEqual(src);
      expect(it.originalBytes).toBe(src.length);
    }
    const w1 = items.find((i) => i.uttId === "w1")!;
    expect(w1).toMatchObject({ text: "Hello, world!", speakerId: "s1", split: "train", speakerAge: 12, speakerGender: "f", speakerL1: "zh" });
    expect(w1.words.map((w) => [w.text, w.canonicalPhones, w.estimated])).toEqual([["HELLO", "HH AH0 L OW1", false], ["WORLD", "W ER1 L D", false]]);
    const m1 = items.find((i) => i.uttId === "m1")!;
    const zorblax = m1.words.find((w) => w.text === "ZORBLAX")!;
    expect(zorblax.estimated).toBe(true);
    expect(zorblax.canonicalPhones).toMatch(/^Z /);
    expect(items.find((i) => i.uttId === "v1")).toMatchObject({ split: "test", speakerId: "s3", speakerL1: null });
    const ds = await db.prisma.dataset.findUniqueOrThrow({ where: { name: "lab" } });
    expect(ds.sourceFormat).toBe("audio-manifest");
    expect((ds.rubric as { name: string }).name).toBe("speechocean762");
    expect(await filesUnder(path.join(root, "audio-staging"))).toEqual([]);
  });

  it("a rerun imports nothing twice", async () => {
    const before = await counts(db);
    const files = await filesUnder(path.join(root, "audio"));
    const s = await importAudio(db, { manifest: path.join(dir, "good.csv"), dataset: "lab", root });
    expect(s).toMatchObject({ items: 5, problems: [] });
    expect(await counts(db)).toEqual(before);
    expect(await filesUnder(path.join(root, "audio"))).toEqual(files);
  });

  it("a missing file, an undecodable file and an empty text reject the whole import, naming file and line; nothing is written; the fixed manifest then imports once", async () => {
    const manifest = path.join(dir, "bad.csv");
    await writeFile(
      manifest,
      ["file,text", "tone.wav,fine words here", "missing.flac,where is it", "broken.mp3,not audio", "cut.opus,cut short", "tone.ogg,   ", "tone.flac,also fine"].join("\n") + "\n",
    );
    const before = await counts(db);
    const files = await filesUnder(root);
    const err = await importAudio(db, { manifest, dataset: "lab-bad", root }).then(() => null, (e) => e);
    expect(err).toBeInstanceOf(AudioImportRejected);
    const rej = err as AudioImportRejected;
    expect(rej.summary).toMatchObject({ dataset: "lab-bad", items: 0, words: 0, phones: 0, oov_words: [] });
    const where = rej.problems.map((p) => [p.file, p.line, p.field]);
    expect(where).toEqual([
      [manifest, 3, "file"],
      [manifest, 6, "text"],
    ]);
    expect(rej.problems[0].message).toMatch(/missing\.flac: no such file/);
    expect(rej.problems[1].message).toMatch(/empty/);
    expect(await counts(db)).toEqual(before);
    expect(await filesUnder(root)).toEqual(files);

    // Files present and texts fine: now the decoder finds the two that are not audio.
    await writeFile(manifest, ["file,text", "tone.wav,fine words here", "broken.mp3,not audio", "cut.opus,cut short", "tone.flac,also fine"].join("\n") + "\n");
    const err2 = (await importAudio(db, { manifest, dataset: "lab-bad", root }).then(() => null, (e) => e)) as AudioImportRejected;
    expect(err2).toBeInstanceOf(AudioImportRejected);
    expect(err2.problems.map((p) => [p.file, p.line, p.field])).toEqual([
      [manifest, 3, "file"],
      [manifest, 4, "file"],
    ]);
    expect(err2.problems[0].message).toMatch(/broken\.mp3 cannot be decoded/);
    expect(err2.problems[1].message).toMatch(/cut\.opus cannot be decoded/);
    expect(await counts(db)).toEqual(before);
    expect(await filesUnder(root)).toEqual(files);

    await writeFile(manifest, ["file,text", "tone.wav,fine words here", "tone.flac,also fine"].join("\n") + "\n");
    const ok = await importAudio(db, { manifest, dataset: "lab-bad", root });
    expect(ok).toMatchObject({ items: 2, words: 5, problems: [] });
    await importAudio(db, { manifest, dataset: "lab-bad", root });
    expect((await counts(db)).items).toBe(before.items + 2);
  });

  it("validateOnly reports what an import would do and writes nothing", async () => {
    const before = await counts(db);
    const files = await filesUnder(root);
    const s = await importAudio(db, { manifest: path.join(dir, "good.csv"), dataset: "lab-dry", root, validateOnly: true });
    expect(s).toMatchObject({ dataset: "lab-dry", items: 5, words: 15, oov_words: ["zorblax", "Quixotrix"], problems: [] });
    expect(await counts(db)).toEqual(before);
    expect(await filesUnder(root)).toEqual(files);
  });

  it("a changed recording under an imported id is refused", async () => {
    const manifest = path.join(dir, "changed.csv");
    await writeFile(manifest, "file,text,id\ntone.mp3,The zorblax sings,w1\n");
    const err = (await importAudio(db, { manifest, dataset: "lab", root }).then(() => null, (e) => e)) as AudioImportRejected;
    expect(err).toBeInstanceOf(AudioImportRejected);
    expect(err.problems[0]).toMatchObject({ file: manifest, line: 2, field: "id" });
    expect(err.problems[0].message).toMatch(/already in dataset lab/);
  });

  it("reads JSONL, TSV and a Hugging Face audiofolder; files relative to --audio-root", async () => {
    const jsonl = path.join(dir, "m.jsonl");
    await writeFile(jsonl, [JSON.stringify({ file: "tone.flac", text: "hello there", speaker: "a", age: 30 }), "", JSON.stringify({ file: "tone.opus", text: "bye now", id: "bye" })].join("\n"));
    expect(await importAudio(db, { manifest: jsonl, dataset: "lab-jsonl", root })).toMatchObject({ items: 2, words: 4, problems: [] });
    expect((await db.prisma.item.findFirstOrThrow({ where: { uttId: "tone", dataset: { name: "lab-jsonl" } } })).speakerAge).toBe(30);

    const other = await mkdtemp(path.join(tmpdir(), "attest-manifest-"));
    const tsv = path.join(other, "m.tsv");
    await writeFile(tsv, "file\ttext\tspeaker\ntone.mp3\tgood morning\tx\ntone.ogg\tgood night\tx\n");
    const noRoot = (await importAudio(db, { manifest: tsv, dataset: "lab-tsv", root }).then(() => null, (e) => e)) as AudioImportRejected;
    expect(noRoot.problems.map((p) => p.line)).toEqual([2, 3]);
    expect(await importAudio(db, { manifest: tsv, dataset: "lab-tsv", audioRoot: dir, root })).toMatchObject({ items: 2, words: 4, problems: [] });

    const folder = await mkdtemp(path.join(tmpdir(), "attest-audiofolder-"));
    await mkdir(path.join(folder, "data"));
    await copyFile(fixtures.wav, path.join(folder, "data", "a.wav"));
    await copyFile(fixtures.mp3, path.join(folder, "data", "b.mp3"));
    await writeFile(path.join(folder, "metadata.csv"), "file_name,text,gender\ndata/a.wav,first one,f\ndata/b.mp3,second one,m\n");
    expect(await importAudio(db, { manifest: folder, dataset: "lab-hf", root })).toMatchObject({ items: 2, words: 4, problems: [] });
    const hf = await db.prisma.item.findMany({ where: { dataset: { name: "lab-hf" } }, orderBy: { uttId: "asc" } });
    expect(hf.map((i) => [i.uttId, i.speakerGender])).toEqual([["data_a", "f"], ["data_b", "m"]]);

    const folder2 = await mkdtemp(path.join(tmpdir(), "attest-audiofolder-"));
    await copyFile(fixtures.ogg, path.join(folder2, "c.ogg"));
    await writeFile(path.join(folder2, "metadata.jsonl"), `${JSON.stringify({ file_name: "c.ogg", text: "third one" })}\n`);
    expect(await importAudio(db, { manifest: folder2, dataset: "lab-hf2", root })).toMatchObject({ items: 1, problems: [] });
  });

  it("bad manifests: missing columns, invalid JSON, duplicate ids, bad age — each named by file and line", async () => {
    const cases: [string, string, { line?: number; field?: string; message: RegExp }][] = [
      ["nocol.csv", "path,text\ntone.wav,hi\n", { line: 1, message: /no column "file"/ }],
      ["badjson.jsonl", `${JSON.stringify({ file: "tone.wav", text: "hi" })}\n{oops\n`, { line: 2, message: /not valid JSON/ }],
      ["dup.csv", "file,text,id\ntone.wav,hi,x\ntone.flac,hi,x\n", { line: 3, field: "id", message: /also on line 2/ }],
      ["age.csv", "file,text,age\ntone.wav,hi,twelve\n", { line: 2, field: "age", message: /whole number/ }],
      ["nowords.csv", "file,text\ntone.wav,!!! ...\n", { line: 2, field: "text", message: /no words/ }],
      ["m.txt", "file,text\n", { message: /unknown manifest type/ }],
    ];
    for (const [name, body, want] of cases) {
      const f = path.join(dir, name);
      await writeFile(f, body);
      const before = await counts(db);
      const err = (await importAudio(db, { manifest: f, dataset: `lab-${name.replace(/\W/g, "")}`, root }).then(() => null, (e) => e)) as AudioImportRejected;
      expect(err, name).toBeInstanceOf(AudioImportRejected);
      expect(err.problems[0], name).toMatchObject({ file: f, ...(want.line ? { line: want.line } : {}), ...(want.field ? { field: want.field } : {}) });
      expect(err.problems[0].message, name).toMatch(want.message);
      expect(await counts(db)).toEqual(before);
    }
  });

  it("--rubric: a valid rubric JSON is stored as the dataset's rubric; an invalid one is refused with its fields", async () => {
    const good = path.join(dir, "rubric.json");
    await writeFile(good, JSON.stringify({ ...SPEECHOCEAN762_RUBRIC, name: "lab-rubric", consensus: "mean" }));
    const manifest = path.join(dir, "one.csv");
    await writeFile(manifest, "file,text\ntone.wav,hello\n");
    await importAudio(db, { manifest, dataset: "lab-rubric", rubricFile: good, root });
    const ds = await db.prisma.dataset.findUniqueOrThrow({ where: { name: "lab-rubric" } });
    expect(ds.rubric).toMatchObject({ name: "lab-rubric", consensus: "mean" });

    const bad = path.join(dir, "bad-rubric.json");
    await writeFile(bad, JSON.stringify({ ...SPEECHOCEAN762_RUBRIC, phone: { score: { min: 2, max: 0 } } }));
    const err = (await importAudio(db, { manifest, dataset: "lab-rubric2", rubricFile: bad, root }).then(() => null, (e) => e)) as AudioImportRejected;
    expect(err.problems[0]).toMatchObject({ file: bad, field: "phone.score" });
    expect(await db.prisma.dataset.findUnique({ where: { name: "lab-rubric2" } })).toBeNull();
  });
});

describe("npm run cli -- import audio", () => {
  it("prints exactly one JSON object with the contract's keys, progress on stderr; a rejection prints the same object with problems and exits 1", async () => {
    const data = await mkdtemp(path.join(tmpdir(), "attest-data-"));
    const ok = runCli(["import", "audio", path.join(dir, "good.csv"), "--dataset", "cli-lab", "--json"], { ATTEST_DATA_DIR: data });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout.trim().split("\n")).toHaveLength(1);
    expect(Object.keys(ok.json).sort()).toEqual(["dataset", "items", "oov_words", "phones", "problems", "seconds", "words"]);
    expect(ok.json).toMatchObject({ dataset: "cli-lab", items: 5, words: 15, oov_words: ["zorblax", "Quixotrix"], problems: [] });
    expect(ok.stderr).toMatch(/decode: 5\/5/);

    const bad = path.join(dir, "cli-bad.csv");
    await writeFile(bad, "file,text\ntone.wav,fine\nnope.wav,gone\n");
    const r = runCli(["import", "audio", bad, "--dataset", "cli-bad", "--json"], { ATTEST_DATA_DIR: data });
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.json).toMatchObject({ dataset: "cli-bad", items: 0, problems: [{ file: bad, line: 3, field: "file" }] });
    expect((await stat(data)).isDirectory()).toBe(true);
  });
});
