// The audit with a second judge (an LLM behind an OpenAI-compatible chat endpoint), end to end on
// the real database and command line. No LLM runs on this machine: the judge is the local fixture
// chat server answering deterministically per rationale (tests/fixtures/judge-answers.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runCli, runCliAsync } from "../helpers/cli";
import { SO762_DIR, miniCorpus } from "../helpers/corpus";
import { TEST_DATABASES, openMigrated } from "../helpers/databases";
import { startSpeechLlmFixture, type FixtureServer } from "../fixtures/speechllm-server";
import { answering } from "../fixtures/judge-answers";
import type { Db } from "@/lib/db/client";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { registerHttpModel } from "@/lib/inference/register";
import { auditModel } from "@/lib/services/audit";
import { getJudgeComparison, settleDisagreement } from "@/lib/services/audit-judge-report";
import { startAuditJob } from "@/lib/services/inference-jobs";
import { runJob } from "@/lib/jobs/run-job";
import { parseLabelledSet } from "@/lib/audit/eval/labelled-set";

/** Four items: the rationale praises the last word and criticises the first (both words occur once in these utterances). */
const rationaleFor = (words: string[]) => `'${words[0]}' was mispronounced. '${words[words.length - 1]}' was clear.`;

/**
 * The judge's answers: item 0 reads the last word as negative (one polarity disagreement), item 1
 * always gets an answer that is not JSON (a failure), item 2 agrees, item 3 leaves the last word
 * out and names a word the rationale does not have (left out with a warning).
 */
function judgeTable(utterances: string[][]): Map<string, object | string> {
  const m = (text: string, polarity: string) => ({ text, type: "word", status: "ok", polarity });
  const [u0, u1, u2, u3] = utterances;
  const last = (u: string[]) => u[u.length - 1];
  return new Map<string, object | string>([
    [rationaleFor(u0), { mentions: [m(u0[0], "negative"), m(last(u0), "negative")], overall: "negative" }],
    [rationaleFor(u1), "I think the reading was fine."],
    [rationaleFor(u2), { mentions: [m(u2[0], "negative"), m(last(u2), "positive")], overall: "neutral" }],
    [rationaleFor(u3), { mentions: [m(u3[0], "negative"), m("HOUSE", "negative")], overall: "negative" }],
  ]);
}

// Matched mentions (rules, judge): item 0 (−,−) (+,−); item 2 (−,−) (+,+); item 3 (−,−) → equal 4/5.
// Rules −,+,−,+,− ; judge −,−,−,+,−: chance = 0.6·0.8 + 0.4·0.2 = 0.56, κ = (0.8 − 0.56) / 0.44.
const KAPPA = 0.24 / 0.44;

let fx: FixtureServer;
beforeAll(async () => {
  fx = await startSpeechLlmFixture();
});
afterAll(async () => fx?.close());

describe.each(TEST_DATABASES)("the audit with a second judge on $name", (t) => {
  let db: Db;
  let modelId: string;
  let datasetId: string;
  beforeAll(async () => {
    db = await openMigrated(t);
    await importSpeechocean762(db, { dir: await miniCorpus(4), dataset: "mini", split: "test" });
    const ds = await db.prisma.dataset.findUniqueOrThrow({ where: { name: "mini" } });
    datasetId = ds.id;
    const items = await db.prisma.item.findMany({ where: { datasetId }, include: { words: { orderBy: { index: "asc" } } }, orderBy: { uttId: "asc" } });
    const utterances = items.map((it) => it.words.map((w) => w.text));
    fx.respond = answering(judgeTable(utterances));
    const mv = await db.prisma.modelVersion.create({ data: { name: "m1", kind: "FILE" } });
    modelId = mv.id;
    await db.prisma.prediction.createMany({
      data: items.map((it, i) => ({
        modelVersionId: mv.id, itemId: it.id, sentence: {}, words: [], phones: [],
        response: `Accuracy: Good\nWords: ${utterances[i].map((w) => `${w}/Excellent`).join(" ")}\n${rationaleFor(utterances[i])}`,
      })),
    });
    await registerHttpModel(db, "judge-x", { url: fx.url, model: "qwen2.5-7b-instruct", timeoutMs: 5000, retries: 1, concurrency: 2 });
  });
  afterAll(async () => {
    await db?.close();
  });

  it("keeps the rules' keys and adds the judge's reading and the agreement beside them", async () => {
    const plain = await auditModel(db, { dataset: "mini", model: "m1" });
    const r = (await auditModel(db, { dataset: "mini", model: "m1", judge: "judge-x" })) as typeof plain & { judge: any; agreement: any };
    for (const k of ["responses", "parsed", "sentence", "word", "phone", "flags", "flagged", "audits"] as const) expect(r[k], k).toEqual(plain[k]);
    expect(r.judge).toMatchObject({ name: "judge-x", answered: 3, failed: 1 });
    expect(Object.keys(r.judge.word)).toEqual(expect.arrayContaining(["plausibility", "faithfulness", "plausibility_non_contradicting", "faithfulness_non_contradicting", "recall", "mentions"]));
    expect(r.judge.failures).toHaveLength(1);
    expect(r.judge.failures[0].message).toMatch(/failed after 2 attempts for \d+: the answer is not JSON/);
    expect(r.judge.warnings.map((w: { message: string }) => w.message)).toEqual(['mentions[1] "HOUSE" is not in the rationale; left out']);
    expect(r.agreement.judges).toEqual(["rules", "judge-x"]);
    expect(r.agreement.responses).toBe(3);
    expect(r.agreement.mentions).toEqual({ matched: 5, rules_only: 1, judge_only: 0 });
    expect(r.agreement.polarity.agreement).toBeCloseTo(0.8, 12);
    expect(r.agreement.polarity.kappa).toBeCloseTo(KAPPA, 12);
    expect(r.agreement.disagreements.map((d: { about: string }) => d.about).sort()).toEqual(["mention", "polarity"]);
    // The judge read every item: one JudgeAudit row each, the failed one with its error; the rules' rows as before.
    const rows = await db.prisma.judgeAudit.findMany({ orderBy: { prediction: { item: { uttId: "asc" } } } });
    expect(rows.map((x) => [x.reading !== null, x.error !== null])).toEqual([[true, false], [false, true], [true, false], [true, false]]);
    expect(await db.prisma.rationaleAudit.count()).toBe(12);
  });

  it("shows the same agreement on the page's read model, and stores a researcher's settlement with the audit log", async () => {
    const rep = await getJudgeComparison(db, modelId, datasetId);
    expect(rep.judges.map((j) => [j.name, j.read])).toEqual([["judge-x", 4]]);
    expect(rep).toMatchObject({ answered: 3, failed: 1, totalDisagreements: 2, settled: { rules: 0, judge: 0 } });
    expect(rep.agreement!.polarity.kappa).toBeCloseTo(KAPPA, 12);
    expect(rep.summary!.word.plausibility_non_contradicting).not.toBeUndefined();
    const d = rep.disagreements.find((x) => x.about === "polarity")!;
    expect([d.rules!.mention!.polarity, d.judge!.mention!.polarity]).toEqual(["positive", "negative"]);
    expect(d.rationale.slice(d.rules!.start, d.rules!.end)).toBe(d.rules!.text);

    const admin = await db.prisma.user.create({ data: { email: "res@example.org", role: "RESEARCHER" } });
    await settleDisagreement(db, admin.id, { predictionId: d.predictionId, judgeId: rep.judge!.id, key: d.key, choice: "judge" });
    await settleDisagreement(db, admin.id, { predictionId: d.predictionId, judgeId: rep.judge!.id, key: d.key, choice: "rules" });
    await expect(settleDisagreement(db, admin.id, { predictionId: d.predictionId, judgeId: rep.judge!.id, key: "word@0-1", choice: "rules" })).rejects.toThrow(/no longer disagree/);
    await expect(settleDisagreement(db, admin.id, { predictionId: d.predictionId, judgeId: rep.judge!.id, key: d.key, choice: "both" as never })).rejects.toThrow(/choice must be "rules" or "judge"/);
    expect(await db.prisma.judgeSettlement.count()).toBe(1);
    const log = await db.prisma.auditLog.findMany({ where: { action: "audit.settle" }, orderBy: { createdAt: "asc" } });
    expect(log.map((l) => (l.details as { choice: string }).choice)).toEqual(["judge", "rules"]);
    expect(log[0].details).toMatchObject({ judge: "judge-x", key: d.key, uttId: d.uttId });

    // Re-running the audit replaces the readings but keeps the settlement; the open list leaves it out.
    await auditModel(db, { dataset: "mini", model: "m1", judge: "judge-x" });
    const again = await getJudgeComparison(db, modelId, datasetId, { open: true });
    expect(again.settled).toEqual({ rules: 1, judge: 0 });
    expect(again.disagreements.map((x) => x.key)).not.toContain(d.key);
    expect(again.totalDisagreements).toBe(2);
  });

  it("runs as a job with the judge, and refuses judges that are not chat endpoints", async () => {
    const job = await startAuditJob(db, { id: (await db.prisma.user.findFirstOrThrow()).id }, { dataset: "mini", model: "m1", judge: "judge-x" });
    expect(job.params).toMatchObject({ judge: "judge-x" });
    const done = await runJob(db, job.id);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.result).toMatchObject({ judge: { name: "judge-x", answered: 3, failed: 1, failures: 1 }, agreement: { disagreements: 2 } });
    await expect(auditModel(db, { dataset: "mini", model: "m1", judge: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(auditModel(db, { dataset: "mini", model: "m1", judge: "m1" })).rejects.toThrow(/"m1" is a FILE model version; a judge must be an OpenAI-compatible chat endpoint/);
  });
});

describe("--judge on the command line", () => {
  let env: NodeJS.ProcessEnv;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "attest-judge-cli-"));
    env = { ATTEST_DATA_DIR: dir, DATABASE_URL: "", SO762_DIR } as unknown as NodeJS.ProcessEnv;
    const r = runCli(["import", "speechocean762", await miniCorpus(4), "--dataset", "mini", "--split", "test", "--json"], env);
    expect(r.status, r.stderr).toBe(0);
    const reg = runCli(["models", "register-http", "--name", "judge-x", "--url", fx.url, "--remote-model", "qwen2.5-7b-instruct", "--timeout-ms", "10000", "--retries", "1", "--json"], env);
    expect(reg.status, reg.stderr).toBe(0);
  });

  it("audit-file --judge prints the judge's reading and the agreement beside the usual keys", async () => {
    const text = await readFile(path.join(SO762_DIR, "test/text"), "utf8");
    const utts = text.split("\n").filter(Boolean).slice(0, 4).map((l) => l.split(/\s+/));
    fx.respond = answering(judgeTable(utts.map((u) => u.slice(1))));
    const file = path.join(dir, "responses.jsonl");
    await writeFile(file, utts.map(([id, ...words]) => JSON.stringify({ utt_id: id, response: `Accuracy: Good\nWords: ${words.map((w) => `${w}/Excellent`).join(" ")}\n${rationaleFor(words)}` })).join("\n") + "\n");
    const r = await runCliAsync(["audit-file", "--responses", file, "--dataset", "mini", "--judge", "judge-x", "--json"], env);
    expect(r.status, r.stderr).toBe(0);
    expect(Object.keys(r.json)).toEqual(expect.arrayContaining(["responses", "parsed", "sentence", "word", "phone", "flags", "problems", "judge", "agreement"]));
    expect(r.json.judge).toMatchObject({ answered: 3, failed: 1 });
    expect(r.json.agreement.polarity.kappa).toBeCloseTo(KAPPA, 12);
    expect(r.json.agreement.disagreements[0]).toHaveProperty("utt_id");
    const human = await runCliAsync(["audit-file", "--responses", file, "--dataset", "mini", "--judge", "judge-x"], env);
    expect(human.stdout).toMatch(/agreement rules vs judge-x over 3 responses: polarity κ 0\.545/);
    const unknown = await runCliAsync(["audit-file", "--responses", file, "--dataset", "mini", "--judge", "gpt-x", "--json"], env);
    expect(unknown.status).toBe(1);
    expect(unknown.json.error.message).toMatch(/no judge named "gpt-x"/);
  }, 300_000);

  it("audit-eval --judge scores the judge on the shared labelled set (here a judge that answers with the gold reading)", async () => {
    const setFile = path.resolve(SO762_DIR, "../audit-eval/rationales.jsonl");
    const records = parseLabelledSet(await readFile(setFile, "utf8"), "rationales.jsonl");
    // The gold mentions as a judge would give them, with the offsets a chat model gets wrong or leaves out:
    // every third record without offsets, every third with offsets 7 characters off, the rest as given.
    const table = new Map<string, object>();
    records.forEach((rec, i) => {
      table.set(rec.rationale, {
        mentions: rec.mentions.map((m) => ({
          text: m.text, type: m.type, status: m.status, word_index: m.word_index, phone_index: m.phone_index, aspect: m.aspect, polarity: m.polarity,
          ...(i % 3 === 1 ? { start: m.start, end: m.end } : i % 3 === 2 ? { start: m.start + 7, end: m.end + 7 } : {}),
        })),
        overall: "neutral",
        no_error_claim: rec.phenomena.includes("no_error_claim") ? { text: rec.rationale, kind: "all" } : null,
      });
    });
    fx.respond = answering(table);
    const r = await runCliAsync(["audit-eval", "--set", setFile, "--split", "test", "--judge", "judge-x", "--json"], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ judge: "judge-x", records: 109, judge_failures: [] });
    expect(r.json.extraction.f1).toBe(1);
    expect(r.json.extraction.targets.f1).toBe(1);
    expect(r.json.polarity_accuracy).toBe(1);
    expect(r.json.flags.precision).toBe(1);
    expect(r.json.flags.recall).toBe(1);
    const unknown = await runCliAsync(["audit-eval", "--set", setFile, "--judge", "gpt-x", "--json"], env);
    expect(unknown.status).toBe(1);
    expect(unknown.json.error).toMatchObject({ code: "NOT_FOUND", problems: [{ field: "judge" }] });
  }, 300_000);
});
