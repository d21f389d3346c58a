// One date format across the app: the helper's output, and no page or component formatting a date
// any other way (toLocaleString, toLocaleDateString, an ISO string sliced by hand).
import { describe, it, expect } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { formatDateTime } from "./date";

describe("formatDateTime", () => {
  it("shows minutes in UTC, whatever it is given", () => {
    expect(formatDateTime(new Date("2026-03-04T05:06:59.999Z"))).toBe("2026-03-04 05:06 UTC");
    expect(formatDateTime("2026-12-31T23:59:00+02:00")).toBe("2026-12-31 21:59 UTC");
    expect(formatDateTime(Date.UTC(2027, 0, 1, 0, 0))).toBe("2027-01-01 00:00 UTC");
    expect(formatDateTime("not a date")).toBe("—");
  });
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) && !f.endsWith(".test.ts") ? [p] : [];
  });
}

describe("one date format", () => {
  it("no page or component formats a date except through formatDateTime", () => {
    const offenders = ["app", "components"].flatMap((d) => sources(path.resolve(d))).flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) =>
          /\.toLocale(Date|Time)?String\(\)|\.toLocale(Date|Time)String\(|toISOString\(\)\s*\.\s*(slice|replace|substring)|Intl\.DateTimeFormat|\.replace\("T", " "\)/.test(line)
            ? [`${path.relative(process.cwd(), file)}:${i + 1}: ${line.trim()}`]
            : [],
        ),
    );
    expect(offenders).toEqual([]);
  });
});
