import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, signIn, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { auditModel } from "@/lib/services/audit";
import { registerHttpModel } from "@/lib/inference/register";
import { startSpeechLlmFixture, type FixtureServer } from "../fixtures/speechllm-server";
import { answering } from "../fixtures/judge-answers";

const PW = "correct horse battery";

describe.each(TEST_DATABASES)("audit pages and API on $name", (t) => {
  let app: RunningApp;
  let researcher: string;
  let rater: string;
  let path: string;
  let fx: FixtureServer;

  beforeAll(async () => {
    const corpus = await miniCorpus(3);
    // The second judge: the local fixture chat server (no LLM here), reading the first word as praised where the rules read criticism.
    fx = await startSpeechLlmFixture();
    app = await startApp(t, async (db) => {
      await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
      await createUser(db, { email: "rater@example.org", password: PW, role: "rater" });
      await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
      const ds = await db.prisma.dataset.findFirstOrThrow();
      const items = await db.prisma.item.findMany({ include: { words: { orderBy: { index: "asc" } } }, orderBy: { uttId: "asc" } });
      const mv = await db.prisma.modelVersion.create({ data: { name: "m1", kind: "FILE" } });
      await db.prisma.prediction.createMany({
        data: items.map((it) => ({
          modelVersionId: mv.id, itemId: it.id, sentence: {}, words: [], phones: [],
          response: `Accuracy: Good\nWords: ${it.words.map((w) => `${w.text}/Excellent`).join(" ")}\n'${it.words[0].text}' was mispronounced; 'HOUSE' was dropped.`,
        })),
      });
      fx.respond = answering(new Map(items.map((it) => [
        `'${it.words[0].text}' was mispronounced; 'HOUSE' was dropped.`,
        { mentions: [{ text: it.words[0].text, type: "word", status: "ok", polarity: "positive" }, { text: "HOUSE", type: "word", status: "not_in_utterance", polarity: "negative" }], overall: "negative" },
      ])));
      await registerHttpModel(db, "judge-x", { url: fx.url, model: "qwen2.5-7b-instruct", timeoutMs: 5000, retries: 1, concurrency: 2 });
      await auditModel(db, { dataset: "mini", model: "m1", judge: "judge-x" });
      path = `/audits/${mv.id}/${ds.id}`;
    });
    researcher = (await signIn(app.base, "res@example.org", PW))!;
    rater = (await signIn(app.base, "rater@example.org", PW))!;
  });
  afterAll(async () => {
    await app?.stop();
    await fx?.close();
  });

  const get = (p: string, cookie?: string) => fetch(`${app.base}${p}`, { redirect: "manual", headers: cookie ? { cookie } : {} });

  it("gives a rater 403 on the audit pages and API, and anonymous users 401 on the API", async () => {
    expect((await get("/audits", rater)).status).toBe(403);
    expect((await get(path, rater)).status).toBe(403);
    expect((await get("/api/audits", rater)).status).toBe(403);
    expect((await get(`/api${path}`, rater)).status).toBe(403);
    expect((await get("/api/audits")).status).toBe(401);
  });

  it("shows a researcher the rates, the chart and the flagged rationales", async () => {
    const list = await (await get("/api/audits", researcher)).json();
    expect(list.audits).toHaveLength(1);
    const api = await get(`/api${path}?code=not_in_utterance`, researcher);
    expect(api.status).toBe(200);
    const report = await api.json();
    expect(report.total).toBe(3);
    expect(report.flagged[0].flags.every((f: { code: string }) => f.code === "not_in_utterance")).toBe(true);
    const page = await get(path, researcher);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<svg");
    expect(html).toContain("m-notin");
    expect(html).toContain("contradicts_prediction");
    // Both rates, exact and non-contradicting; each mention's deciding words.
    expect(html).toContain("non-contradicting");
    expect(html).toMatch(/decided by “[^”]*mispronounced[^”]*”/);
    expect(html).toContain('class="cue"');
  });

  it("shows the second judge's agreement with the rules and their disagreements side by side, with a way to settle them", async () => {
    const report = await (await get(`/api${path}`, researcher)).json();
    expect(report.second_judge.judges.map((j: { name: string }) => j.name)).toEqual(["judge-x"]);
    expect(report.second_judge.agreement.responses).toBe(3);
    // The first word: negative for the rules, positive for the judge, in every rationale; 'HOUSE' negative for both.
    expect(report.second_judge.agreement.polarity.agreement).toBe(0.5);
    expect(report.second_judge.disagreements.filter((d: { about: string }) => d.about === "polarity")).toHaveLength(3);
    const html = await (await get(path, researcher)).text();
    expect(html).toContain("Second judge");
    expect(html).toMatch(/polarity Cohen(&#x27;|')s κ/);
    expect(html).toMatch(/judge-x(<!-- -->)? is right/);
    expect(html).toContain("the rules are right");
    const list = await (await get("/audits", researcher)).text();
    expect(list).toMatch(/<option[^>]*>judge-x<\/option>/);
  });
});
