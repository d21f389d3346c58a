import { describe, it, expect } from "vitest";
import { PyFloat, pyDumps, pyFloatRepr } from "./python-json";

describe("Python-style JSON", () => {
  it("writes floats as Python's repr does", () => {
    expect(pyFloatRepr(10)).toBe("10.0");
    expect(pyFloatRepr(8.4)).toBe("8.4");
    expect(pyFloatRepr(0.8300000000000001)).toBe("0.8300000000000001");
    expect(pyFloatRepr(1e-5)).toBe("1e-05");
    expect(pyFloatRepr(1.5e-7)).toBe("1.5e-07");
    expect(pyFloatRepr(1e16)).toBe("1e+16");
    expect(pyFloatRepr(123456.5)).toBe("123456.5");
    expect(pyFloatRepr(0)).toBe("0.0");
  });

  it("matches json.dump(indent=1) layout, ints and floats kept apart", () => {
    const v = { a: 9, b: new PyFloat(10), c: [new PyFloat(2), 1.8], d: [], e: {}, "é": "ü" };
    // Produced by python3: json.dumps({"a": 9, "b": 10.0, "c": [2.0, 1.8], "d": [], "e": {}, "é": "ü"}, indent=1)
    expect(pyDumps(v)).toBe('{\n "a": 9,\n "b": 10.0,\n "c": [\n  2.0,\n  1.8\n ],\n "d": [],\n "e": {},\n "\\u00e9": "\\u00fc"\n}');
  });
});
