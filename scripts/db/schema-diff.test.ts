// schema-diff compares the database the migrations build with prisma/schema.prisma: the schema as
// committed needs no migration, and a real change gives one (run on an in-memory PGlite).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { schemaDiff } from "./schema-diff";

const migrationsDir = path.resolve("prisma/migrations");
const schema = readFileSync("prisma/schema.prisma", "utf8");

describe("schema-diff", () => {
  it("writes no migration for the schema the migrations already build", async () => {
    expect(await schemaDiff({ migrationsDir, schema })).toBe("");
  });

  it("gives the SQL of a real change", async () => {
    const changed = schema.replace(/model User \{\n/, 'model User {\n  nickname     String?\n');
    expect(changed).not.toBe(schema);
    const sql = await schemaDiff({ migrationsDir, schema: changed });
    expect(sql).toMatch(/ALTER TABLE "User" ADD COLUMN\s+"nickname" TEXT/);
    // Only that change: no table is created or dropped.
    expect(sql).not.toMatch(/CREATE TABLE|DROP TABLE/);
  });
});
