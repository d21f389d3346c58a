// Benchmark (issue 14): start-up of the command line as `npm run cli` runs it (package.json's "cli"
// script, without npm's own start-up): `help`, `agreement --csv` on the small fixture, and
// `agreement --csv` on 25,000 ratings (5,000 units × 5 raters, 10% missing, seeded) end to end; each
// beside `node -e 0` measured in the same run, as seconds (median of 5 runs) and as a ratio.
//   npm run bench -- cli
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { mulberry32, randomInt } from "@/lib/metrics";

const RUNS = 5;

/** The node arguments of package.json's "cli" script ("node scripts/cli.mjs"). */
function cliArgs(): string[] {
  const script: string = JSON.parse(readFileSync("package.json", "utf8")).scripts.cli;
  const [bin, ...args] = script.split(/\s+/);
  if (bin !== "node") throw new Error(`package.json's cli script does not start with node: ${script}`);
  return args;
}

function seconds(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: "utf8" });
    times.push((performance.now() - t0) / 1000);
    if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${r.status}: ${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[RUNS >> 1];
}

const dir = mkdtempSync(path.join(os.tmpdir(), "attest-bench-cli-"));
try {
  const rng = mulberry32(14);
  const rows = ["unit,r1,r2,r3,r4,r5"];
  for (let u = 0; u < 5_000; u++) {
    const truth = randomInt(rng, 11);
    const cells = Array.from({ length: 5 }, () => (rng() < 0.1 ? "" : String(Math.max(0, Math.min(10, truth + randomInt(rng, 5) - 2)))));
    rows.push([`u${u}`, ...cells].join(","));
  }
  const big = path.join(dir, "ratings-25k.csv");
  writeFileSync(big, `${rows.join("\n")}\n`);

  const cli = cliArgs();
  // The first run after a change builds the cached bundle (scripts/cli.mjs): not start-up.
  seconds([...cli, "help"]);
  const base = seconds(["-e", "0"]);
  const cases: [string, string[]][] = [
    ["help", ["help"]],
    ["agreement --csv (fixture, 4 raters)", ["agreement", "--csv", "tests/fixtures/agreement/krippendorff-2011.csv", "--json"]],
    ["agreement --csv (25,000 ratings)", ["agreement", "--csv", big, "--json"]],
  ];
  console.log(`command: node ${cli.join(" ")} … (median of ${RUNS} runs; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs)`);
  console.log(`${"node -e 0".padEnd(40)} ${base.toFixed(2)} s  1.0×`);
  for (const [name, args] of cases) {
    const s = seconds([...cli, ...args]);
    console.log(`${name.padEnd(40)} ${s.toFixed(2)} s  ${(s / base).toFixed(1)}×`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
