// The agreement dashboard and its API over HTTP: researchers only, figures as the CLI gives them.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, signIn, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";

const PW = "correct horse battery";

describe.each(TEST_DATABASES)("agreement dashboard over HTTP on $name", (t) => {
  let app: RunningApp;
  let researcher: string;
  let rater: string;
  let datasetId: string;

  beforeAll(async () => {
    const corpus = await miniCorpus(6);
    app = await startApp(t, async (db) => {
      await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
      await createUser(db, { email: "rater@example.org", password: PW, role: "rater" });
      await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
      datasetId = (await db.prisma.dataset.findFirstOrThrow()).id;
      const mv = await db.prisma.modelVersion.create({ data: { name: "m1", kind: "FILE" } });
      for (const it of await db.prisma.item.findMany()) {
        await db.prisma.prediction.create({
          data: { modelVersionId: mv.id, itemId: it.id, response: "", sentence: { accuracy: { mean: 7, sd: 1, low: 5, high: 9 } }, words: [], phones: [] },
        });
      }
    });
    researcher = (await signIn(app.base, "res@example.org", PW))!;
    rater = (await signIn(app.base, "rater@example.org", PW))!;
  });
  afterAll(async () => {
    await app?.stop();
  });

  const get = (p: string, cookie?: string) => fetch(`${app.base}${p}`, { redirect: "manual", headers: cookie ? { cookie } : {} });

  it("refuses raters (403) and anonymous users on the dashboard and its API", async () => {
    expect((await get("/agreement", rater)).status).toBe(403);
    expect((await get(`/agreement/${datasetId}`, rater)).status).toBe(403);
    expect((await get(`/api/agreement/${datasetId}`, rater)).status).toBe(403);
    expect((await get(`/api/agreement/${datasetId}/eval?model=m1`, rater)).status).toBe(403);
    expect((await get(`/api/agreement/${datasetId}/download?table=agreement`, rater)).status).toBe(403);
    expect((await get(`/api/agreement/${datasetId}`)).status).toBe(401);
    expect((await get(`/agreement/${datasetId}`)).status).toBe(307);
  });

  it("serves the CLI's figures, the dashboard, CSV and SVG downloads to a researcher", async () => {
    const one = await get(`/api/agreement/${datasetId}?granularity=word&aspect=accuracy&replicates=50&seed=2`, researcher);
    expect(one.status).toBe(200);
    const body = await one.json();
    expect(Object.keys(body)).toEqual(["units", "raters", "krippendorff", "icc", "fleiss_kappa", "mean_pairwise_pearson", "ci"]);
    expect(body.raters).toBe(5);
    const ev = await (await get(`/api/agreement/mini/eval?model=m1`, researcher)).json();
    expect(ev).toMatchObject({ model: "m1", dataset: "mini", n: 6 });
    expect(ev.sentence.accuracy.width).toBe(4);
    const page = await get(`/agreement/${datasetId}?model=m1&replicates=50`, researcher);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Inter-rater agreement");
    expect(html).toMatch(/<svg[^>]*width="600"/);
    expect(html).toContain("Conformal coverage");
    const csv = await get(`/api/agreement/${datasetId}/download?table=agreement&replicates=50`, researcher);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toMatch(/^key,units,raters,alpha_nominal,alpha_nominal_lo,alpha_nominal_hi/);
    expect(lines).toHaveLength(10);
    const svg = await get(`/api/agreement/${datasetId}/download?chart=heatmap&replicates=50`, researcher);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
    expect(await svg.text()).toMatch(/^<svg/);
    expect((await get(`/api/agreement/${datasetId}/download?chart=nope&replicates=50`, researcher)).status).toBe(404);
    expect((await get(`/api/agreement/${datasetId}?group=teen`, researcher)).status).toBe(422);
  });
});
