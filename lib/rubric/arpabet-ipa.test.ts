import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SO762_DIR } from "@/tests/helpers/corpus";
import {
  ARPABET_BASE_PHONES,
  arpabetToIpa,
  ipaToArpabetBase,
  normalizePhoneSymbol,
} from "./arpabet-ipa";

const CORPUS_DIR = SO762_DIR;

/** METRICS.md's table, transcribed cell by cell ("*" rows expanded over 0/1/2/none). */
const TABLE: [string, string][] = [
  ["AA0", "ɑ"], ["AA1", "ɑː"], ["AA2", "ɑː"], ["AH0", "ə"], ["AH1", "ʌ"], ["AH2", "ʌ"],
  ["AO0", "ɔ"], ["AO1", "ɔː"], ["AO2", "ɔː"], ["ER0", "ɚ"], ["ER1", "ɜː"], ["ER2", "ɜː"],
  ["IY0", "i"], ["IY1", "iː"], ["IY2", "iː"], ["UW0", "u"], ["UW1", "uː"], ["UW2", "uː"],
  ...(
    [["AE", "æ"], ["AW", "aʊ"], ["AY", "aɪ"], ["EH", "ɛ"], ["EY", "eɪ"], ["IH", "ɪ"], ["OW", "oʊ"],
     ["OY", "ɔɪ"], ["UH", "ʊ"]] as const
  ).flatMap(([a, i]) => ["", "0", "1", "2"].map((d): [string, string] => [a + d, i])),
  ["B", "b"], ["CH", "tʃ"], ["D", "d"], ["DH", "ð"], ["F", "f"], ["G", "\u0261"], ["HH", "h"],
  ["JH", "dʒ"], ["K", "k"], ["L", "l"], ["M", "m"], ["N", "n"], ["NG", "ŋ"], ["P", "p"],
  ["R", "ɹ"], ["S", "s"], ["SH", "ʃ"], ["T", "t"], ["TH", "θ"], ["V", "v"], ["W", "w"],
  ["Y", "j"], ["Z", "z"], ["ZH", "ʒ"],
];

describe("arpabetToIpa", () => {
  it.each(TABLE)("%s → %s", (arpabet, ipa) => {
    expect(arpabetToIpa(arpabet)).toBe(ipa);
    expect(arpabetToIpa(arpabet.toLowerCase())).toBe(ipa);
  });

  it("writes G as U+0261, not ASCII g", () => {
    expect(arpabetToIpa("G")!.codePointAt(0)).toBe(0x261);
  });

  it("reads a stress-dependent vowel without digit as unstressed", () => {
    expect(arpabetToIpa("AH")).toBe("ə");
    expect(arpabetToIpa("IY")).toBe("i");
  });

  it("strips text-phone position suffixes", () => {
    expect(arpabetToIpa("IY0_E")).toBe("i");
    expect(arpabetToIpa("W_B")).toBe("w");
  });

  it("rejects what is not an ARPAbet phone", () => {
    for (const bad of ["", "X", "AH3", "B1", "ɹ", "AHH", "A"]) expect(arpabetToIpa(bad)).toBeNull();
  });

  it("covers all 39 base phones", () => {
    for (const base of ARPABET_BASE_PHONES) expect(arpabetToIpa(base)).not.toBeNull();
  });
});

describe("ipaToArpabetBase", () => {
  it("inverts the table, with or without length mark", () => {
    for (const [arpabet, ipa] of TABLE) {
      const base = arpabet.replace(/\d$/, "");
      expect(ipaToArpabetBase(ipa)).toBe(base);
      expect(ipaToArpabetBase(ipa.replace("ː", ""))).toBe(base);
    }
    expect(ipaToArpabetBase("ɪː")).toBe("IH");
    expect(ipaToArpabetBase("i:")).toBe("IY");
  });

  it("is tolerant of ASCII g/r and common variant spellings", () => {
    expect(ipaToArpabetBase("g")).toBe("G");
    expect(ipaToArpabetBase("ɡ")).toBe("G");
    expect(ipaToArpabetBase("r")).toBe("R");
    expect(ipaToArpabetBase("ɹ")).toBe("R");
    expect(ipaToArpabetBase("ɝ")).toBe("ER");
    expect(ipaToArpabetBase("ʧ")).toBe("CH");
    expect(ipaToArpabetBase("d͡ʒ")).toBe("JH");
  });

  it("keeps close symbols apart", () => {
    expect(ipaToArpabetBase("ɔ")).toBe("AO");
    expect(ipaToArpabetBase("ɔɪ")).toBe("OY");
    expect(ipaToArpabetBase("i")).toBe("IY");
    expect(ipaToArpabetBase("ɪ")).toBe("IH");
    expect(ipaToArpabetBase("u")).toBe("UW");
    expect(ipaToArpabetBase("ʊ")).toBe("UH");
    expect(ipaToArpabetBase("ə")).toBe("AH");
    expect(ipaToArpabetBase("ʌ")).toBe("AH");
  });

  it("returns null for unknown symbols", () => {
    for (const bad of ["", "x", "ʔ", "AH", "q"]) expect(ipaToArpabetBase(bad)).toBeNull();
  });
});

describe("normalizePhoneSymbol", () => {
  it.each([
    ["AH0", "AH"], ["ah1", "AH"], ["/ɹ/", "R"], ["iː", "IY"], ["i", "IY"], ["TH", "TH"],
    ["th", "TH"], ["[θ]", "TH"], ['"ae"', "AE"], ["æ", "AE"], ["/ɑː/", "AA"], ["j", "Y"],
    ["Y", "Y"], ["g", "G"], ["r", "R"], ["ɜː", "ER"], ["ER0", "ER"], [" / tʃ / ", "CH"],
    ["IY0_E", "IY"], ["h", "HH"], ["HH", "HH"], ["ŋ", "NG"], ["ng", "NG"],
  ])("%s → %s", (sym, base) => {
    expect(normalizePhoneSymbol(sym)).toBe(base);
  });

  it("maps every IPA symbol of the table to the base of its ARPAbet phone", () => {
    for (const [arpabet, ipa] of TABLE) {
      expect(normalizePhoneSymbol(ipa)).toBe(arpabet.replace(/\d$/, ""));
      expect(normalizePhoneSymbol(arpabet)).toBe(arpabet.replace(/\d$/, ""));
    }
  });

  it("returns null for what is no phone", () => {
    for (const bad of ["", "//", "a", "e", "xyz", "B1", "ʔ", "hello"]) {
      expect(normalizePhoneSymbol(bad)).toBeNull();
    }
  });
});

describe("the table against speechocean762's canonical phones", () => {
  it("maps every phone of resource/text-phone to IPA", () => {
    const file = path.join(CORPUS_DIR, "resource", "text-phone");
    if (!existsSync(file)) {
      throw new Error(
        `speechocean762 text-phone not found at ${file}: put the corpus at ../shared/speechocean762 ` +
          `or set SO762_DIR`,
      );
    }
    const phones = new Set<string>();
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      const [, units] = line.split("\t");
      expect(units, `malformed line ${JSON.stringify(line)}`).toBeTruthy();
      for (const unit of units.trim().split(/\s+/)) phones.add(unit.replace(/_[BIES]$/, ""));
    }
    const unmapped = [...phones].filter((p) => arpabetToIpa(p) === null);
    expect(unmapped).toEqual([]);
    // Every IPA form maps back to the same base: the round trip a rationale mention takes.
    for (const p of phones) expect(normalizePhoneSymbol(arpabetToIpa(p)!)).toBe(p.replace(/\d$/, ""));
    expect(phones.size).toBeGreaterThan(39);
  });
});
