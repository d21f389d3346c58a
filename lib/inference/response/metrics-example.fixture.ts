/**
 * The example response of METRICS.md ("The response format"), byte for byte, and its content.
 * Shared by the parser and renderer tests.
 */
import type { ResponseContent, ResponseInput } from "./types";

export const EXAMPLE_TEXT = [
  "Accuracy: Good",
  "Fluency: Excellent",
  "Prosody: Excellent",
  "Words: WE/Excellent CALL/Excellent IT/Excellent BEAR/Average",
  "Phonemes: w/Excellent i/Excellent k/Excellent ɔ/Good l/Good ɪ/Excellent t/Excellent b/Excellent ɛ/Average ɹ/Average",
  "Overall, the speech is mostly accurate. Minor errors are present in the word BEAR: the /ɛ/ and",
  "/ɹ/ phonemes are slightly mispronounced.",
].join("\n");

export const EXAMPLE_RATIONALE =
  "Overall, the speech is mostly accurate. Minor errors are present in the word BEAR: the /ɛ/ and\n" +
  "/ɹ/ phonemes are slightly mispronounced.";

export const EXAMPLE_CONTENT: ResponseContent = {
  sentence: { accuracy: "Good", fluency: "Excellent", prosody: "Excellent" },
  words: [
    { text: "WE", label: "Excellent" },
    { text: "CALL", label: "Excellent" },
    { text: "IT", label: "Excellent" },
    { text: "BEAR", label: "Average" },
  ],
  phones: [
    { symbol: "w", label: "Excellent" },
    { symbol: "i", label: "Excellent" },
    { symbol: "k", label: "Excellent" },
    { symbol: "ɔ", label: "Good" },
    { symbol: "l", label: "Good" },
    { symbol: "ɪ", label: "Excellent" },
    { symbol: "t", label: "Excellent" },
    { symbol: "b", label: "Excellent" },
    { symbol: "ɛ", label: "Average" },
    { symbol: "ɹ", label: "Average" },
  ],
  rationale: EXAMPLE_RATIONALE,
};

/** WE CALL IT BEAR: W IY0 | K AO0 L | IH0 T | B EH0 R, in the IPA of the default table. */
export const EXAMPLE_UTTERANCE: ResponseInput = {
  words: ["WE", "CALL", "IT", "BEAR"],
  phonesIpa: ["w", "i", "k", "ɔ", "l", "ɪ", "t", "b", "ɛ", "ɹ"],
};
