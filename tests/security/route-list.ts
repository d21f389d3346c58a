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
