// TextGrid import and export through the real CLI: import a folder, export a rater's alignment,
// and read it back; a bad file rejects the whole folder with named problems.
import { describe, it, expect } from "vitest";
import { mkdir, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runCli } from "../helpers/cli";
import { miniCorpus } from "../helpers/corpus";
import { openDatabase } from "@/lib/db/client";
import { createRound } from "@/lib/services/rounds";
import { parseTextGrid, labelledIntervals, writeTextGrid } from "@/lib/textgrid/textgrid";

describe("textgrid import/export CLI", () => {
  it("imports a folder of TextGrids and exports a rater's alignment", async () => {
    const data = await mkdtemp(path.join(tmpdir(), "attest-tg-"));
    const env = { ATTEST_DATA_DIR: data, DATABASE_URL: "" };
    const corpus = await miniCorpus(2);
    expect(runCli(["import", "speechocean762", corpus, "--dataset", "mini", "--split", "test", "--json"], env).status).toBe(0);
    expect(runCli(["user", "create", "--email", "r@example.org", "--password", "correct horse battery", "--role", "rater"], env).status).toBe(0);

    // Export first (even spread, nothing imported yet) to get well-formed files, then shift them.
    const db = await openDatabase({ kind: "pglite", dir: path.join(data, "pglite") });
    const ds = await db.prisma.dataset.findFirstOrThrow();
    const rater = await db.prisma.user.findUniqueOrThrow({ where: { email: "r@example.org" } });
    await createRound(db, { datasetId: ds.id, name: "tg", k: 1, raterIds: [rater.id] }, null);
    await db.close();
    const out1 = path.join(data, "out1");
    const ex1 = runCli(["textgrid", "export", "--dataset", "mini", "--rater", "r@example.org", "--out", out1, "--json"], env);
    expect(ex1.status, ex1.stderr).toBe(0);
    expect(ex1.json).toMatchObject({ files: 2, sources: { UNIFORM: 2 } });
    const files = (await readdir(out1)).sort();
    const orig = parseTextGrid(await readFile(path.join(out1, files[0]), "utf8"));
    // A "forced aligner" output: same labels, times shrunk by 10% after 0.1 s of silence.
    const aligned = {
      ...orig,
      tiers: orig.tiers.map((t) => ({ ...t, intervals: labelledIntervals(orig, new RegExp(`^${t.name}$`))!.map((x) => ({ ...x, xmin: 0.1 + x.xmin * 0.9, xmax: 0.1 + x.xmax * 0.9 })) })),
    };
    const inDir = path.join(data, "in");
    await mkdir(inDir);
    await writeFile(path.join(inDir, files[0]), writeTextGrid(aligned));
    const imp = runCli(["textgrid", "import", inDir, "--dataset", "mini", "--json"], env);
    expect(imp.status, imp.stderr).toBe(0);
    expect(imp.json).toMatchObject({ dataset: "mini", files: 1, items: 1 });

    const out2 = path.join(data, "out2");
    const ex2 = runCli(["textgrid", "export", "--dataset", "mini", "--rater", "r@example.org", "--out", out2, "--json"], env);
    expect(ex2.json.sources).toEqual({ TEXTGRID: 1, UNIFORM: 1 });
    const back = parseTextGrid(await readFile(path.join(out2, files[0]), "utf8"));
    for (const tier of [/^words$/, /^phones$/]) {
      const want = labelledIntervals(aligned, tier)!;
      const got = labelledIntervals(back, tier)!;
      expect(got.map((x) => x.text)).toEqual(want.map((x) => x.text));
      got.forEach((x, i) => {
        expect(x.xmin).toBeCloseTo(want[i].xmin, 5);
        expect(x.xmax).toBeCloseTo(want[i].xmax, 5);
      });
      // Silence before the first word is written as an empty interval.
      expect(back.tiers.find((t) => tier.test(t.name))!.intervals[0]).toMatchObject({ xmin: 0, text: "" });
    }

    // A file whose words do not match the utterance: rejected with the file and field named.
    await writeFile(path.join(inDir, files[1]), (await readFile(path.join(out1, files[1]), "utf8")).replace(/text = "[A-Z]+"/, 'text = "WRONG"'));
    const bad = runCli(["textgrid", "import", inDir, "--dataset", "mini", "--json"], env);
    expect(bad.status).not.toBe(0);
    expect(bad.json.error.problems[0]).toMatchObject({ file: files[1], field: "words[0]" });
  });
});
