import { describe, it, expect, beforeAll } from "vitest";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runCli } from "../helpers/cli";
import { miniCorpus } from "../helpers/corpus";

describe("the command line on a fresh data dir", () => {
  let env: Record<string, string>;
  let corpus: string;
  beforeAll(async () => {
    env = { ATTEST_DATA_DIR: await mkdtemp(path.join(tmpdir(), "attest-cli-")), DATABASE_URL: "" };
    corpus = await miniCorpus(5);
  });

  it("imports with --json: exactly one JSON object on stdout, progress on stderr", () => {
    const r = runCli(["import", "speechocean762", corpus, "--dataset", "mini", "--split", "test", "--json"], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(Object.keys(r.json)).toEqual(expect.arrayContaining(["dataset", "items", "words", "phones", "raters", "judgments", "seconds"]));
    expect(r.json).toMatchObject({ dataset: "mini", items: 5, raters: 5, judgments: 25 });
    expect(r.stderr).toMatch(/validate: 5\/5/);
    const again = runCli(["import", "speechocean762", corpus, "--dataset", "mini", "--split", "test", "--json"], env);
    expect(again.json).toMatchObject({ items: 5, new_items: 0, unchanged_items: 5 });
  });

  it("creates users and refuses bad arguments with a non-zero exit", () => {
    const ok = runCli(["user", "create", "--email", "R@Example.org", "--password", "long enough", "--role", "rater", "--json"], env);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.json).toMatchObject({ email: "r@example.org", role: "rater" });
    const dup = runCli(["user", "create", "--email", "r@example.org", "--password", "long enough", "--role", "rater", "--json"], env);
    expect(dup.status).toBe(1);
    expect(dup.json.error.code).toBe("CONFLICT");
    const short = runCli(["user", "create", "--email", "s@example.org", "--password", "short", "--role", "rater"], env);
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/at least 8 characters/);
    const role = runCli(["user", "create", "--email", "s@example.org", "--password", "long enough", "--role", "boss"], env);
    expect(role.status).toBe(2);
    expect(runCli(["no-such-command"], env).status).toBe(2);
  });

  it("reports an invalid dataset with its problems and exit 1", () => {
    const r = runCli(["import", "speechocean762", path.join(corpus, "missing"), "--json"], env);
    expect(r.status).toBe(1);
    expect(r.json.error.message).toMatch(/is not a folder/);
  });

  it("db migrate reports an up-to-date database", () => {
    const r = runCli(["db", "migrate", "--json"], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.json.applied).toEqual([]);
    expect(r.json.up_to_date).toBeGreaterThan(0);
  });
});

describe("the command line's help", () => {
  it("lists every command's usage and summary from the static table and opens no database", async () => {
    const { COMMAND_TABLE } = await import("../../scripts/cli/table");
    const dir = await mkdtemp(path.join(tmpdir(), "attest-cli-help-"));
    const r = runCli(["help"], { ATTEST_DATA_DIR: dir, DATABASE_URL: "" });
    expect(r.status, r.stderr).toBe(0);
    const listed = COMMAND_TABLE.map((c) => `  ${c.usage}\n      ${c.summary}`).join("\n");
    expect(r.stdout).toContain(listed);
    expect(r.stdout).toMatch(/^Attest command line\n\nusage: npm run cli -- <command> \[options\] \[--json\]\n/);
    // Nothing was opened or created: help loads neither a command module nor the database client.
    expect(await readdir(dir)).toEqual([]);
    // The cached bundle and the TypeScript run through tsx say the same.
    const viaTsx = runCli(["help"], { ATTEST_DATA_DIR: dir, DATABASE_URL: "", ATTEST_CLI_TSX: "1" });
    expect(viaTsx.status, viaTsx.stderr).toBe(0);
    expect(viaTsx.stdout).toBe(r.stdout);
  });
});
