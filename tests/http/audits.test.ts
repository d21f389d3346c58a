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

  it("counts flagged rationales one way in the list, the header, the filters and the pages, and pages and searches them", async () => {
    const list = (await (await get("/api/audits", researcher)).json()).audits[0];
    const all = await (await get(`/api${path}`, researcher)).json();
    // One definition: a rationale with at least one flag (not audit rows per granularity, not flags).
    expect(all.flaggedRationales).toBe(3);
    expect(list.flagged).toBe(all.flaggedRationales);
    expect(all.all).toBe(all.total);
    expect(all.total).toBe(all.flaggedRationales);
    expect(all.audited).toBe(3);
    for (const c of Object.keys(all.codeCounts)) {
      const byCode = await (await get(`/api${path}?code=${c}&pageSize=200`, researcher)).json();
      expect(byCode.total).toBe(all.codeCounts[c]);
      expect(byCode.flagged).toHaveLength(all.codeCounts[c]);
    }
    // Paging: two pages of 2, every rationale once.
    const p1 = await (await get(`/api${path}?pageSize=2`, researcher)).json();
    const p2 = await (await get(`/api${path}?pageSize=2&page=2`, researcher)).json();
    expect([p1.pages, p1.flagged.length, p2.flagged.length, p2.page]).toEqual([2, 2, 1, 2]);
    const ids = [...p1.flagged, ...p2.flagged].map((f: { uttId: string }) => f.uttId);
    expect(new Set(ids).size).toBe(3);
    expect(ids).toEqual([...ids].sort());
    // A page past the end shows the last one; the older "limit" still sets the page size.
    expect((await (await get(`/api${path}?pageSize=2&page=9`, researcher)).json()).page).toBe(2);
    expect((await (await get(`/api${path}?limit=1`, researcher)).json()).flagged).toHaveLength(1);
    // Search: by utterance id, by a word of the text, by the word a flag is about, by flag code.
    const first = all.flagged[0];
    const byUtt = await (await get(`/api${path}?q=${encodeURIComponent(first.uttId)}`, researcher)).json();
    expect(byUtt.flagged.map((f: { uttId: string }) => f.uttId)).toEqual([first.uttId]);
    expect(byUtt.flaggedRationales).toBe(3); // the header's count stays
    const house = await (await get(`/api${path}?q=house`, researcher)).json();
    expect(house.total).toBe(3);
    const word = first.text.split(" ")[0];
    const byWord = await (await get(`/api${path}?q=${encodeURIComponent(word)}`, researcher)).json();
    expect(byWord.flagged.map((f: { uttId: string }) => f.uttId)).toContain(first.uttId);
    const byCodeWord = await (await get(`/api${path}?q=not_in_utterance`, researcher)).json();
    expect(byCodeWord.total).toBe(all.codeCounts.not_in_utterance);
    const none = await (await get(`/api${path}?q=zzzyyy`, researcher)).json();
    expect([none.total, none.all, none.flagged.length, none.codeCounts.not_in_utterance]).toEqual([0, 0, 0, 0]);
    // Filter counts follow the search; the list is code ∩ search.
    const both = await (await get(`/api${path}?q=${encodeURIComponent(first.uttId)}&code=not_in_utterance`, researcher)).json();
    expect(both.total).toBe(byUtt.codeCounts.not_in_utterance);
    // The page says the same numbers, and pages.
    const html = (await (await get(`${path}?q=${encodeURIComponent(first.uttId)}`, researcher)).text()).replaceAll("<!-- -->", "");
    expect(html).toContain("3 of 3 rationales are flagged");
    expect(html).toContain("Showing <b>1</b>");
    expect(html).toContain(`matching “${first.uttId}”`);
    const paged = await (await get(path, researcher)).text();
    expect(paged).not.toContain("page 1 of");
    expect((await get(`/api${path}?pageSize=0`, researcher)).status).toBe(422);
  });
});
