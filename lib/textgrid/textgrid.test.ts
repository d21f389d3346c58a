import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { fillGaps, labelledIntervals, parseTextGrid, writeTextGrid, type TextGrid } from "./textgrid";

const SHORT = `File type = "ooTextFile"
Object class = "TextGrid"

0
1.5
<exists>
2
"IntervalTier"
"words"
0
1.5
3
0
0.2
""
0.2
0.9
"HELLO"
0.9
1.5
"say ""hi"""
"TextTier"
"events"
0
1.5
1
0.5
"click"
`;

describe("TextGrid", () => {
  it("reads the short format, with quotes escaped by doubling", () => {
    const tg = parseTextGrid(SHORT);
    expect(tg.tiers.map((t) => [t.kind, t.name, t.intervals.length])).toEqual([["IntervalTier", "words", 3], ["TextTier", "events", 1]]);
    expect(tg.tiers[0].intervals[2]).toEqual({ xmin: 0.9, xmax: 1.5, text: 'say "hi"' });
    expect(labelledIntervals(tg, /word/i)!.map((x) => x.text)).toEqual(["HELLO", 'say "hi"']);
  });

  it("writes the long format that reads back to the same grid", () => {
    const tg = parseTextGrid(SHORT);
    const long = writeTextGrid(tg);
    expect(long).toContain('class = "IntervalTier"');
    expect(long).toContain("intervals [2]:");
    expect(parseTextGrid(long)).toEqual(tg);
  });

  it("round-trips random interval tiers", () => {
    const tier = fc
      .array(fc.tuple(fc.integer({ min: 1, max: 500 }), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 12 })
      .map((parts) => {
        let t = 0;
        return parts.map(([d, text]) => {
          const x = { xmin: t / 1000, xmax: (t + d) / 1000, text };
          t += d;
          return x;
        });
      });
    fc.assert(
      fc.property(fc.array(tier, { minLength: 1, maxLength: 3 }), (tiers) => {
        const xmax = Math.max(...tiers.map((iv) => iv[iv.length - 1].xmax));
        const tg: TextGrid = { xmin: 0, xmax, tiers: tiers.map((iv, k) => ({ name: `t${k}`, kind: "IntervalTier", xmin: 0, xmax, intervals: iv })) };
        const back = parseTextGrid(writeTextGrid(tg));
        // Writing fills the gap to xmax with an empty interval; everything else is kept exactly.
        back.tiers.forEach((t, k) => expect(t.intervals.slice(0, tiers[k].length)).toEqual(tiers[k]));
      }),
    );
  });

  it("names what is wrong in a broken file", () => {
    expect(() => parseTextGrid('File type = "ooTextFile"\nObject class = "Pitch"\n', "a.TextGrid")).toThrow(/a.TextGrid: not a TextGrid/);
    expect(() => parseTextGrid(SHORT.replace('"HELLO"', "HELLO"), "b.TextGrid")).toThrow(/b.TextGrid: expected interval text/);
  });

  it("fills gaps and cuts overlaps so interval tiers cover the grid exactly once", () => {
    expect(fillGaps([{ xmin: 0.5, xmax: 1, text: "A" }, { xmin: 0.9, xmax: 1.5, text: "B" }, { xmin: 1.8, xmax: 2.5, text: "C" }], 0, 2)).toEqual([
      { xmin: 0, xmax: 0.5, text: "" },
      { xmin: 0.5, xmax: 1, text: "A" },
      { xmin: 1, xmax: 1.5, text: "B" },
      { xmin: 1.5, xmax: 1.8, text: "" },
      { xmin: 1.8, xmax: 2, text: "C" },
    ]);
  });
});
