// `npm run cli` starts here. It runs scripts/cli.ts from an esbuild bundle cached under
// node_modules/.cache/attest-cli (our TypeScript bundled, one chunk per command, packages left to
// node_modules), rebuilt when any file it was built from changed — so a command starts without
// tsx's loader, which alone cost more than the rest of start-up. ATTEST_CLI_TSX=1 runs the
// TypeScript through tsx instead (no cache), and so does the launcher when a bundled source locates
// files from its own place (import.meta.url / dirname: in a bundle that is the bundle's place).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cacheDir = path.join(root, "node_modules", ".cache", "attest-cli");
const manifestFile = path.join(cacheDir, "manifest.json");
/** Files that change the build without being bundled. */
const ALSO = ["scripts/cli.mjs", "tsconfig.json", "package.json", "package-lock.json"];
const DAY_MS = 86_400_000;

function fingerprint(rel) {
  try {
    const s = statSync(path.join(root, rel));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
}

/** What to run: the cached bundle's entry, or `tsx` when the sources cannot be bundled. */
const runTarget = (m) => (m.tsx ? "tsx" : path.join(cacheDir, m.dir, "cli.js"));

/** The cached choice, or null when there is none or a file it was built from changed. */
function cached() {
  let m;
  try {
    m = JSON.parse(readFileSync(manifestFile, "utf8"));
  } catch {
    return null;
  }
  for (const [rel, fp] of Object.entries(m.inputs)) if (fingerprint(rel) !== fp) return null;
  return runTarget(m);
}

/** Bundled sources that locate files relative to themselves (the generated Prisma client's use is harmless). */
function selfLocating(inputs) {
  return inputs.filter(
    (rel) => /\.[cm]?tsx?$/.test(rel) && !rel.startsWith("lib/db/generated/") && /import\.meta\.(url|dirname|filename)/.test(readFileSync(path.join(root, rel), "utf8")),
  );
}

async function buildBundle() {
  const { build } = await import("esbuild");
  const started = Date.now();
  const dir = `build-${started}-${process.pid}`;
  const result = await build({
    absWorkingDir: root,
    entryPoints: { cli: "scripts/cli.ts" },
    outdir: path.join(cacheDir, dir),
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    tsconfig: "tsconfig.json",
    sourcemap: "linked",
    metafile: true,
    logLevel: "error",
  });
  const inputs = {};
  let changedMeanwhile = false;
  for (const rel of [...Object.keys(result.metafile.inputs), ...ALSO]) {
    inputs[rel] = fingerprint(rel);
    const s = statSync(path.join(root, rel), { throwIfNoEntry: false });
    if (s && s.mtimeMs >= started) changedMeanwhile = true;
  }
  const tsx = selfLocating(Object.keys(result.metafile.inputs));
  const manifest = { dir, inputs, ...(tsx.length ? { tsx } : {}) };
  // A file edited while we built may or may not be in this bundle: use it once, cache nothing.
  if (!changedMeanwhile) {
    const tmp = `${manifestFile}.${process.pid}`;
    writeFileSync(tmp, JSON.stringify(manifest));
    renameSync(tmp, manifestFile); // atomic: concurrent CLIs see one manifest or the other
    for (const d of readdirSync(cacheDir)) {
      const full = path.join(cacheDir, d);
      if (d.startsWith("build-") && d !== dir && Date.now() - statSync(full).mtimeMs > DAY_MS) rmSync(full, { recursive: true, force: true });
    }
  }
  return runTarget(manifest);
}

mkdirSync(cacheDir, { recursive: true });
const target = process.env.ATTEST_CLI_TSX === "1" ? "tsx" : (cached() ?? (await buildBundle()));
if (target === "tsx") {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(path.join(root, "scripts", "cli.ts")).href);
} else {
  // Stacks of unexpected errors point at the TypeScript sources.
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(target).href);
}
