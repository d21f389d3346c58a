import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runCli } from "../helpers/cli";
import { miniCorpus } from "../helpers/corpus";
import { TEST_DATABASES, openMigrated } from "../helpers/databases";
import type { Db } from "@/lib/db/client";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { auditModel } from "@/lib/services/audit";
import { loadAuditItems } from "@/lib/services/audit-context";
import { auditOne } from "@/lib/services/audit-run";

const GRANS = ["sentence", "word", "phone"] as const;

describe("audit-file on the command line", () => {
  let env: NodeJS.ProcessEnv;
  let ids: string[];
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "attest-audit-cli-"));
    env = { ATTEST_DATA_DIR: dir, DATABASE_URL: "" } as unknown as NodeJS.ProcessEnv;
    const corpus = await miniCorpus(3);
    ids = (await readFile(path.join(corpus, "test/text"), "utf8")).split("\n").filter(Boolean).map((l) => l.split(/\s+/)[0]);
    const r = runCli(["import", "speechocean762", corpus, "--dataset", "mini", "--split", "test", "--json"], env);
    expect(r.status, r.stderr).toBe(0);
  });

  it("prints the contract: counts, rates per granularity, flags; bad lines are reported, not fatal", async () => {
    const first = (await readFile(path.join(__dirname, "../fixtures/audit-file/responses.jsonl"), "utf8")).replaceAll("{{UTT0}}", ids[0]).replaceAll("{{UTT1}}", ids[1]);
    const file = path.join(dir, "responses.jsonl");
    await writeFile(file, first);
    const r = runCli(["audit-file", "--responses", file, "--dataset", "mini", "--json"], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    const j = r.json;
    expect(Object.keys(j)).toEqual(expect.arrayContaining(["responses", "parsed", "sentence", "word", "phone", "flags"]));
    expect(j.responses).toBe(6);
    expect(j.parsed).toBe(3);
    for (const g of GRANS) expect(Object.keys(j[g])).toEqual(expect.arrayContaining(["plausibility", "faithfulness", "recall", "mentions"]));
    // The sentence-only response names no word: its word mentions are 0 and the rate stays defined by the others.
    expect(j.word.mentions).toBeGreaterThan(0);
    expect(j.flags.length).toBeGreaterThan(0);
    for (const f of j.flags) expect(Object.keys(f)).toEqual(expect.arrayContaining(["utt_id", "granularity", "code", "mention", "evidence"]));
    expect(j.flags.map((f: { code: string }) => f.code)).toContain("not_in_utterance");
    // Each flag and each mention carries the words that decided its polarity, with their spans.
    for (const f of j.flags) expect(Object.keys(f)).toEqual(expect.arrayContaining(["deciding_words", "decided_by"]));
    const house = j.flags.find((f: { mention: string }) => f.mention === "HOUSE");
    expect(house.deciding_words.map((w: { text: string }) => w.text)).toEqual(["mispronounced"]);
    expect(j.mentions.map((m: { text: string; polarity: string }) => `${m.text}:${m.polarity}`)).toEqual(expect.arrayContaining(["HOUSE:negative", "fluent:negative", "θ:positive"]));
    const fluent = j.mentions.find((m: { text: string }) => m.text === "fluent");
    expect(fluent.deciding_words.map((w: { text: string }) => w.text).join(" ")).toMatch(/not/);
    expect(j.problems.map((p: { line: number }) => p.line).sort()).toEqual([4, 5, 6]);
  });

  it("gives null rates when nothing is mentioned", async () => {
    const file = path.join(dir, "plain.jsonl");
    await writeFile(file, JSON.stringify({ utt_id: ids[0], response: "Accuracy: good\nFluency: fair\nProsody: Very Poor" }) + "\n");
    const r = runCli(["audit-file", "--responses", file, "--dataset", "mini", "--json"], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ responses: 1, parsed: 1, word: { plausibility: null, faithfulness: null, mentions: 0 }, phone: { plausibility: null, mentions: 0 } });
  });

  it("refuses an unknown dataset with exit 1", () => {
    const r = runCli(["audit-file", "--responses", path.join(dir, "plain.jsonl"), "--dataset", "nope", "--json"], env);
    expect(r.status).toBe(1);
    expect(r.json.error.code).toBe("NOT_FOUND");
  });
});

describe.each(TEST_DATABASES)("the audit service on $name", (t) => {
  let db: Db;
  beforeAll(async () => {
    db = await openMigrated(t);
    await importSpeechocean762(db, { dir: await miniCorpus(4), dataset: "mini", split: "test" });
  });
  afterAll(async () => {
    await db?.close();
  });

  it("reads the model's labels with the format's synonyms and tolerances", async () => {
    const ds = await db.prisma.dataset.findUniqueOrThrow({ where: { name: "mini" } });
    const [item] = [...(await loadAuditItems(db, ds.id)).values()];
    const words = item.utterance.utterance.words;
    const response = `  accuracy :  FAIR\n**Fluency**: very poor\nVerdict: The speaker is not fluent. '${words[0]}' was mispronounced.`;
    const r = auditOne(item, response);
    expect(r.parsed).toBe(true);
    expect(r.prediction.sentence).toMatchObject({ accuracy: "Average", fluency: "Worst" });
    expect(r.prediction.words).toBeNull();
    expect(r.audit.sentence.plausibility).toBe(1);
    expect(r.audit.word.mentions).toBe(1);
    expect(r.audit.word.plausibility).toBeNull();
    expect(r.audit.word.faithfulness).not.toBeNull();
  });

  it("stores one RationaleAudit per prediction × granularity, replacing them when re-run", async () => {
    const ds = await db.prisma.dataset.findUniqueOrThrow({ where: { name: "mini" } });
    const items = await db.prisma.item.findMany({ where: { datasetId: ds.id }, include: { words: { orderBy: { index: "asc" } } }, orderBy: { uttId: "asc" } });
    const mv = await db.prisma.modelVersion.create({ data: { name: "test-model", kind: "FILE", datasets: { connect: { id: ds.id } } } });
    await db.prisma.prediction.createMany({
      data: items.map((it, i) => ({
        modelVersionId: mv.id,
        itemId: it.id,
        response: `Accuracy: Good\nFluency: Good\nProsody: Good\nWords: ${it.words.map((w) => `${w.text}/Excellent`).join(" ")}\n` +
          (i === 0 ? `'${it.words[0].text}' was mispronounced. The word 'HOUSE' was dropped.` : "Excellent reading, every word was clear."),
        sentence: {}, words: [], phones: [],
      })),
    });
    const r = await auditModel(db, { dataset: "mini", model: "test-model" });
    expect(r).toMatchObject({ responses: 4, parsed: 4, audits: 12 });
    expect(await db.prisma.rationaleAudit.count()).toBe(12);
    const codes = r.flags.map((f) => f.code);
    expect(codes).toContain("contradicts_prediction");
    expect(codes).toContain("not_in_utterance");
    const again = await auditModel(db, { dataset: "mini", model: "test-model", split: "test" });
    expect(again.audits).toBe(12);
    expect(await db.prisma.rationaleAudit.count()).toBe(12);
    const flagged = await db.prisma.rationaleAudit.findMany({ where: { flagged: true, granularity: "word" } });
    expect(flagged.length).toBeGreaterThan(0);
  });
});
