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
  // Wrong realisation.
  "mispronounc*", "misarticulat*", "misread*", "substitut*", "replac*", "drop", "drops", "dropped", "dropping", "delet*",
  "omit*", "omission*", "elid*", "elision*", "missing", "missed", "skip*", "insert*", "distort*", "error*", "mistake*",
  "wrong*", "incorrect*", "inaccura*", "erroneous*", "faulty", "flaw", "flawed", "flaws", "deviat*", "confus*",
  "devoic*", "denasali*", "misplaced", "misstress*", "mistim*", "mangled", "butcher*", "garbled", "slurr*", "mumbl*",
  "muffled", "muddy", "muddied", "muddled", "blurred", "blurry", "smeared", "sloppy", "careless*", "lazy", "imprecise*",
  "unclear", "indistinct*", "vague", "fuzzy", "collapsed", "merged", "fronted", "backed", "lisp*", "clipped", "truncat*",
  "swallow*", "chopped", "cut", "vocalis*", "vocaliz*", "glottalis*", "glottaliz*", "palatalis*", "palataliz*",
  "labialis*", "labializ*", "lost", "lose", "loses", "losing", "faded", "unreleased", "unaspirated", "inaudible",
  "intrusive", "extra", "nasalised", "nasalized", "softened", "raised", "lowered", "shortened", "centralised",
  "centralized", "overly", "exaggerat*", "overdone", "problem*", "issue*", "trouble*", "difficult*", "weak*", "poor*",
  "bad*", "badly", "off", "lacks", "lacked", "lacking", "lack", "absent", "absence", "fail*", "broken", "incomplete",
  "unintelligib*", "incomprehensib*", "worst", "worse", "terribl*", "awful*",
  "inconsistent*", "uneven*", "unstable", "unsteady", "irregular*",
  // Fluency and delivery.
  "choppy", "jerky", "staccato", "halting", "hesita*", "pause", "pauses", "paused", "stumbl*", "struggl*", "falter*",
  "stutter*", "stammer*", "disfluen*", "fragment*", "stilted", "labored", "laboured", "strained", "forced", "stiff",
  "wooden", "robotic", "mechanical", "rushed", "hurried", "dragg*", "sluggish", "awkward*", "clumsy", "shaky",
  "tentative", "harsh", "accent", "accented", "flat", "flatten*", "monoton*", "lifeless",
  // Harm done to an aspect ("which hurt fluency", "fluency suffered").
  "hurt", "hurts", "harm*", "suffer*", "spoil*", "undermin*", "marred", "impair*", "detract*", "hamper*", "hinder*",
  "imped*", "disrupt*", "interrupt*", "loss", "losses", "squeez*",
  // Comparison, ranking, need.
  "hardest", "weakest", "improve", "improvement", "improving", "barely", "hardly", "scarcely", "exception", "weakness",
  "weaknesses", "slip", "slips", "slipped", "lapse*", "glitch*",
];

/** Words that carry a positive judgment on their own. */
const POSITIVE = [
  "clear", "clearly", "clarity", "correct", "correctly", "accurate", "accurately", "good", "well", "excellent*", "great",
  "perfect*", "flawless*", "faultless*", "impeccab*", "superb*", "outstanding", "exemplary", "fine", "nice*", "solid",
  "fluent", "fluently", "smooth*", "fluid*", "flowing", "natural", "naturally", "native-like", "nativelike", "idiomatic",
  "crisp*", "precise*", "precision", "clean", "cleanly", "exact", "exactly", "distinct", "distinctly", "audible",
  "audibly", "confident*", "assured", "steady", "steadily", "consistent", "consistently", "controlled", "relaxed",
  "effortless*", "easy", "easily", "ease", "appropriate*", "proper", "properly", "right", "spot-on", "authentic",
  "seamless*", "expressive*", "lively", "engaging", "varied", "dynamic", "strong", "strongly", "robust", "firm",
  "firmly", "rich", "bright", "full", "intact", "impressive*", "polished", "beautiful*", "lovely", "pleasant", "neat*",
  "tidy", "faithful*", "convincing*", "sensible", "sensibly", "suits", "success*", "strength", "strengths", "best",
  "better", "confidence", "kept", "keeps", "retained", "retains", "preserved", "maintained", "genuine", "nailed", "mastered",
];

/** Words that judge, but as middling: decisive for the phrase and neutral ("acceptable"). */
const MIDDLING = [
  "average", "acceptable", "adequate*", "fair", "okay", "ok", "decent*", "moderate", "passable", "mixed", "so-so",
  "mediocre", "satisfactory", "serviceable", "ordinary", "middling", "reasonable", "tolerable", "approximately",
  ...["understandable", "intelligible", "recognisable", "recognizable", "comprehensible"],
];

/** Intelligibility: middling alone ("understandable"), praise when fully so ("clearly recognisable", "fully intelligible"). */
export const INTELLIGIBLE = new Set(["understandable", "intelligible", "recognisable", "recognizable", "comprehensible"]);

/**
 * Descriptive words of a sound's quality: no judgment alone ("its short /ʊ/"), negative with a
 * degree word or an excess ("a bit short", "too tense", "slightly rushed").
 */
const DESCRIPTORS = [
  "short", "long", "tense", "lax", "open", "closed", "close", "closer", "high", "low", "loud", "soft", "quiet",
  "fast", "slow", "quick", "quickly", "slowly", "heavy", "light", "rounded", "round", "unrounded", "spread", "nasal",
  "tight", "abrupt", "brief", "thin", "breathy", "reduced", "voiced", "voiceless", "unvoiced", "aspirated", "dental",
  "dark", "rising", "falling", "fortis", "lenis", "careful", "diphthong", "glide",
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
export const SOFTENERS = new Set([
  "slightly", "bit", "little", "touch", "rather", "a-bit", "tad", "mildly", "marginally", "sometimes", "occasionally",
  // Moderators keep the sign too ("reasonably fluent" is praise, "somewhat flat" criticism).
  "somewhat", "fairly", "reasonably", "relatively", "moderately", "pretty", "kinda", "sorta",
]);

/** "only" / "just" before a softener minimises the criticism to nothing worth a verdict ("only a slightly light /l/"). */
export const MINIMISERS = new Set(["only", "just", "merely"]);

/** Degree words that say "not fully": praise under them is middling ("only partly accurate"). */
export const PARTIAL = new Set(["partly", "partially", "half", "semi", "approximately", "roughly", "almost", "nearly", "not-quite", "incompletely"]);

/** Excess: "too short", "overly tense", "far too open" are criticism whatever the adjective. */
export const EXCESS = new Set(["too", "overly", "excessively"]);

/** Negators flip the judgment in their scope ("not fluent", "no errors", "without pauses"). */
export const NEGATORS = new Set([
  "not", "no", "never", "n't", "without", "hardly", "barely", "none", "nor", "neither", "free", "cannot",
  "nothing", "zero", "lack", "lacks", "lacked", "lacking", "absence", "scarcely", "least", "less", "loss",
]);

/** Contrast markers open a new clause whose judgment stands on its own ("good but …"). */
export const CONTRAST = new Set(["but", "however", "although", "though", "whereas", "while", "yet", "despite", "nevertheless", "nonetheless", "still"]);

/** Exception markers (multi-word first): what follows is set apart from the clause's verdict. */
export const EXCEPTIONS: string[][] = [
  ["with", "the", "exception", "of"], ["apart", "from"], ["aside", "from"], ["other", "than"], ["except", "for"],
  ["except"], ["besides"], ["excluding"], ["save", "for"], ["barring"], ["unlike"],
];

/** Prepositions that place a sound without judging it ("the /w/ after the /k/"). */
export const POSITIONAL = new Set(["after", "before", "between", "following", "preceding", "beside", "near", "next"]);

/** Nouns that relate two sounds rather than place one ("the contrast between /θ/ and /ð/"): "between" after them is no position. */
export const RELATIONAL_NOUNS = new Set(["contrast", "difference", "distinction", "transition", "link", "linking", "connection"]);

/** Advice: "work on X", "try to X", "aim for …" criticise what they are about. */
export const ADVICE = new Set(["work", "try", "aim", "practise", "practice", "focus", "remember", "keep", "pay", "watch", "make", "careful", "check", "listen", "mind", "concentrate", "avoid"]);

/** Multi-word judgments, tried before single words. */
export const PHRASES: [string[], Sign][] = [
  [["heavy", "accent"], -1], [["strong", "accent"], -1], [["thick", "accent"], -1], [["noticeable", "accent"], -1],
  [["long", "pauses"], -1], [["long", "pause"], -1], [["room", "for", "improvement"], -1], [["cut", "off"], -1],
  [["left", "out"], -1], [["could", "be"], -1], [["should", "be"], -1], [["not", "quite", "right"], -1],
  [["fell", "short"], -1], [["falls", "short"], -1], [["hard", "to"], -1], [["difficult", "to"], -1],
  ...["left", "leaves", "leave"].map((v): [string[], Sign] => [[v, "something", "to", "be", "desired"], -1]),
  ...["left", "leaves", "leave"].map((v): [string[], Sign] => [[v, "a", "lot", "to", "be", "desired"], -1]),
  [["natural", "rhythm"], 1], [["spot", "on"], 1], [["on", "target"], 1], [["in", "place"], 1], [["easy", "to"], 1],
  [["good", "job"], 1], [["well", "done"], 1], [["more", "or", "less"], 0], [["so", "so"], 0], [["as", "well"], 0],
  [["a", "touch"], 0],
  // "needs work", "needed more attention", "requires some practice".
  ...["needs", "need", "needed", "needing", "requires", "required"].flatMap((v) =>
    ["work", "attention", "practice", "practise", "improvement", "improving", "polish", "polishing"].flatMap((o): [string[], Sign][] => [
      [[v, o], -1], ...["more", "some", "further", "extra"].map((q): [string[], Sign] => [[v, q, o], -1]),
    ])),
  // Verbs of showing: a judgment after them decides ("stood out as the weakest", "came through muffled").
  ...["stands", "stood", "stand", "standing"].map((v): [string[], Sign] => [[v, "out"], 1]),
  ...["came", "come", "comes", "coming"].map((v): [string[], Sign] => [[v, "through"], 1]),
];

/** Phrases that yield to a judging word right after them ("came through muffled", "stood out as weak"). */
export const YIELDING = new Set(["stands", "stood", "stand", "standing", "came", "come", "comes", "coming"]);

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

const listed = (w: string): WordClass =>
  isNegative(w) ? "negative" : isMiddling(w) ? "middling" : isPositive(w) ? "positive" : isDescriptor(w) ? "descriptor" : null;

// Compounds: "well-aspirated", "half-voiced", "over-aspirated", "error-free".
const WELL = new Set(["well", "properly", "nicely", "clearly", "cleanly", "fully", "perfectly", "correctly", "accurately"]);
const BADLY = new Set(["badly", "poorly", "over", "under", "mis", "wrongly", "incorrectly"]);
// Prefixes that negate a judging word: "indistinct", "imprecise", "unnatural", "disfluent", "non-fluent".
const NEGATING_PREFIX = /^(un|in|im|il|ir|dis|non-?)(.{4,})$/;

function composedClass(w: string): WordClass {
  const dash = w.lastIndexOf("-");
  if (dash > 0 && w.slice(dash + 1) === "free") return "positive";
  const own = listed(w);
  if (own) return own;
  if (dash > 0 && dash < w.length - 1) {
    const first = w.slice(0, w.indexOf("-"));
    const head = w.slice(dash + 1);
    const h = listed(head);
    if (first === "non" || first === "not" || first === "un") return h === "positive" ? "negative" : h === "negative" ? "positive" : null;
    if (WELL.has(first)) return h === "negative" ? "negative" : "positive";
    if (BADLY.has(first)) return "negative";
    if (PARTIAL.has(first)) return h === "positive" ? "middling" : h === "descriptor" || h === null ? "negative" : h;
    if (h !== "descriptor") return h;
    return null;
  }
  const m = NEGATING_PREFIX.exec(w);
  if (m && listed(m[2]) === "positive") return "negative";
  // Comparative and superlative of a judging adjective: "clearer", "smoothest", "crisper", "noisier".
  const stem = /^(.{3,}?)(?:er|est)$/.exec(w)?.[1];
  if (stem) {
    for (const base of [stem, stem + "e", stem.replace(/i$/, "y"), stem.replace(/(.)\1$/, "$1")]) {
      const c = listed(base);
      if (c === "positive" || c === "negative") return c;
    }
  }
  return null;
}

/** The lexical class of one lower-case word (a hyphenated compound by its parts, a prefixed word by its root). */
export function wordClass(lower: string): WordClass {
  let c = CLASS_CACHE.get(lower);
  if (c === undefined) {
    c = composedClass(lower);
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
