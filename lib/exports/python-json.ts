// JSON as Python's json.dump(obj, f, indent=1) writes it, the way speechocean762's files were made:
// one-space indent, ", "-free separators (",\n" and ": "), non-ASCII escaped, and floats written as
// floats ("10.0", "1e-05") where the released format has floats. JS numbers carry no int/float
// distinction, so a value wrapped in PyFloat is written as a float and a bare number as an int when
// it is whole. With that, an export reproduces the released files byte for byte.
export class PyFloat {
  constructor(readonly value: number) {}
}

export type PyJson = null | boolean | number | string | PyFloat | PyJson[] | { [k: string]: PyJson };

/** Python's repr(float): shortest round-trip digits; exponent form below 1e-4 or from 1e16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const ax = Math.abs(x);
  if (ax >= 1e-4 && ax < 1e16) {
    const s = String(x); // JS uses fixed notation in this range, with the same shortest digits
    return /[.e]/.test(s) ? s : `${s}.0`;
  }
  const [mant, exp] = x.toExponential().split("e");
  const sign = exp[0] === "-" ? "-" : "+";
  const digits = exp.replace(/^[+-]/, "");
  return `${mant}e${sign}${digits.padStart(2, "0")}`;
}

function pyNumber(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e16 ? String(x) : pyFloatRepr(x);
}

/** json.dumps(s) with ensure_ascii=True. */
export function pyString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function pyDumps(v: PyJson, indent = 1, level = 0): string {
  if (v === null) return "null";
  if (v === true) return "true";
  if (v === false) return "false";
  if (typeof v === "number") return pyNumber(v);
  if (typeof v === "string") return pyString(v);
  if (v instanceof PyFloat) return pyFloatRepr(v.value);
  const pad = "\n" + " ".repeat(indent * (level + 1));
  const end = "\n" + " ".repeat(indent * level);
  if (Array.isArray(v)) {
    if (!v.length) return "[]";
    return "[" + v.map((x) => pad + pyDumps(x, indent, level + 1)).join(",") + end + "]";
  }
  const keys = Object.keys(v);
  if (!keys.length) return "{}";
  return "{" + keys.map((k) => pad + pyString(k) + ": " + pyDumps(v[k], indent, level + 1)).join(",") + end + "}";
}
