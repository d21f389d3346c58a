import { describe, it, expect } from "vitest";
import { memoize } from "./memo";

describe("memoize", () => {
  it("returns the function's value, computing each input once, null and undefined results included", () => {
    const calls: string[] = [];
    const f = memoize((s: string) => (calls.push(s), s === "x" ? null : s === "u" ? undefined : s.toUpperCase()));
    expect([f("a"), f("a"), f("x"), f("x"), f("u"), f("u")]).toEqual(["A", "A", null, null, undefined, undefined]);
    expect(calls).toEqual(["a", "x", "u"]);
  });

  it("stays bounded: past the limit it starts over and recomputes", () => {
    let n = 0;
    const f = memoize((s: string) => (n++, s.length), 2);
    f("a");
    f("bb");
    f("ccc"); // cache full: starts over with "ccc"
    f("a");
    expect(n).toBe(4);
    f("ccc");
    expect(n).toBe(4);
  });

  it("passes non-strings straight through", () => {
    const f = memoize((s: string) => typeof s);
    expect(f(3 as unknown as string)).toBe("number");
  });
});
