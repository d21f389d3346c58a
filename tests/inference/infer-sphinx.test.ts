// The infer job on a built-in bundle over the Sphinx acoustic model: each speaker's VTLN warp is
// chosen once (audio and text of the speaker's first recordings), stored in SpeakerWarp and reused
// by later runs; the stored alignment says it comes from the Sphinx model and is estimated, its
// phone spans in order inside the recording.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { runInference } from "@/lib/inference/run-inference";
import { writeTinyBundle } from "@/lib/inference/testing/tiny-bundle";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { miniCorpus } from "../helpers/corpus";
import { openMigrated, TEST_DATABASES } from "../helpers/databases";

describe.each(TEST_DATABASES)("infer with the Sphinx acoustic model on $name", (t) => {
  let db: Db;
  beforeAll(async () => {
    process.env.ATTEST_DATA_DIR ??= await mkdtemp(path.join(tmpdir(), "attest-infer-sphinx-"));
    db = await openMigrated(t);
    await importSpeechocean762(db, { dir: await miniCorpus(2, "test"), dataset: "mini", split: "test" });
    const bundle = await writeTinyBundle(await mkdtemp(path.join(tmpdir(), "attest-tiny-sphinx-")), "tinysphinx", 3, "sphinx");
    await db.prisma.modelVersion.create({ data: { name: "tinysphinx", kind: "BUILTIN", config: { bundle } } });
  });
  afterAll(async () => db?.close());

  it("chooses each speaker's warp once, stores it, and reuses it", async () => {
    const messages: string[] = [];
    const r = await runInference(db, { dataset: "mini", model: "tinysphinx" }, { progress: (_d, _n, msg) => void (msg && messages.push(msg)) });
    expect(r).toMatchObject({ items: 2, predicted: 2 });
    expect(messages.some((m) => m.startsWith("speaker warps (VTLN)"))).toBe(true);
    const speakers = new Set((await db.prisma.item.findMany()).map((i) => i.speakerId));
    const warps = await db.prisma.speakerWarp.findMany();
    expect(warps).toHaveLength(speakers.size);
    for (const w of warps) {
      expect(w.acoustic).toBe("sphinx-en-us");
      expect(w.warp).toBeGreaterThanOrEqual(0.65);
      expect(w.warp).toBeLessThanOrEqual(1.75);
      expect(w.utterances).toBeGreaterThan(0);
    }
    const al = await db.prisma.alignment.findMany({ include: { spans: { include: { phone: true } } } });
    expect(al).toHaveLength(2);
    for (const a of al) {
      expect(a.estimated).toBe(true);
      expect(a.label).toMatch(/Sphinx en-us/);
      const ph = a.spans.filter((s) => s.phone).sort((x, y) => x.phone!.position - y.phone!.position);
      for (let i = 1; i < ph.length; i++) expect(ph[i].startSec).toBeGreaterThanOrEqual(ph[i - 1].endSec - 1e-9);
      expect(ph.every((s) => s.endSec - s.startSec >= 0.03 - 1e-9)).toBe(true);
    }
    // A later run (here: predictions removed) reads the stored warps back instead of choosing again.
    await db.prisma.prediction.deleteMany();
    const again: string[] = [];
    await runInference(db, { dataset: "mini", model: "tinysphinx" }, { progress: (_d, _n, msg) => void (msg && again.push(msg)) });
    expect(again.some((m) => m.startsWith("speaker warps (VTLN)"))).toBe(false);
    const after = await db.prisma.speakerWarp.findMany();
    expect(after.map((w) => [w.speakerId, w.warp, w.createdAt.getTime()])).toEqual(warps.map((w) => [w.speakerId, w.warp, w.createdAt.getTime()]));
  });
});
