// Model versions are named, never located: a web request's `model` (inference, audits, their
// judge, evaluation) must be a registered model version's name (^[A-Za-z0-9_.-]+$). A path to the
// built-in bundle (absolute, relative, with ../, or another spelling of it) or to any other file
// gets 422 or 404 with a plain message that names no server path, and registers nothing.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import path from "node:path";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, signIn, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";

const PW = "correct horse battery";
const ROOT = process.cwd(); // the server runs here, so its models are in ROOT/models
const BUNDLE = path.join(ROOT, "models", "default.json");

// Every spelling a client might use to point at a file on the server.
const SPELLINGS = [
  BUNDLE,
  path.join(ROOT, "models", "default.onnx"),
  path.join(ROOT, "models", "..", "models", "default.json"),
  "models/default.json",
  "./models/default.json",
  "models/./default.json",
  "models//default.json",
  "models/default.onnx",
  `../${path.basename(ROOT)}/models/default.json`,
  "../../../../../../etc/passwd",
  "/etc/passwd",
  "/etc/hostname.json",
  "..\\models\\default.json",
  "models/monophone.json",
  "default.json",
  "default.onnx",
  "package.json",
  "tsconfig.json",
  "models",
  "..",
  ".",
  "DEFAULT",
  " default",
  "default\n",
  "file:///etc/passwd",
];

describe.each(TEST_DATABASES)("model versions are referred to by name only, on $name", (t) => {
  let app: RunningApp;
  let researcher: string;
  beforeAll(async () => {
    const corpus = await miniCorpus(1);
    // No worker: the jobs queued here need not run.
    app = await startApp(
      t,
      async (db) => {
        await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
        await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
      },
      { env: { ATTEST_WORKER: "0" } },
    );
    researcher = (await signIn(app.base, "res@example.org", PW))!;
  });
  afterAll(async () => app?.stop());

  const post = (url: string, body: unknown) =>
    fetch(`${app.base}${url}`, { method: "POST", headers: { cookie: researcher, "content-type": "application/json", origin: app.base }, body: JSON.stringify(body) });
  const versions = async () => ((await (await fetch(`${app.base}/api/models`, { headers: { cookie: researcher } })).json()).models as { name: string }[]).map((m) => m.name).sort();

  /**
   * A refusal that says what is wrong in plain words and names no file of the server: neither its
   * folders nor the path as sent (a name that is not a path may be quoted back).
   */
  async function expectRefused(r: Response, model: string, what: string) {
    const text = await r.text();
    expect([404, 422], `${what}: ${r.status} ${text}`).toContain(r.status);
    const body = JSON.parse(text) as { error: { message: string; problems?: { message: string }[] } };
    expect(body.error.message, what).toMatch(/model/);
    const said = [body.error.message, ...(body.error.problems ?? []).map((p) => p.message)].join("\n");
    expect(said, what).not.toContain(ROOT);
    expect(said, what).not.toContain("/etc");
    expect(said, what).not.toMatch(/models[/\\]/);
    if (/[/\\:]/.test(model)) expect(said, what).not.toContain(model);
  }

  it("runs the built-in model by its name", async () => {
    const r = await post("/api/models/infer", { dataset: "mini", model: "default" });
    expect(r.status).toBe(202);
    expect(await versions()).toEqual(["default"]);
  });

  it("refuses a path or another spelling of a file as the model to run, and registers nothing", async () => {
    const before = await versions();
    for (const model of SPELLINGS) await expectRefused(await post("/api/models/infer", { dataset: "mini", model }), model, `infer ${JSON.stringify(model)}`);
    expect(await versions()).toEqual(before);
  });

  it("refuses them as the model to audit, as its judge and as the model to evaluate", async () => {
    const before = await versions();
    for (const model of SPELLINGS) {
      await expectRefused(await post("/api/audits", { dataset: "mini", model }), model, `audit ${JSON.stringify(model)}`);
      await expectRefused(await post("/api/audits", { dataset: "mini", model: "default", judge: model }), model, `judge ${JSON.stringify(model)}`);
    }
    const ds = (await (await fetch(`${app.base}/api/datasets`, { headers: { cookie: researcher } })).json()).datasets[0];
    // (The query is trimmed, so " default" is default there; paths are refused all the same.)
    for (const model of SPELLINGS.filter((s) => /[/\\:]/.test(s))) {
      const r = await fetch(`${app.base}/api/agreement/${ds.id}/eval?model=${encodeURIComponent(model)}`, { headers: { cookie: researcher } });
      await expectRefused(r, model, `eval ${JSON.stringify(model)}`);
    }
    expect(await versions()).toEqual(before);
  });
});
