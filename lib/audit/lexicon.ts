/**
 * The domain lexicon of pronunciation feedback. General sentiment lists read "dropped", "heavy
 * accent", "long pauses" or "monotone" as neutral and "'thought' was mispronounced" as positive
 * (ENVIRONMENT.md); these entries say what the words mean when a rater or a model comments on L2
 * speech. Patterns are lower-case token sequences; a trailing `*` matches any continuation
 * ("mispronounc*" = mispronounced, mispronounces, mispronouncing).
 */
export type Sign = 1 | 0 | -1;

export interface CueEntry {
  tokens: string[];
  sign: Sign;
}

const NEGATIVE = [
  "mispronounc*", "mispronunciation*", "substitut*", "replac*", "drop", "drops", "dropped", "dropping",
  "delet*", "omit*", "omission*", "missing", "missed", "skip*", "insert*", "distort*", "error*", "mistake*",
  "wrong*", "incorrect*", "inaccura*", "unclear", "unnatural*", "choppy", "hesita*", "halting", "pause*",
  "stumbl*", "struggl*", "difficult*", "problem*", "issue*", "weak*", "poor*", "bad*", "flat", "monoton*",
  "robotic", "accented", "garbled", "slurr*", "mumbl*", "muffled", "truncated", "swallow*", "flaw", "flawed",
  "flaws", "inconsistent*", "uneven*", "rushed", "unstable", "imprecise*", "deviat*", "confus*", "devoic*",
  "broken", "trouble*", "misplaced", "incomplete", "fail*", "unintelligib*", "disfluen*", "fragment*",
  "stilted", "labored", "laboured", "awkward*", "terribl*", "worst", "off", "lacks", "lacking", "jerky", "staccato",
  "fragile", "erroneous*", "faulty", "sloppy", "blurred", "blurry", "collapsed", "merged", "mangled",
  "vowel-heavy", "lisp*", "cut", "shortened", "misstress*", "unstressed", "reduced"
];

const POSITIVE = [
  "clear", "clearly", "clarity", "correct", "correctly", "accurate", "accurately", "good", "well",
  "excellent*", "great", "perfect*", "fluent", "fluently", "smooth*", "natural", "naturally", "native-like",
  "nativelike", "crisp*", "precise*", "precision", "confident*", "steady", "consistent*", "appropriate*",
  "proper", "properly", "fine", "nice*", "solid", "flawless*", "effortless*", "expressive*", "lively",
  "right", "distinct", "distinctly", "articulate", "articulated", "strong", "spot-on",
  "impressive*", "polished", "clean", "cleanly", "exact", "exactly", "well-paced", "well-formed",
  "authentic", "seamless*", "easy", "easily", "controlled", "engaging", "varied", "dynamic",
];

const NEUTRAL = [
  "average", "acceptable", "adequate*", "fair", "okay", "ok", "decent*", "moderate", "passable",
  "mixed", "so-so", "mediocre", "understandable", "intelligible", "satisfactory", "ordinary", "middling",
  "reasonable", "tolerable",
];

/** Multi-word entries, tried before single words (longest first). */
const PHRASES: [string, Sign][] = [
  ["heavy accent", -1], ["strong accent", -1], ["thick accent", -1], ["noticeable accent", -1],
  ["long pauses", -1], ["sounded like", -1], ["sounds like", -1], ["sounding like", -1], ["long pause", -1], ["too fast", -1], ["too slow", -1], ["too quickly", -1],
  ["too slowly", -1], ["needs improvement", -1], ["need improvement", -1], ["needs work", -1],
  ["needs practice", -1], ["room for improvement", -1], ["cut off", -1], ["left out", -1],
  ["could be clearer", -1], ["could be improved", -1], ["not quite right", -1], ["falls flat", -1],
  ["hard to understand", -1], ["difficult to understand", -1], ["not always", -1], ["fell short", -1],
  ["natural rhythm", 1], ["native like", 1], ["well articulated", 1], ["well pronounced", 1],
  ["spot on", 1], ["on target", 1], ["easy to understand", 1], ["easy to follow", 1],
  ["even pace", 1], ["steady pace", 1], ["good job", 1], ["no problem", 1], ["stands out", 1],
  ["well done", 1], ["some room for improvement", -1], ["more or less", 0], ["so so", 0],
];

function entries(list: string[], sign: Sign): CueEntry[] {
  return list.map((w) => ({ tokens: [w], sign }));
}

export const CUES: CueEntry[] = [
  ...PHRASES.map(([p, sign]) => ({ tokens: p.split(" "), sign })),
  ...entries(NEGATIVE, -1),
  ...entries(POSITIVE, 1),
  ...entries(NEUTRAL, 0),
].sort((a, b) => b.tokens.length - a.tokens.length);

/** Flip the sign of a cue that follows within NEGATION_WINDOW tokens. */
export const NEGATORS = new Set([
  "not", "no", "never", "without", "hardly", "barely", "none", "nor", "neither", "free", "lack", "lacks",
  "lacking", "absence", "absent", "cannot", "nothing", "nobody", "isn't", "wasn't", "weren't", "aren't",
  "doesn't", "didn't", "don't", "hasn't", "haven't", "couldn't", "won't", "n't", "zero",
]);
export const NEGATION_WINDOW = 3;

/** Hedges that turn a positive cue into a neutral one ("fairly clear" ~ Average). */
export const HEDGES = new Set([
  "somewhat", "fairly", "reasonably", "moderately", "partly", "partially", "relatively", "rather",
  "semi", "kinda", "sorta",
]);
export const HEDGE_PHRASES: string[][] = [["sort", "of"], ["kind", "of"], ["more", "or", "less"]];

/** Contrast markers: a new scope for polarity ("good but …"). */
export const CONTRAST = new Set(["but", "however", "although", "though", "whereas", "while", "yet", "despite", "nevertheless", "nonetheless"]);

/** Exception markers: a mention after one of these takes the opposite of the sentence's verdict. */
export const EXCEPTIONS: string[][] = [["except"], ["apart", "from"], ["other", "than"], ["besides"], ["exception", "of"], ["excluding"], ["save", "for"], ["aside", "from"]];

/** Words naming the sentence-level aspects (METRICS.md). */
export const ASPECT_WORDS: Record<string, "accuracy" | "fluency" | "prosody"> = {
  accuracy: "accuracy", accurate: "accuracy", accurately: "accuracy", inaccurate: "accuracy",
  inaccurately: "accuracy", inaccuracy: "accuracy", pronunciation: "accuracy",
  fluency: "fluency", fluent: "fluency", fluently: "fluency", disfluent: "fluency", disfluency: "fluency",
  prosody: "prosody", prosodic: "prosody", intonation: "prosody", rhythm: "prosody", rhythmic: "prosody",
  stress: "prosody",
};

/** Words after which a phone-like token is what was heard instead (a substitute, not a mention). */
export const SUBSTITUTE_BEFORE = new Set(["with", "by", "like", "as", "into", "to", "toward", "towards"]);
export const SUBSTITUTE_AFTER = [["instead", "of"]];

/** Nouns that make an unwrapped ALL-CAPS ARPAbet symbol a phoneme ("the TH sound"). */
export const PHONE_NOUNS = new Set(["sound", "sounds", "phoneme", "phonemes", "phone", "phones", "vowel", "vowels", "consonant", "consonants"]);

/** ALL-CAPS tokens that are not words of an utterance. */
export const CAPS_STOP = new Set(["OK", "IPA", "ARPABET", "ASR", "TTS", "AI", "L1", "L2", "CMU", "US", "UK", "NB"]);

/** Match one lexicon pattern against one token. */
export function tokenMatches(pattern: string, token: string): boolean {
  if (pattern.endsWith("*")) return token.startsWith(pattern.slice(0, -1));
  return token === pattern;
}
