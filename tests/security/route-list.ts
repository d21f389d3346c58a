// Every page and route handler of the app, read from the app/ folder: the access matrix must have
// an entry for each, so a new route without one fails the suite.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface DiscoveredRoute {
  /** URL pattern with Next's segment syntax, route groups removed: "/api/items/[id]". */
  pattern: string;
  method: string;
  kind: "page" | "api";
  file: string;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function walk(dir: string, out: string[]) {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (e === "page.tsx" || e === "route.ts") out.push(p);
  }
}

export function discoverRoutes(appDir = path.resolve("app")): DiscoveredRoute[] {
  const files: string[] = [];
  walk(appDir, files);
  const routes: DiscoveredRoute[] = [];
  for (const file of files) {
    const rel = path.relative(appDir, path.dirname(file)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
    const pattern = `/${rel.join("/")}`;
    if (file.endsWith("page.tsx")) {
      routes.push({ pattern, method: "GET", kind: "page", file });
      continue;
    }
    const src = readFileSync(file, "utf8");
    const exported = METHODS.filter((m) => new RegExp(`export\\s+(const|async function|function)\\s+${m}\\b|\\w+ as ${m}\\b`).test(src));
    for (const method of exported) routes.push({ pattern, method, kind: "api", file });
  }
  return routes.sort((a, b) => `${a.method} ${a.pattern}`.localeCompare(`${b.method} ${b.pattern}`));
}

export interface DiscoveredAction {
  /** "<file relative to the project>#<function name>", the access matrix's key. */
  key: string;
  /** The source file, relative to the project root (as Next's server-reference manifest names it). */
  file: string;
  name: string;
}

function walkSources(dir: string, out: string[]) {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) walkSources(p, out);
    else if (/\.(ts|tsx)$/.test(e) && !e.endsWith(".test.ts")) out.push(p);
  }
}

/**
 * Every server action in app/ and components/: functions with an inline "use server", and the
 * exported async functions of "use server" modules, in source order (the order Next numbers them).
 */
export function discoverServerActions(root = path.resolve(".")): DiscoveredAction[] {
  const files: string[] = [];
  for (const d of ["app", "components"]) walkSources(path.join(root, d), files);
  const actions: DiscoveredAction[] = [];
  for (const abs of files.sort()) {
    const src = readFileSync(abs, "utf8");
    const file = path.relative(root, abs).split(path.sep).join("/");
    const names: string[] = [];
    if (/^\s*["']use server["']/.test(src)) {
      for (const m of src.matchAll(/export\s+async\s+function\s+(\w+)|export\s+const\s+(\w+)\s*=\s*async/g)) names.push(m[1] ?? m[2]);
    } else {
      for (const m of src.matchAll(/async\s+function\s+(\w+)\s*\([^)]*\)[^{]*\{\s*["']use server["']/g)) names.push(m[1]);
    }
    for (const name of names) actions.push({ key: `${file}#${name}`, file, name });
  }
  return actions;
}

/** The action ids of a build (`.next/server/server-reference-manifest.json`), by matrix key. */
export function serverActionIds(actions: DiscoveredAction[], distDir = process.env.ATTEST_DIST_DIR || ".next"): Map<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(distDir, "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const ids = new Map<string, string>();
  for (const file of new Set(actions.map((a) => a.file))) {
    const mine = actions.filter((a) => a.file === file);
    const num = (n: string) => Number(/(\d+)$/.exec(n)?.[1] ?? 0);
    const built = Object.entries(manifest.node)
      .filter(([, v]) => v.filename === file)
      .sort(([, a], [, b]) => num(a.exportedName) - num(b.exportedName));
    if (built.length !== mine.length) throw new Error(`${file}: ${mine.length} server actions in the source, ${built.length} in the build's manifest`);
    // Exported actions keep their names; inline ones are numbered in source order.
    mine.forEach((a, i) => ids.set(a.key, (built.find(([, v]) => v.exportedName === a.name) ?? built[i])[0]));
  }
  return ids;
}
