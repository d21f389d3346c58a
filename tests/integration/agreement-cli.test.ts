// Contract tests of `agreement --csv|--dataset` and `eval` through the real command line.
import { describe, it, expect, beforeAll } from "vitest";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runCli } from "../helpers/cli";
import { miniCorpus } from "../helpers/corpus";

const FIX = path.resolve("tests/fixtures/agreement");
const CSV_KEYS = ["units", "raters", "krippendorff", "icc", "fleiss_kappa", "mean_pairwise_pearson"];
const r3 = (v: number | null) => (v === null ? null : Number(v.toFixed(3)));

let dir: string;
const csvFile = async (name: string, text: string) => {
  const f = path.join(dir, name);
  await writeFile(f, text);
  return f;
};

describe("agreement --csv", () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "attest-agreement-"));
  });

  it("reproduces Krippendorff (2011): 0.743 / 0.815 / 0.849 / 0.797, ICC null with missing cells", () => {
    const r = runCli(["agreement", "--csv", path.join(FIX, "krippendorff-2011.csv"), "--json"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(Object.keys(r.json)).toEqual(CSV_KEYS);
    expect(Object.keys(r.json.krippendorff)).toEqual(["nominal", "ordinal", "interval", "ratio"]);
    expect(Object.keys(r.json.icc)).toEqual(["ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k"]);
    expect(r.json).toMatchObject({ units: 12, raters: 4 });
    const k = r.json.krippendorff;
    expect([k.nominal, k.ordinal, k.interval, k.ratio].map(r3)).toEqual([0.743, 0.815, 0.849, 0.797]);
    expect(Object.values(r.json.icc)).toEqual([null, null, null, null, null, null]);
    expect(typeof r.json.fleiss_kappa).toBe("number");
    expect(typeof r.json.mean_pairwise_pearson).toBe("number");
  });

  it("reproduces Shrout & Fleiss (1979): 0.17, 0.29, 0.71, 0.44, 0.62, 0.91", () => {
    const r = runCli(["agreement", "--csv", path.join(FIX, "shrout-fleiss-1979.csv"), "--json"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ units: 6, raters: 4 });
    const i = r.json.icc;
    expect([i.ICC1, i.ICC2, i.ICC3, i.ICC1k, i.ICC2k, i.ICC3k].map((v: number) => v.toFixed(2))).toEqual(["0.17", "0.29", "0.71", "0.44", "0.62", "0.91"]);
    expect(r3(i.ICC1)).toBe(0.166);
    expect(r3(i.ICC3k)).toBe(0.909);
  });

  it("gives null, never NaN, for one rater and for all-equal ratings", async () => {
    const one = runCli(["agreement", "--csv", await csvFile("one.csv", "unit,a\nu1,3\nu2,4\nu3,5\n"), "--json"]);
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout).not.toMatch(/NaN|Infinity/);
    expect(one.json).toEqual({
      units: 3, raters: 1,
      krippendorff: { nominal: null, ordinal: null, interval: null, ratio: null },
      icc: { ICC1: null, ICC2: null, ICC3: null, ICC1k: null, ICC2k: null, ICC3k: null },
      fleiss_kappa: null, mean_pairwise_pearson: null,
    });
    const same = runCli(["agreement", "--csv", await csvFile("same.csv", "unit,a,b,c\nu1,2,2,2\nu2,2,2,2\nu3,2,2,2\n"), "--json"]);
    expect(same.status, same.stderr).toBe(0);
    expect(same.stdout).not.toMatch(/NaN|Infinity/);
    expect(same.json.krippendorff.interval).toBeNull();
    expect(same.json.icc.ICC2).toBeNull();
    expect(same.json.fleiss_kappa).toBeNull();
    expect(same.json.mean_pairwise_pearson).toBeNull();
    // A unit with a single rating is kept as a unit but is not pairable.
    const single = runCli(["agreement", "--csv", await csvFile("single.csv", "unit,a,b\nu1,1,2\nu2,3,\nu3,2,2\nu4,4,3\n"), "--json"]);
    expect(single.json.units).toBe(4);
    expect(single.json.icc.ICC1).toBeNull();
    expect(typeof single.json.krippendorff.interval).toBe("number");
  });

  it("refuses ragged rows and non-numeric cells with file, line and column", async () => {
    const ragged = await csvFile("ragged.csv", "unit,a,b\nu1,1,2\nu2,3\nu3,2,2\n");
    const r = runCli(["agreement", "--csv", ragged, "--json"]);
    expect(r.status).toBe(1);
    expect(r.json.error.code).toBe("INVALID_INPUT");
    expect(r.json.error.message).toContain("ragged.csv");
    expect(r.json.error.problems[0]).toMatchObject({ line: 3 });
    expect(r.stderr).toMatch(/ragged\.csv:3/);
    const bad = await csvFile("bad.csv", "unit,a,b\nu1,1,2\nu2,3,x\n");
    const b = runCli(["agreement", "--csv", bad, "--json"]);
    expect(b.status).toBe(1);
    expect(b.json.error.problems[0]).toMatchObject({ line: 3, field: "column 3 (b)" });
    expect(b.json.error.message).toMatch(/bad\.csv:3: line 3, column 3: "x" is not a number/);
    const quote = runCli(["agreement", "--csv", await csvFile("quote.csv", 'unit,a\nu1,"1\n'), "--json"]);
    expect(quote.status).toBe(1);
    expect(quote.json.error.message).toMatch(/quote\.csv/);
    expect(runCli(["agreement", "--csv", path.join(dir, "missing.csv"), "--json"]).status).toBe(1);
    expect(runCli(["agreement", "--json"]).status).toBe(2);
  });
});

describe("agreement --dataset and eval on an imported corpus", () => {
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    env = { ATTEST_DATA_DIR: await mkdtemp(path.join(tmpdir(), "attest-agreement-db-")), DATABASE_URL: "" } as unknown as NodeJS.ProcessEnv;
    const corpus = await miniCorpus(12);
    const imp = runCli(["import", "speechocean762", corpus, "--dataset", "mini", "--split", "test", "--json"], env);
    expect(imp.status, imp.stderr).toBe(0);
  });

  it("prints the --csv keys plus ci for one granularity and aspect, reproducibly for a seed", () => {
    const args = ["agreement", "--dataset", "mini", "--granularity", "sentence", "--aspect", "accuracy", "--seed", "3", "--replicates", "200", "--json"];
    const a = runCli(args, env);
    expect(a.status, a.stderr).toBe(0);
    expect(Object.keys(a.json)).toEqual([...CSV_KEYS, "ci"]);
    // The first test utterances have four sentence-level raters (the fifth's array is short):
    // a rater with no rating of this aspect is not a column.
    expect(a.json).toMatchObject({ units: 12, raters: 4 });
    const [lo, hi] = a.json.ci.krippendorff.interval;
    expect(lo).toBeLessThanOrEqual(a.json.krippendorff.interval);
    expect(hi).toBeGreaterThanOrEqual(a.json.krippendorff.interval);
    expect(a.json.ci).toMatchObject({ confidence: 0.95, replicates: 200, seed: 3 });
    expect(runCli(args, env).json).toEqual(a.json);
    const other = runCli(args.map((x) => (x === "3" ? "4" : x)), env);
    expect(other.json.ci.krippendorff.interval).not.toEqual(a.json.ci.krippendorff.interval);
    expect(a.stdout).not.toMatch(/NaN/);
  });

  it("keys every granularity and aspect without --granularity/--aspect; accepts phone score", () => {
    const all = runCli(["agreement", "--dataset", "mini", "--replicates", "50", "--json"], env);
    expect(all.status, all.stderr).toBe(0);
    expect(Object.keys(all.json)).toEqual([
      "sentence.accuracy", "sentence.fluency", "sentence.prosody", "sentence.completeness", "sentence.total",
      "word.accuracy", "word.stress", "word.total", "phone.accuracy",
    ]);
    for (const v of Object.values(all.json) as { units: number; ci: unknown }[]) expect(v.ci).toBeTruthy();
    // Words and phones are units: complete 5-rater matrices, so ICCs are defined.
    expect(typeof all.json["word.accuracy"].icc.ICC2).toBe("number");
    const phone = runCli(["agreement", "--dataset", "mini", "--granularity", "phone", "--aspect", "score", "--replicates", "50", "--json"], env);
    expect(phone.json.units).toBe(all.json["phone.accuracy"].units);
    expect(phone.json.krippendorff).toEqual(all.json["phone.accuracy"].krippendorff);
    const word = runCli(["agreement", "--dataset", "mini", "--granularity", "word", "--replicates", "50", "--json"], env);
    expect(Object.keys(word.json)).toEqual(["word.accuracy", "word.stress", "word.total"]);
    expect(runCli(["agreement", "--dataset", "mini", "--aspect", "nonsense", "--json"], env).json.error.code).toBe("INVALID_INPUT");
    expect(runCli(["agreement", "--dataset", "nope", "--json"], env).json.error.code).toBe("NOT_FOUND");
  });

  it("eval reports an unknown model as NOT_FOUND", () => {
    const r = runCli(["eval", "--dataset", "mini", "--model", "nope", "--json"], env);
    expect(r.status).toBe(1);
    expect(r.json.error.code).toBe("NOT_FOUND");
  });
});
