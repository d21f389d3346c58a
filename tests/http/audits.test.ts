import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, signIn, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { auditModel } from "@/lib/services/audit";

const PW = "correct horse battery";

describe.each(TEST_DATABASES)("audit pages and API on $name", (t) => {
  let app: RunningApp;
  let researcher: string;
  let rater: string;
  let path: string;

  beforeAll(async () => {
    const corpus = await miniCorpus(3);
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
      await auditModel(db, { dataset: "mini", model: "m1" });
      path = `/audits/${mv.id}/${ds.id}`;
    });
    researcher = (await signIn(app.base, "res@example.org", PW))!;
    rater = (await signIn(app.base, "rater@example.org", PW))!;
  });
  afterAll(async () => {
    await app?.stop();
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
  });
});
