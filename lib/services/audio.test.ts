import { describe, it, expect } from "vitest";
import { parseRange } from "./audio";

describe("parseRange (RFC 9110 §14)", () => {
  it("reads one byte range in each form", () => {
    expect(parseRange("bytes=0-9", 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange("bytes=90-", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=-10", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("Bytes=5-500", 100)).toEqual({ start: 5, end: 99 });
  });
  it("ignores what it does not serve: other units, several ranges, no header", () => {
    for (const h of [null, "", "items=0-10", "seconds=1-2", "bytes=0-1,5-6", "nonsense"]) expect(parseRange(h, 100), String(h)).toBeNull();
  });
  it("calls malformed or unsatisfiable byte ranges invalid (416)", () => {
    for (const h of ["bytes=", "bytes=-", "bytes=-0", "bytes=abc", "bytes=100-", "bytes=9-3"]) expect(parseRange(h, 100), h).toBe("invalid");
  });
});
