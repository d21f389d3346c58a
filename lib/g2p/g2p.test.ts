import { describe, it, expect } from "vitest";
import { trainG2p, predictPhones, evaluateG2p } from "./g2p";
import { loadG2pModel, pronounce } from "./dictionary";

describe("G2P", () => {
  it("reproduces its training words and generalises to a held-out one on a toy lexicon", () => {
    const lex: [string, string[]][] = [
      ["cat", ["K", "AE1", "T"]], ["bat", ["B", "AE1", "T"]], ["mat", ["M", "AE1", "T"]], ["cab", ["K", "AE1", "B"]],
      ["tab", ["T", "AE1", "B"]], ["box", ["B", "AA1", "K", "S"]], ["fox", ["F", "AA1", "K", "S"]], ["tax", ["T", "AE1", "K", "S"]],
    ];
    const m = trainG2p(lex, { heldOut: 1, source: "toy" });
    for (const [w, p] of lex) expect(predictPhones(m, w)).toEqual(p);
    expect(predictPhones(m, "max")).toEqual(["M", "AE1", "K", "S"]);
    expect(evaluateG2p(m, new Map([["bab", [["B", "AE1", "B"]]]]))).toMatchObject({ words: 1, wordAccuracy: 1, phoneErrorRate: 0 });
  });

  it("the shipped model: dictionary words from the dictionary, others estimated with one primary stress; held-out accuracy recorded", () => {
    expect(pronounce("HELLO")).toEqual({ text: "HELLO", phones: ["HH", "AH0", "L", "OW1"], estimated: false });
    const z = pronounce("ZORBLAXIAN");
    expect(z.estimated).toBe(true);
    expect(z.phones[0]).toBe("Z");
    expect(z.phones.filter((p) => p.endsWith("1"))).toHaveLength(1);
    const m = loadG2pModel();
    expect(m.accuracy!.words).toBeGreaterThan(5000);
    expect(m.accuracy!.wordAccuracy).toBeGreaterThan(0.45);
    expect(m.accuracy!.phoneErrorRate).toBeLessThan(0.2);
  });
});
