// The access matrix: every page and route handler × role, with the status each must get. Built from
// the route list (tests/security/route-list.ts), so a new route without an entry here fails.
// State-changing requests carry an empty body: an authorised caller gets 422 (validation) or 404
// (not theirs), which proves the permission check passed without changing anything.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, signIn, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { discoverRoutes, discoverServerActions, serverActionIds } from "./route-list";
import { readFileSync } from "node:fs";
import path from "node:path";

type Role = "anonymous" | "rater" | "otherRater" | "researcher" | "admin";
const ROLES: Role[] = ["anonymous", "rater", "otherRater", "researcher", "admin"];
type Ids = { dataset: string; item: string; otherItem: string; round: string; assignment: string; job: string; model: string; exportJob: string; admin: string };
interface Entry {
  url: (ids: Ids) => string;
  /** Expected status per role; `page` entries expect 307 (to sign-in) for anonymous unless given. */
  expect: Record<Role, number>;
  body?: unknown;
}

const PAGE_RESEARCH = { anonymous: 307, rater: 403, otherRater: 403, researcher: 200, admin: 200 };
const API_RESEARCH = { anonymous: 401, rater: 403, otherRater: 403, researcher: 200, admin: 200 };
const API_RESEARCH_WRITE = { anonymous: 401, rater: 403, otherRater: 403, researcher: 422, admin: 422 };
// Rater routes on rater A's assignment: A gets through, B and staff without that assignment get 404,
// researchers (no judgments:write) 403.
const RATER_OWN = { anonymous: 401, rater: 200, otherRater: 404, researcher: 403, admin: 404 };
const RATER_OWN_WRITE = { anonymous: 401, rater: 422, otherRater: 404, researcher: 403, admin: 404 };

const MATRIX: Record<string, Entry> = {
  "GET /": { url: () => "/", expect: { anonymous: 307, rater: 307, otherRater: 307, researcher: 307, admin: 307 } },
  "GET /login": { url: () => "/login", expect: { anonymous: 200, rater: 200, otherRater: 200, researcher: 200, admin: 200 } },
  "GET /logout": { url: () => "/logout", expect: { anonymous: 200, rater: 200, otherRater: 200, researcher: 200, admin: 200 } },
  "GET /queue": { url: () => "/queue", expect: { anonymous: 307, rater: 200, otherRater: 200, researcher: 403, admin: 200 } },
  "GET /rate/[assignmentId]": { url: (i) => `/rate/${i.assignment}`, expect: { anonymous: 307, rater: 200, otherRater: 404, researcher: 403, admin: 404 } },
  "GET /datasets": { url: () => "/datasets", expect: PAGE_RESEARCH },
  "GET /datasets/[id]": { url: (i) => `/datasets/${i.dataset}`, expect: PAGE_RESEARCH },
  "GET /items/[id]": { url: (i) => `/items/${i.item}`, expect: PAGE_RESEARCH },
  "GET /agreement": { url: () => "/agreement", expect: PAGE_RESEARCH },
  "GET /agreement/[datasetId]": { url: (i) => `/agreement/${i.dataset}`, expect: PAGE_RESEARCH },
  "GET /audits": { url: () => "/audits", expect: PAGE_RESEARCH },
  "GET /audits/[modelId]/[datasetId]": { url: (i) => `/audits/${i.model}/${i.dataset}`, expect: PAGE_RESEARCH },
  "GET /models": { url: () => "/models", expect: PAGE_RESEARCH },
  "GET /exports": { url: () => "/exports", expect: PAGE_RESEARCH },
  "GET /datasets/import": { url: () => "/datasets/import", expect: PAGE_RESEARCH },
  "GET /jobs": { url: () => "/jobs", expect: PAGE_RESEARCH },
  "GET /rounds": { url: () => "/rounds", expect: PAGE_RESEARCH },
  "GET /rounds/new": { url: () => "/rounds/new", expect: PAGE_RESEARCH },
  "GET /rounds/[id]": { url: (i) => `/rounds/${i.round}`, expect: PAGE_RESEARCH },
  "GET /rounds/[id]/items/[itemId]": { url: (i) => `/rounds/${i.round}/items/${i.item}`, expect: PAGE_RESEARCH },
  "GET /users": { url: () => "/users", expect: { anonymous: 307, rater: 403, otherRater: 403, researcher: 403, admin: 200 } },
  "GET /tokens": { url: () => "/tokens", expect: { anonymous: 307, rater: 200, otherRater: 200, researcher: 200, admin: 200 } },
  // An unknown link: the page says it is not valid (to everyone; the link is the credential).
  "GET /invite/[token]": { url: () => "/invite/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", expect: { anonymous: 200, rater: 200, otherRater: 200, researcher: 200, admin: 200 } },

  "GET /api/health": { url: () => "/api/health", expect: { anonymous: 200, rater: 200, otherRater: 200, researcher: 200, admin: 200 } },
  "GET /api/auth/[...nextauth]": { url: () => "/api/auth/session", expect: { anonymous: 200, rater: 200, otherRater: 200, researcher: 200, admin: 200 } },
  "POST /api/auth/[...nextauth]": { url: () => "/api/auth/signout", expect: { anonymous: 302, rater: 302, otherRater: 302, researcher: 302, admin: 302 } },
  "GET /api/datasets": { url: () => "/api/datasets", expect: API_RESEARCH },
  "GET /api/datasets/[id]/items": { url: (i) => `/api/datasets/${i.dataset}/items`, expect: API_RESEARCH },
  "GET /api/items/[id]": { url: (i) => `/api/items/${i.item}`, expect: API_RESEARCH },
  "GET /api/audio/[itemId]": { url: (i) => `/api/audio/${i.otherItem}`, expect: { anonymous: 401, rater: 404, otherRater: 200, researcher: 200, admin: 200 } },
  "GET /api/agreement/[datasetId]": { url: (i) => `/api/agreement/${i.dataset}?granularity=sentence&aspect=accuracy&replicates=20`, expect: API_RESEARCH },
  "GET /api/agreement/[datasetId]/eval": { url: (i) => `/api/agreement/${i.dataset}/eval?model=m1`, expect: API_RESEARCH },
  "GET /api/agreement/[datasetId]/download": { url: (i) => `/api/agreement/${i.dataset}/download?table=agreement`, expect: API_RESEARCH },
  "GET /api/audits": { url: () => "/api/audits", expect: API_RESEARCH },
  "POST /api/audits": { url: () => "/api/audits", body: {}, expect: API_RESEARCH_WRITE },
  "GET /api/audits/[modelId]/[datasetId]": { url: (i) => `/api/audits/${i.model}/${i.dataset}`, expect: API_RESEARCH },
  "GET /api/models": { url: () => "/api/models", expect: API_RESEARCH },
  "POST /api/models/infer": { url: () => "/api/models/infer", body: {}, expect: API_RESEARCH_WRITE },
  "GET /api/jobs": { url: () => "/api/jobs", expect: API_RESEARCH },
  "GET /api/jobs/[id]": { url: (i) => `/api/jobs/${i.job}`, expect: { anonymous: 401, rater: 404, otherRater: 404, researcher: 200, admin: 200 } },
  "POST /api/jobs/[id]/cancel": { url: () => `/api/jobs/00000000-0000-7000-8000-000000000000/cancel`, expect: { anonymous: 401, rater: 404, otherRater: 404, researcher: 404, admin: 404 } },
  "GET /api/exports": { url: () => "/api/exports", expect: API_RESEARCH },
  "POST /api/uploads": { url: () => "/api/uploads", body: {}, expect: { anonymous: 401, rater: 403, otherRater: 403, researcher: 201, admin: 201 } },
  // An upload that does not exist (or is someone else's) is not found; its file is never read.
  "PUT /api/uploads/[id]/files/[name]": { url: () => "/api/uploads/00000000-0000-4000-8000-000000000000/files/m.csv", body: {}, expect: { anonymous: 401, rater: 403, otherRater: 403, researcher: 404, admin: 404 } },
  "POST /api/uploads/[id]/validate": { url: () => "/api/uploads/00000000-0000-4000-8000-000000000000/validate", body: {}, expect: API_RESEARCH_WRITE },
  "POST /api/uploads/[id]/import": { url: () => "/api/uploads/00000000-0000-4000-8000-000000000000/import", body: {}, expect: API_RESEARCH_WRITE },
  "POST /api/exports": { url: () => "/api/exports", body: {}, expect: API_RESEARCH_WRITE },
  "GET /api/exports/[id]/download": { url: (i) => `/api/exports/${i.job}/download`, expect: { anonymous: 401, rater: 403, otherRater: 403, researcher: 404, admin: 404 } },
  "GET /api/rounds": { url: () => "/api/rounds", expect: API_RESEARCH },
  "POST /api/rounds": { url: () => "/api/rounds", body: {}, expect: API_RESEARCH_WRITE },
  "GET /api/rounds/[id]": { url: (i) => `/api/rounds/${i.round}`, expect: API_RESEARCH },
  "PUT /api/rounds/[id]/state": { url: (i) => `/api/rounds/${i.round}/state`, body: {}, expect: API_RESEARCH_WRITE },
  "POST /api/rounds/[id]/raters": { url: (i) => `/api/rounds/${i.round}/raters`, body: {}, expect: API_RESEARCH_WRITE },
  "PUT /api/rounds/[id]/instructions": { url: (i) => `/api/rounds/${i.round}/instructions`, body: {}, expect: API_RESEARCH_WRITE },
  "GET /api/rounds/[id]/items/[itemId]": { url: (i) => `/api/rounds/${i.round}/items/${i.item}`, expect: API_RESEARCH },
  "POST /api/rounds/[id]/items/[itemId]": { url: (i) => `/api/rounds/${i.round}/items/${i.item}`, body: {}, expect: API_RESEARCH_WRITE },
  "GET /api/rater/queue": { url: () => "/api/rater/queue", expect: { anonymous: 401, rater: 200, otherRater: 200, researcher: 403, admin: 200 } },
  "GET /api/rater/assignments/[id]": { url: (i) => `/api/rater/assignments/${i.assignment}`, expect: RATER_OWN },
  "GET /api/rater/assignments/[id]/judgment": { url: (i) => `/api/rater/assignments/${i.assignment}/judgment`, expect: RATER_OWN },
  "PUT /api/rater/assignments/[id]/judgment": { url: (i) => `/api/rater/assignments/${i.assignment}/judgment`, body: {}, expect: RATER_OWN_WRITE },
  "POST /api/rater/assignments/[id]/skip": { url: (i) => `/api/rater/assignments/${i.assignment}/skip`, body: {}, expect: RATER_OWN_WRITE },
  "GET /api/rater/assignments/[id]/model": { url: (i) => `/api/rater/assignments/${i.assignment}/model`, expect: RATER_OWN },
  "POST /api/rater/assignments/[id]/mention-answers": { url: (i) => `/api/rater/assignments/${i.assignment}/mention-answers`, body: {}, expect: RATER_OWN_WRITE },
  "GET /api/rater/assignments/[id]/ab": { url: (i) => `/api/rater/assignments/${i.assignment}/ab`, expect: RATER_OWN },
  "POST /api/rater/assignments/[id]/ab": { url: (i) => `/api/rater/assignments/${i.assignment}/ab`, body: {}, expect: RATER_OWN_WRITE },
  "GET /api/users": { url: () => "/api/users", expect: { anonymous: 401, rater: 403, otherRater: 403, researcher: 403, admin: 200 } },
  "POST /api/users": { url: () => "/api/users", body: {}, expect: { anonymous: 401, rater: 403, otherRater: 403, researcher: 403, admin: 422 } },
  "PATCH /api/users/[id]": { url: (i) => `/api/users/${i.admin}`, body: {}, expect: { anonymous: 401, rater: 403, otherRater: 403, researcher: 403, admin: 422 } },
  "GET /api/tokens": { url: () => "/api/tokens", expect: { anonymous: 401, rater: 200, otherRater: 200, researcher: 200, admin: 200 } },
  "POST /api/tokens": { url: () => "/api/tokens", body: {}, expect: { anonymous: 401, rater: 422, otherRater: 422, researcher: 422, admin: 422 } },
  "DELETE /api/tokens/[id]": { url: () => "/api/tokens/00000000-0000-7000-8000-000000000000", expect: { anonymous: 401, rater: 404, otherRater: 404, researcher: 404, admin: 404 } },
  "POST /api/invitations/[token]": { url: () => "/api/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", body: {}, expect: { anonymous: 422, rater: 422, otherRater: 422, researcher: 422, admin: 422 } },
  "PUT /api/rater/assignments/[id]/alignment": { url: (i) => `/api/rater/assignments/${i.assignment}/alignment`, body: {}, expect: RATER_OWN_WRITE },
};

// Server actions, called both ways a browser calls them: by the page's script (a POST with the
// action's id in Next-Action and the arguments in React's reply encoding) and by a plain form post
// without script (the id in a $ACTION_ID_ field). Staff get past the permission check to a refusal
// that changes nothing: the form names no rater, so the action goes back to the page with the
// message (a redirect: 200 with x-action-redirect to the script, 303 to the plain form). Next
// answers a plain form post whose action refuses (401/403) with its not-found page (404): a refusal
// all the same, never a 500 and never the action's effect.
interface ActionEntry {
  page: (ids: Ids) => string;
  form: (ids: Ids) => [string, string][];
  expect: Record<"script" | "form", Record<Role, number>>;
}
const ACTIONS: Record<string, ActionEntry> = {
  // An empty choice is refused after the permission check (back to the page with the message).
  "app/(research)/audits/[modelId]/[datasetId]/page.tsx#settle": {
    page: (i) => `/audits/${i.model}/${i.dataset}`,
    form: (i) => [["modelId", i.model], ["datasetId", i.dataset], ["predictionId", ""], ["judgeId", ""], ["key", ""], ["choice", ""]],
    expect: {
      script: { anonymous: 401, rater: 403, otherRater: 403, researcher: 200, admin: 200 },
      form: { anonymous: 404, rater: 404, otherRater: 404, researcher: 303, admin: 303 },
    },
  },
  "app/(research)/audits/[modelId]/[datasetId]/page.tsx#sendToReview": {
    page: (i) => `/audits/${i.model}/${i.dataset}`,
    form: (i) => [["modelId", i.model], ["datasetId", i.dataset], ["code", ""]],
    expect: {
      script: { anonymous: 401, rater: 403, otherRater: 403, researcher: 200, admin: 200 },
      form: { anonymous: 404, rater: 404, otherRater: 404, researcher: 303, admin: 303 },
    },
  },
  // No state named: staff are sent back to the page with the message; the round stays as it is.
  "app/(research)/rounds/[id]/page.tsx#changeState": {
    page: (i) => `/rounds/${i.round}`,
    form: (i) => [["roundId", i.round], ["state", ""]],
    expect: {
      script: { anonymous: 401, rater: 403, otherRater: 403, researcher: 200, admin: 200 },
      form: { anonymous: 404, rater: 404, otherRater: 404, researcher: 303, admin: 303 },
    },
  },
  // No rater named: nothing is added.
  "app/(research)/rounds/[id]/page.tsx#addRaters": {
    page: (i) => `/rounds/${i.round}`,
    form: (i) => [["roundId", i.round]],
    expect: {
      script: { anonymous: 401, rater: 403, otherRater: 403, researcher: 200, admin: 200 },
      form: { anonymous: 404, rater: 404, otherRater: 404, researcher: 303, admin: 303 },
    },
  },
};

/** The request body a browser sends for an action taking one FormData (React's reply encoding, or a plain form). */
function actionBody(way: "script" | "form", id: string, fields: [string, string][]): FormData {
  const body = new FormData();
  if (way === "script") {
    // The argument list is part 0; the FormData argument is part 1, its fields prefixed "1_".
    body.append("0", '["$K1"]');
    for (const [k, v] of fields) body.append(`1_${k}`, v);
  } else {
    body.append(`$ACTION_ID_${id}`, "");
    for (const [k, v] of fields) body.append(k, v);
  }
  return body;
}

const PW = "correct horse battery";

describe("access matrix: every route × role", () => {
  const routes = discoverRoutes();
  const actions = discoverServerActions();

  it("has an entry for every page, route handler and server action, and none for ones that do not exist", () => {
    const keys = routes.map((r) => `${r.method} ${r.pattern}`);
    expect(keys.filter((k) => !MATRIX[k]), "routes without an access-matrix entry").toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !keys.includes(k)), "matrix entries for routes that do not exist").toEqual([]);
    expect(actions.map((a) => a.key).filter((k) => !ACTIONS[k]), "server actions without an access-matrix entry").toEqual([]);
    expect(Object.keys(ACTIONS).filter((k) => !actions.some((a) => a.key === k)), "matrix entries for server actions that do not exist").toEqual([]);
  });

  describe.each(TEST_DATABASES)("on $name", (t) => {
    let app: RunningApp;
    let ids: Ids;
    const cookies: Partial<Record<Role, string>> = {};
    beforeAll(async () => {
      const corpus = await miniCorpus(2);
      app = await startApp(t, async (db) => {
        await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
        const admin = await createUser(db, { email: "admin@example.org", password: PW, role: "admin" });
        const a = await createUser(db, { email: "a@example.org", password: PW, role: "rater" });
        const b = await createUser(db, { email: "b@example.org", password: PW, role: "rater" });
        await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
        const ds = await db.prisma.dataset.findFirstOrThrow();
        const items = await db.prisma.item.findMany({ orderBy: { uttId: "asc" } });
        const round = await db.prisma.round.create({ data: { datasetId: ds.id, name: "r1", kind: "RATING" } });
        const asg = await db.prisma.assignment.create({ data: { roundId: round.id, itemId: items[0].id, raterId: a.id } });
        await db.prisma.assignment.create({ data: { roundId: round.id, itemId: items[1].id, raterId: b.id } });
        const mv = await db.prisma.modelVersion.create({ data: { name: "m1", kind: "FILE" } });
        const res = await db.prisma.user.findUniqueOrThrow({ where: { email: "res@example.org" } });
        const job = await db.prisma.job.create({ data: { kind: "infer", status: "SUCCEEDED", createdById: res.id } });
        ids = { dataset: ds.id, item: items[0].id, otherItem: items[1].id, round: round.id, assignment: asg.id, job: job.id, model: mv.id, exportJob: job.id, admin: admin.id };
      });
      cookies.rater = (await signIn(app.base, "a@example.org", PW))!;
      cookies.otherRater = (await signIn(app.base, "b@example.org", PW))!;
      cookies.researcher = (await signIn(app.base, "res@example.org", PW))!;
      cookies.admin = (await signIn(app.base, "admin@example.org", PW))!;
    });
    afterAll(async () => app?.stop());

    // What must never leave the server: the auth secret, any password or Argon2 hash, session tokens.
    let secretList: string[] | null = null;
    const secrets = () => {
      if (!secretList) {
        const tokens = Object.values(cookies).flatMap((c) => c!.split("; ").filter((p) => p.includes("session-token")).map((p) => p.split("=")[1]));
        secretList = [readFileSync(path.join(app.dataDir, "auth-secret"), "utf8").trim(), PW, "$argon2", "passwordHash", ...tokens];
      }
      return secretList;
    };

    it("gives each role exactly the expected status on every route", async () => {
      const wrong: string[] = [];
      for (const r of routes) {
        const key = `${r.method} ${r.pattern}`;
        const entry = MATRIX[key];
        if (!entry) continue;
        for (const role of ROLES) {
          const headers: Record<string, string> = { origin: app.base };
          if (cookies[role as Exclude<Role, "anonymous">]) headers.cookie = cookies[role as Exclude<Role, "anonymous">]!;
          if (entry.body !== undefined) headers["content-type"] = "application/json";
          const res = await fetch(`${app.base}${entry.url(ids)}`, {
            method: r.method,
            redirect: "manual",
            headers,
            body: entry.body === undefined ? undefined : JSON.stringify(entry.body),
          });
          const body = Buffer.from(await res.arrayBuffer()).toString("latin1");
          if (res.status !== entry.expect[role]) wrong.push(`${key} as ${role}: got ${res.status}, expected ${entry.expect[role]}`);
          for (const s of secrets()) if (body.includes(s)) wrong.push(`${key} as ${role}: the response contains a secret (${s.slice(0, 12)}…)`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it("gives each role exactly the expected status on every server action, and changes nothing", async () => {
      const actionIds = serverActionIds(actions);
      const wrong: string[] = [];
      for (const a of actions) {
        const entry = ACTIONS[a.key];
        if (!entry) continue;
        const id = actionIds.get(a.key)!;
        for (const way of ["script", "form"] as const) {
          for (const role of ROLES) {
            const headers: Record<string, string> = { origin: app.base };
            if (way === "script") headers["next-action"] = id;
            if (cookies[role as Exclude<Role, "anonymous">]) headers.cookie = cookies[role as Exclude<Role, "anonymous">]!;
            const res = await fetch(`${app.base}${entry.page(ids)}`, { method: "POST", redirect: "manual", headers, body: actionBody(way, id, entry.form(ids)) });
            const body = Buffer.from(await res.arrayBuffer()).toString("latin1");
            if (res.status !== entry.expect[way][role]) wrong.push(`${a.key} (${way}) as ${role}: got ${res.status}, expected ${entry.expect[way][role]}`);
            for (const s of secrets()) if (body.includes(s)) wrong.push(`${a.key} (${way}) as ${role}: the response contains a secret (${s.slice(0, 12)}…)`);
          }
        }
      }
      expect(wrong).toEqual([]);
      // Nothing was sent to review by anyone.
      const rounds = await (await fetch(`${app.base}/api/rounds`, { headers: { cookie: cookies.researcher! } })).json();
      expect(rounds.rounds.map((r: { kind: string }) => r.kind)).not.toContain("REVIEW");
    });

    it("never writes a password, password hash, session token or the auth secret to the server's log", async () => {
      // Failed and rate-limited sign-ins and odd requests on top of every route and action above.
      await signIn(app.base, "a@example.org", "a wrong password of mine");
      await fetch(`${app.base}/api/datasets/%00/items`, { headers: { cookie: cookies.researcher! } });
      const log = app.output();
      expect(log.length).toBeGreaterThan(0);
      const leaked = [...secrets(), "a wrong password of mine"].filter((s) => log.includes(s));
      expect(leaked.map((s) => s.slice(0, 12))).toEqual([]);
    });
  });
});
