// Web uploads for `import audio` at the service level: files streamed to disk within limits, zips
// unpacked, a validation report before anything is written, the import as a job.
import { describe, it, expect, beforeAll, afterAll, afterEach } from "vitest";
import { mkdtemp, readFile, writeFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createUpload, saveUploadFile, validateUpload, startUploadImport, uploadFilesDir } from "@/lib/services/uploads";
import { runJob } from "@/lib/jobs/run-job";
import "@/lib/jobs/handlers";
import { TEST_DATABASES, openMigrated } from "../helpers/databases";
import { requireFfmpeg, writeFormatFixtures } from "../helpers/audio-formats";
import { writeZip } from "../helpers/zip";

const researcher = { id: "00000000-0000-7000-8000-000000000001", role: "researcher" as const };
const other = { id: "00000000-0000-7000-8000-000000000002", role: "researcher" as const };
const rater = { id: "00000000-0000-7000-8000-000000000003", role: "rater" as const };

const stream = (b: Uint8Array) => new Blob([new Uint8Array(b)]).stream() as ReadableStream<Uint8Array>;
let fx: Awaited<ReturnType<typeof writeFormatFixtures>>;
let zipPath: string;

beforeAll(async () => {
  requireFfmpeg();
  const dir = await mkdtemp(path.join(tmpdir(), "attest-upload-fx-"));
  fx = await writeFormatFixtures(dir);
  zipPath = path.join(dir, "lab.zip");
  const manifest = "file,text,speaker\naudio/a.wav,hello world,s1\naudio/b.flac,we call it bear,s1\naudio/c.mp3,the zorblax sings,s2\naudio/d.opus,good morning,s2\naudio/e.ogg,one two three,s3\n";
  await writeZip(zipPath, [
    { name: "lab/manifest.csv", data: Buffer.from(manifest) },
    { name: "lab/audio/a.wav", data: await readFile(fx.wav) },
    { name: "lab/audio/b.flac", data: await readFile(fx.flac) },
    { name: "lab/audio/c.mp3", data: await readFile(fx.mp3) },
    { name: "lab/audio/d.opus", data: await readFile(fx.opus) },
    { name: "lab/audio/e.ogg", data: await readFile(fx.ogg) },
    { name: "__MACOSX/lab/._manifest.csv", data: Buffer.from("junk") },
  ]);
});

afterEach(() => {
  delete process.env.ATTEST_UPLOAD_MAX_FILE_MB;
  delete process.env.ATTEST_UPLOAD_MAX_TOTAL_MB;
  delete process.env.ATTEST_UPLOAD_MAX_FILES;
});

describe.each(TEST_DATABASES)("uploads on $name", (t) => {
  let db: Db;
  beforeAll(async () => {
    process.env.ATTEST_DATA_DIR = await mkdtemp(path.join(tmpdir(), "attest-data-"));
    db = await openMigrated(t);
    for (const u of [researcher, other, rater]) await db.prisma.user.create({ data: { id: u.id, email: `${u.id}@x.org`, role: u.role.toUpperCase() as "RESEARCHER" } });
  });
  afterAll(async () => db?.close());

  it("a zip of mixed formats: unpacked, reported before anything is written, imported as a job", async () => {
    const { id } = await createUpload(researcher);
    const saved = await saveUploadFile(researcher, id, "lab.zip", stream(await readFile(zipPath)));
    expect(saved.files.sort()).toEqual(["lab/audio/a.wav", "lab/audio/b.flac", "lab/audio/c.mp3", "lab/audio/d.opus", "lab/audio/e.ogg", "lab/manifest.csv"]);
    expect((await readdir(await uploadFilesDir(researcher, id))).sort()).toEqual(["lab"]); // the zip itself is not kept

    const report = await validateUpload(db, researcher, id, "uploaded");
    expect(report).toMatchObject({ dataset: "uploaded", items: 5, words: 14, oov_words: ["zorblax"], problems: [], files: 6 });
    expect(await db.prisma.item.count()).toBe(0);

    const { job } = await startUploadImport(db, researcher, id, "uploaded");
    const progress: number[] = [];
    const r = await runJob(db, job, { onProgress: (d) => progress.push(d) });
    expect(r).toMatchObject({ status: "SUCCEEDED", result: { dataset: "uploaded", items: 5, problems: [] } });
    expect(progress.length).toBeGreaterThan(0);
    expect((await db.prisma.item.findMany({ select: { originalFormat: true } })).map((i) => i.originalFormat).sort()).toEqual(["flac", "mp3", "opus", "vorbis", "wav"]);
  });

  it("files one by one; the report lists each problem by file and line", async () => {
    const { id } = await createUpload(researcher);
    await saveUploadFile(researcher, id, "m.csv", stream(Buffer.from("file,text\nx.flac,fine\nmissing.wav,gone\nbad.mp3,not audio\n")));
    await saveUploadFile(researcher, id, "x.flac", stream(await readFile(fx.flac)));
    await saveUploadFile(researcher, id, "bad.mp3", stream(Buffer.from("no audio here, just words")));
    const report = await validateUpload(db, researcher, id, "uploaded-bad");
    expect(report.items).toBe(0);
    expect(report.problems.map((p) => [p.file, p.line, p.field])).toEqual([["m.csv", 3, "file"]]);
    expect(report.problems[0].message).toBe("missing.wav: no such file (looked for missing.wav)");
    await saveUploadFile(researcher, id, "missing.wav", stream(await readFile(fx.wav)));
    const again = await validateUpload(db, researcher, id, "uploaded-bad");
    expect(again.problems.map((p) => [p.file, p.line, p.field])).toEqual([["m.csv", 4, "file"]]);
    expect(again.problems[0].message).toMatch(/bad\.mp3 cannot be decoded/);
    expect(await db.prisma.dataset.findUnique({ where: { name: "uploaded-bad" } })).toBeNull();
  });

  it("limits: a file over ATTEST_UPLOAD_MAX_FILE_MB or an upload over ATTEST_UPLOAD_MAX_TOTAL_MB is refused (413) and not kept", async () => {
    const { id } = await createUpload(researcher);
    process.env.ATTEST_UPLOAD_MAX_FILE_MB = "0.05"; // 52 kB
    const big = new Uint8Array(80_000);
    const err = await saveUploadFile(researcher, id, "big.wav", stream(big)).then(() => null, (e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).httpStatus).toBe(413);
    expect((err as AppError).message).toMatch(/ATTEST_UPLOAD_MAX_FILE_MB/);
    process.env.ATTEST_UPLOAD_MAX_TOTAL_MB = "0.06";
    await saveUploadFile(researcher, id, "one.bin", stream(new Uint8Array(40_000)));
    const err2 = (await saveUploadFile(researcher, id, "two.bin", stream(new Uint8Array(40_000))).then(() => null, (e) => e)) as AppError;
    expect(err2.message).toMatch(/ATTEST_UPLOAD_MAX_TOTAL_MB/);
    process.env.ATTEST_UPLOAD_MAX_FILES = "1";
    const err3 = (await saveUploadFile(researcher, id, "three.bin", stream(new Uint8Array(10))).then(() => null, (e) => e)) as AppError;
    expect(err3.message).toMatch(/ATTEST_UPLOAD_MAX_FILES/);
    expect(await readdir(await uploadFilesDir(researcher, id))).toEqual(["one.bin"]);
  });

  it("an upload is its owner's: raters may not upload, another researcher finds nothing; names cannot escape the folder", async () => {
    await expect(createUpload(rater)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { id } = await createUpload(researcher);
    await expect(saveUploadFile(other, id, "x.csv", stream(Buffer.from("a")))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(validateUpload(db, other, id, "x")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(uploadFilesDir(researcher, "../../etc")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const s = await saveUploadFile(researcher, id, "../../evil.csv", stream(Buffer.from("a")));
    expect(s.files).toEqual(["evil.csv"]);
    expect(await readdir(await uploadFilesDir(researcher, id))).toEqual(["evil.csv"]);
    const report = await validateUpload(db, researcher, id, "bad name!");
    expect(report.problems[0]).toMatchObject({ field: "dataset" });
    await writeFile(path.join(await uploadFilesDir(researcher, id), "junk.zip"), "x");
    await expect(saveUploadFile(researcher, id, "junk.zip", stream(Buffer.from("not a zip")))).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});
