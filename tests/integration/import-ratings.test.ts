// `import ratings`: a lab's earlier scores in long format become rater judgments that agreement
// counts; bad rows are refused by file and line with nothing written; reruns change nothing.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { encodeWav } from "@/lib/audio/encode-wav";
import { importAudio } from "@/lib/services/audio-import/import";
import { importRatings, RatingsImportRejected, RATINGS_ROUND_NAME } from "@/lib/services/ratings-import";
import { loadRatings } from "@/lib/services/agreement/load-ratings";
import { datasetAgreement } from "@/lib/services/agreement/dataset-agreement";
import { TEST_DATABASES, openMigrated } from "../helpers/databases";
import { toneSamples } from "../helpers/audio-formats";
import { runCli } from "../helpers/cli";

let dir: string;
const TEXTS = ["we call it bear", "hello world", "one two three"];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "attest-ratings-"));
  await writeFile(path.join(dir, "r.wav"), encodeWav(toneSamples(1, 16000), 16000));
  await writeFile(path.join(dir, "m.csv"), `file,text,id\n${TEXTS.map((t, i) => `r.wav,${t},u${i}`).join("\n")}\n`);
});

/** Three raters, three items: sentence accuracy and fluency, word accuracy of word 0, phone scores of word 0. */
function goodRows(): string[] {
  const rows = ["item,rater,granularity,aspect,index,score"];
  const acc = [[8, 7, 8], [5, 6, 4], [9, 9, 10]];
  ["ann", "bob", "cy@lab.example"].forEach((r, ri) => {
    TEXTS.forEach((_, i) => {
      rows.push(`u${i},${r},sentence,accuracy,,${acc[i][ri]}`);
      rows.push(`u${i},${r},sentence,fluency,0,${acc[i][ri] - 1}`);
      rows.push(`u${i},${r},word,accuracy,0,${acc[i][ri]}`);
      rows.push(`u${i},${r},phone,score,0,${ri === 2 ? 1 : 2}`);
      rows.push(`u${i},${r},phone,score,0.1,2`);
    });
  });
  return rows;
}

describe.each(TEST_DATABASES)("import ratings on $name", (t) => {
  let db: Db;
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "attest-data-"));
    db = await openMigrated(t);
    await importAudio(db, { manifest: path.join(dir, "m.csv"), dataset: "lab", root });
    // An existing account named by e-mail gets the ratings; the others get accounts that cannot sign in.
    await db.prisma.user.create({ data: { email: "cy@lab.example", name: "Cy", role: "RATER" } });
  });
  afterAll(async () => {
    await db?.close();
  });

  it("writes submitted rater judgments that agreement counts; a rerun changes nothing", async () => {
    const file = path.join(dir, "good.csv");
    await writeFile(file, goodRows().join("\n") + "\n");
    const s = await importRatings(db, { file, dataset: "lab" });
    expect(s).toMatchObject({ dataset: "lab", rows: 45, items: 3, raters: 3, judgments: 9, new_judgments: 9, unchanged_judgments: 0, problems: [] });

    const round = await db.prisma.round.findFirstOrThrow({ where: { name: RATINGS_ROUND_NAME, dataset: { name: "lab" } } });
    expect(round.kind).toBe("IMPORT");
    const cy = await db.prisma.user.findUniqueOrThrow({ where: { email: "cy@lab.example" } });
    expect(await db.prisma.judgment.count({ where: { raterId: cy.id, kind: "RATER", status: "SUBMITTED" } })).toBe(3);
    const ann = await db.prisma.user.findFirstOrThrow({ where: { name: "ann" } });
    expect(ann).toMatchObject({ canSignIn: false, role: "RATER" });

    const data = await loadRatings(db, "lab");
    expect(data.raters.map((r) => r.name).sort()).toEqual(["Cy", "ann", "bob"]);
    const u0 = data.items.findIndex((i) => i.uttId === "u0");
    expect([...data.sentence.accuracy[u0]].sort()).toEqual([7, 8, 8]);
    const w0 = data.words.findIndex((w) => w.item === u0 && w.index === 0);
    expect([...data.word.accuracy[w0]].sort()).toEqual([7, 8, 8]);
    const p1 = data.phones.findIndex((p) => p.item === u0 && p.position === 1);
    expect(data.phone[p1]).toEqual([2, 2, 2]);
    const fig = (await datasetAgreement(db, { dataset: "lab", granularity: "sentence", aspect: "accuracy", replicates: 50 })) as { units: number; raters: number; krippendorff: { interval: number | null } };
    expect(fig).toMatchObject({ units: 3, raters: 3 });
    expect(fig.krippendorff.interval).toBeGreaterThan(0.5);

    const again = await importRatings(db, { file, dataset: "lab" });
    expect(again).toMatchObject({ judgments: 9, new_judgments: 0, unchanged_judgments: 9 });
    expect(await db.prisma.judgment.count({ where: { assignment: { roundId: round.id } } })).toBe(9);
  });

  it("bad rows are refused with file, line and field; nothing is written", async () => {
    const counts = async () => [await db.prisma.judgment.count(), await db.prisma.user.count(), await db.prisma.wordScore.count(), await db.prisma.phoneScore.count()];
    const before = await counts();
    const file = path.join(dir, "bad.csv");
    await writeFile(
      file,
      [
        "item,rater,granularity,aspect,index,score",
        "u0,dee,sentence,accuracy,,7", // fine, but the file is rejected as a whole
        "u9,dee,sentence,accuracy,,7", // no such item
        "u0,dee,sentence,accuracy,,11", // out of the rubric's range
        "u0,dee,word,stress,0,7", // stress is 5 or 10
        "u0,dee,word,accuracy,4,7", // u0 has 4 words (0-3)
        "u0,dee,phone,score,99,1", // no such phone
        "u0,dee,sentence,charm,,5", // no such aspect
        "u0,dee,paragraph,accuracy,,5", // no such granularity
        "u0,,sentence,fluency,,5", // no rater
        "u0,dee,sentence,prosody,,abc", // not a number
        "u0,dee,sentence,accuracy,,7", // the same rating twice
        "u0,dee,sentence",
      ].join("\n") + "\n",
    );
    const err = (await importRatings(db, { file, dataset: "lab" }).then(() => null, (e) => e)) as RatingsImportRejected;
    expect(err).toBeInstanceOf(RatingsImportRejected);
    expect(err.problems.map((p) => [p.file, p.line, p.field])).toEqual([
      [file, 3, "item"],
      [file, 4, "score"],
      [file, 5, "score"],
      [file, 6, "index"],
      [file, 7, "index"],
      [file, 8, "aspect"],
      [file, 9, "granularity"],
      [file, 10, "rater"],
      [file, 11, "score"],
      [file, 12, "score"],
      [file, 13, undefined],
    ]);
    expect(err.problems[1].message).toMatch(/11 is outside 0-10/);
    expect(err.problems[2].message).toMatch(/not one of 5\/10/);
    expect(err.problems[9].message).toMatch(/also on line 2/);
    expect(err.summary).toMatchObject({ dataset: "lab", judgments: 0 });
    expect(await counts()).toEqual(before);

    // A different score for a rating already imported is refused, not overwritten.
    const changed = path.join(dir, "changed.csv");
    await writeFile(changed, goodRows().join("\n").replace("u0,ann,sentence,accuracy,,8", "u0,ann,sentence,accuracy,,3") + "\n");
    const err2 = (await importRatings(db, { file: changed, dataset: "lab" }).then(() => null, (e) => e)) as RatingsImportRejected;
    expect(err2.problems).toHaveLength(1);
    expect(err2.problems[0]).toMatchObject({ file: changed, line: 2, field: "score" });
    expect(await counts()).toEqual(before);

    const missing = (await importRatings(db, { file: path.join(dir, "good.csv"), dataset: "nope" }).then(() => null, (e) => e)) as RatingsImportRejected;
    expect(missing.problems[0].message).toMatch(/no dataset named "nope"/);
    await writeFile(path.join(dir, "nohdr.csv"), "item,rater,score\nu0,a,5\n");
    const nohdr = (await importRatings(db, { file: path.join(dir, "nohdr.csv"), dataset: "lab" }).then(() => null, (e) => e)) as RatingsImportRejected;
    expect(nohdr.problems[0]).toMatchObject({ line: 1 });
    expect(nohdr.problems[0].message).toMatch(/"granularity", "aspect", "index"/);
  });
});

describe("npm run cli -- import ratings", () => {
  it("one JSON object; a bad file exits 1 with its problems", async () => {
    const data = await mkdtemp(path.join(tmpdir(), "attest-data-"));
    const a = runCli(["import", "audio", path.join(dir, "m.csv"), "--dataset", "cli-lab", "--json"], { ATTEST_DATA_DIR: data });
    expect(a.status, a.stderr).toBe(0);
    const file = path.join(dir, "cli-good.csv");
    await writeFile(file, goodRows().filter((r) => !r.includes("cy@")).join("\n") + "\n");
    const ok = runCli(["import", "ratings", file, "--dataset", "cli-lab", "--json"], { ATTEST_DATA_DIR: data });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout.trim().split("\n")).toHaveLength(1);
    expect(ok.json).toMatchObject({ dataset: "cli-lab", judgments: 6, new_judgments: 6, problems: [] });
    const bad = path.join(dir, "cli-bad.csv");
    await writeFile(bad, "item,rater,granularity,aspect,index,score\nu0,ann,sentence,accuracy,,12\n");
    const r = runCli(["import", "ratings", bad, "--dataset", "cli-lab", "--json"], { ATTEST_DATA_DIR: data });
    expect(r.status).toBe(1);
    expect(r.json).toMatchObject({ dataset: "cli-lab", problems: [{ file: bad, line: 2, field: "score" }] });
  });
});
