/**
 * The domain lexicon of pronunciation feedback: what words mean when a rater or a model comments
 * on L2 speech. General sentiment lists read "dropped", "devoiced" or "monotone" as neutral and
 * "clearly mispronounced" as positive; these classes say how each word takes part in the polarity
 * of the phrase around it (lib/audit/polarity.ts composes them). Entries are lower-case words; a
 * trailing `*` matches any continuation ("mispronounc*" = mispronounced, mispronunciation …).
 */
export type Sign = 1 | 0 | -1;

/** Words that carry a negative judgment on their own (verbs, adjectives, nouns, adverbs). */
const NEGATIVE = [
  "mispronounc*", "substitut*", "replac*", "drop", "drops", "dropped", "dropping", "delet*", "omit*", "omission*",
  "missing", "missed", "skip*", "insert*", "distort*", "error*", "mistake*", "wrong*", "incorrect*", "inaccura*",
  "unclear", "unnatural*", "choppy", "hesita*", "halting", "pause", "pauses", "paused", "stumbl*", "struggl*",
  "difficult*", "problem*", "issue*", "weak*", "poor*", "bad*", "badly", "flat", "flatten*", "monoton*", "robotic",
  "accented", "garbled", "slurr*", "mumbl*", "muffled", "truncat*", "swallow*", "flaw", "flawed", "flaws",
  "inconsistent*", "uneven*", "rushed", "unstable", "imprecise*", "deviat*", "confus*", "devoic*", "broken",
  "trouble*", "misplaced", "incomplete", "fail*", "unintelligib*", "disfluen*", "fragment*", "stilted",
  "labored", "laboured", "awkward*", "terribl*", "worst", "worse", "off", "jerky", "staccato", "erroneous*",
  "faulty", "sloppy", "blurred", "blurry", "collapsed", "merged", "mangled", "lisp*", "clipped", "lost", "lose",
  "loses", "losing", "slip", "slips", "slipped", "cut", "unreleased", "unaspirated", "inaudible", "vague",
  "strained", "stiff", "clumsy", "shaky", "tentative", "harsh", "hardest", "weakest",
  "lacks", "lacked", "lacking", "lack", "absent", "absence", "faded", "intrusive", "extra", "nasalised", "nasalized",
  "softened", "raised", "lowered", "shortened", "centralised", "centralized", "overly", "exaggerat*",
  "improve", "improvement", "improving", "barely", "hardly", "scarcely", "exception", "weakness", "weaknesses",
];

/** Words that carry a positive judgment on their own. */
const POSITIVE = [
  "clear", "clearly", "clarity", "correct", "correctly", "accurate", "accurately", "good", "well",
  "excellent*", "great", "perfect*", "fluent", "fluently", "smooth*", "natural", "naturally", "native-like",
  "nativelike", "crisp*", "precise*", "precision", "confident*", "steady", "consistent", "consistently",
  "appropriate*", "proper", "properly", "fine", "nice*", "solid", "flawless*", "effortless*", "expressive*",
  "lively", "right", "distinct", "distinctly", "strong", "strongly", "spot-on", "impressive*", "polished",
  "clean", "cleanly", "exact", "well-paced", "well-formed", "well-placed", "well-articulated", "well-pronounced",
  "authentic", "seamless*", "easy", "easily", "controlled", "engaging", "varied", "dynamic", "kept", "keeps",
  "retained", "retains", "preserved", "maintained", "audible", "audibly", "beautiful*", "lovely", "pleasant",
  "best", "better", "strength", "strengths", "success*", "nicely", "neat*", "faithful*", "full", "convincing*",
  "tidy", "sensible", "sensibly", "suits", "confidence", "ease",
];

/** Words that judge, but as middling: decisive for the phrase and neutral ("acceptable"). */
const MIDDLING = [
  "average", "acceptable", "adequate*", "fair", "okay", "ok", "decent*", "moderate", "passable", "mixed", "so-so",
  "mediocre", "understandable", "intelligible", "recognisable", "recognizable", "satisfactory", "ordinary",
  "middling", "reasonable", "tolerable", "approximately",
];

/**
 * Descriptive words of a sound's quality: no judgment alone ("its short /ʊ/"), negative with a
 * degree word or an excess ("a bit short", "too tense", "slightly rushed").
 */
const DESCRIPTORS = [
  "short", "long", "tense", "lax", "open", "closed", "close", "closer", "high", "low", "loud", "soft", "quiet",
  "fast", "slow", "quick", "quickly", "slowly", "heavy", "light", "rounded", "spread", "nasal", "tight",
  "abrupt", "brief", "thin", "breathy", "reduced", "voiced", "fronted", "backed", "dark", "bright",
  "rising", "falling", "fortis", "lenis", "careful",
];

/** Words that strengthen whatever judgment they modify and carry none when it has one ("clearly mispronounced"). */
export const INTENSIFIERS = new Set([
  "very", "really", "quite", "extremely", "especially", "particularly", "fully", "completely", "entirely",
  "totally", "highly", "so", "noticeably", "clearly", "obviously", "definitely", "markedly", "much", "far",
  "way", "truly", "considerably", "significantly", "clear", "real", "noticeable", "obvious", "distinct",
  "distinctly", "main", "major", "big", "biggest", "serious", "seriously", "key", "notable", "one", "only",
  "especially", "consistently", "audibly", "strongly", "strong", "genuinely", "properly", "just", "still",
  "even", "also", "both", "all", "overall", "audible", "generally", "mostly", "largely", "mainly", "usually", "largely",
]);

/** Degree words that soften: a softened criticism stays negative; a softened descriptor becomes one. */
export const SOFTENERS = new Set(["slightly", "bit", "little", "touch", "rather", "a-bit", "tad", "mildly", "marginally", "sometimes", "occasionally"]);

/** Degree words that say "not fully": praise under them is middling ("only partly accurate"). */
export const PARTIAL = new Set(["partly", "partially", "half", "semi", "approximately", "roughly", "almost", "nearly", "not-quite", "somewhat", "fairly", "reasonably", "relatively", "moderately", "kinda", "sorta"]);

/** Excess: "too short", "overly tense", "far too open" are criticism whatever the adjective. */
export const EXCESS = new Set(["too", "overly", "excessively"]);

/** Negators flip the judgment in their scope ("not fluent", "no errors", "without pauses"). */
export const NEGATORS = new Set([
  "not", "no", "never", "n't", "without", "hardly", "barely", "none", "nor", "neither", "free", "cannot",
  "nothing", "zero", "lack", "lacks", "lacked", "lacking", "absence", "scarcely", "least", "less",
]);

/** Contrast markers open a new clause whose judgment stands on its own ("good but …"). */
export const CONTRAST = new Set(["but", "however", "although", "though", "whereas", "while", "yet", "despite", "nevertheless", "nonetheless", "still"]);

/** Exception markers (multi-word first): what follows is set apart from the clause's verdict. */
export const EXCEPTIONS: string[][] = [
  ["with", "the", "exception", "of"], ["apart", "from"], ["aside", "from"], ["other", "than"], ["except", "for"],
  ["except"], ["besides"], ["excluding"], ["save", "for"], ["barring"],
];

/** Prepositions that place a sound without judging it ("the /w/ after the /k/"). */
export const POSITIONAL = new Set(["after", "before", "between", "following", "preceding", "beside", "near", "next"]);

/** Advice: "work on X", "try to X", "aim for …" criticise what they are about. */
export const ADVICE = new Set(["work", "try", "aim", "practise", "practice", "focus", "remember", "keep", "pay", "watch", "make", "careful"]);

/** Multi-word judgments, tried before single words. */
export const PHRASES: [string[], Sign][] = [
  [["heavy", "accent"], -1], [["strong", "accent"], -1], [["thick", "accent"], -1], [["noticeable", "accent"], -1],
  [["long", "pauses"], -1], [["long", "pause"], -1], [["needs", "work"], -1], [["need", "work"], -1],
  [["room", "for", "improvement"], -1], [["cut", "off"], -1], [["left", "out"], -1], [["could", "be"], -1],
  [["should", "be"], -1], [["not", "quite", "right"], -1], [["fell", "short"], -1], [["falls", "short"], -1],
  [["hard", "to"], -1], [["difficult", "to"], -1], [["natural", "rhythm"], 1], [["spot", "on"], 1], [["on", "target"], 1],
  [["easy", "to"], 1], [["good", "job"], 1], [["well", "done"], 1], [["stands", "out"], 1], [["came", "through"], 1],
  [["come", "through"], 1], [["more", "or", "less"], 0], [["so", "so"], 0], [["as", "well"], 0], [["a", "touch"], 0],
];

const compile = (list: string[]) => {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const w of list) (w.endsWith("*") ? prefixes.push(w.slice(0, -1)) : exact.add(w));
  return (t: string) => exact.has(t) || prefixes.some((p) => t.startsWith(p));
};
const isNegative = compile(NEGATIVE);
const isPositive = compile(POSITIVE);
const isMiddling = compile(MIDDLING);
const isDescriptor = compile(DESCRIPTORS);

export type WordClass = "positive" | "negative" | "middling" | "descriptor" | null;

const CLASS_CACHE = new Map<string, WordClass>();

/** The lexical class of one lower-case word. */
export function wordClass(lower: string): WordClass {
  let c = CLASS_CACHE.get(lower);
  if (c === undefined) {
    c = isNegative(lower) ? "negative" : isMiddling(lower) ? "middling" : isPositive(lower) ? "positive" : isDescriptor(lower) ? "descriptor" : null;
    if (CLASS_CACHE.size > 50_000) CLASS_CACHE.clear();
    CLASS_CACHE.set(lower, c);
  }
  return c;
}

/** Words naming the sentence-level aspects (METRICS.md). */
export const ASPECT_WORDS: Record<string, "accuracy" | "fluency" | "prosody"> = {
  accuracy: "accuracy", accurate: "accuracy", accurately: "accuracy", inaccurate: "accuracy",
  inaccurately: "accuracy", inaccuracy: "accuracy", pronunciation: "accuracy",
  fluency: "fluency", fluent: "fluency", fluently: "fluency", disfluent: "fluency", disfluency: "fluency",
  prosody: "prosody", prosodic: "prosody", intonation: "prosody", rhythm: "prosody", rhythmic: "prosody",
  stress: "prosody",
};

/** Nouns for parts of a reading: an aspect word about one of these describes that part, not the reading. */
export const PART_NOUNS = new Set([
  "word", "words", "vowel", "vowels", "consonant", "consonants", "sound", "sounds", "syllable", "syllables",
  "phone", "phones", "phoneme", "phonemes", "letter", "letters", "rest", "ending", "endings", "cluster",
  "clusters", "number", "numbers", "name", "names", "diphthong", "diphthongs", "one", "ones", "it", "everything",
  "each", "other", "others", "latter", "former", "them", "they", "both", "else",
]);

/** Nouns that make an unwrapped ALL-CAPS ARPAbet symbol a phoneme ("the TH sound"). */
export const PHONE_NOUNS = new Set(["sound", "sounds", "phoneme", "phonemes", "phone", "phones", "vowel", "vowels", "consonant", "consonants"]);

/** ALL-CAPS tokens that are not words of an utterance. */
export const CAPS_STOP = new Set(["OK", "IPA", "ARPABET", "ASR", "TTS", "AI", "L1", "L2", "CMU", "US", "UK", "NB"]);
