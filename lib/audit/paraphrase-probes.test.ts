// Paraphrase probes: sentences WRITTEN BY US (the audit's authors), one or more per linguistic
// family the audit must handle, in wordings, voices and orders of our own. They are regression
// checks of the mechanisms (does "none of … were clear" negate? does "had a voiced /z/" praise?),
// NOT a measure of accuracy: the measure is ../shared/audit-eval (tests/audit/audit-eval-set.test.ts),
// written by someone who never saw this code. Expected polarities follow that set's README
// conventions (phone criticism is criticism of its word; positional references are neutral;
// hedged criticism is negative; "acceptable", "only partly accurate" are neutral).
import { describe, expect, it } from "vitest";
import { extractMentions } from "./extract-mentions";

// A made-up utterance with long and short vowels, a voiced final consonant, a nasal, dentals and
// words stressed on the first and on the second syllable.
const WORDS: [string, string[]][] = [
  ["THINK", ["TH", "IH1", "NG", "K"]],
  ["ABOUT", ["AH0", "B", "AW1", "T"]],
  ["THE", ["DH", "AH0"]],
  ["RED", ["R", "EH1", "D"]],
  ["BOAT", ["B", "OW1", "T"]],
  ["SHE", ["SH", "IY1"]],
  ["SEES", ["S", "IY1", "Z"]],
  ["MUSIC", ["M", "Y", "UW1", "Z", "IH0", "K"]],
  ["TODAY", ["T", "AH0", "D", "EY1"]],
  ["LITTLE", ["L", "IH1", "T", "AH0", "L"]],
];
const utterance = {
  words: WORDS.map(([w]) => w),
  phones: WORDS.flatMap(([, ps], wordIndex) => ps.map((symbol) => ({ symbol, wordIndex }))),
};
type P = "positive" | "neutral" | "negative";
const polarities = (text: string) =>
  Object.fromEntries(extractMentions(text, utterance).mentions.map((m) => [m.text, m.polarity]));

const cases: Record<string, [string, Record<string, P>][]> = {
  "predicate structure (verbs, adjectives, nouns, adverbs)": [
    ["RED came out muddy.", { RED: "negative" }],
    ["'SEES' was rendered with real precision.", { SEES: "positive" }],
    ["There was an obvious slip on 'ABOUT'.", { ABOUT: "negative" }],
    ["The learner mangled 'MUSIC'.", { MUSIC: "negative" }],
    ["'TODAY' was spot on.", { TODAY: "positive" }],
    ["'BOAT' sounded a little off.", { BOAT: "negative" }],
    ["A flawless /θ/ in 'THINK'.", { θ: "positive", THINK: "positive" }],
    ["'SHE' was handled with ease.", { SHE: "positive" }],
  ],
  "negation scope": [
    ["'RED' was never unclear.", { RED: "positive" }],
    ["Nothing about 'BOAT' was wrong.", { BOAT: "positive" }],
    ["'TODAY' did not sound natural.", { TODAY: "negative" }],
    ["The /θ/ in 'THINK' was not dropped.", { θ: "positive", THINK: "positive" }],
    ["None of the sounds in 'MUSIC' were clear.", { MUSIC: "negative" }],
    ["'SHE' wasn't pronounced clearly.", { SHE: "negative" }],
    ["The final /z/ of 'SEES' was not voiced.", { z: "negative", SEES: "negative" }],
    ["The vowel of 'RED' did not open enough.", { RED: "negative" }],
    ["There were no problems with 'LITTLE'.", { LITTLE: "positive" }],
  ],
  "contrast and concession": [
    ["'RED' was fine, but 'BOAT' was rushed.", { RED: "positive", BOAT: "negative" }],
    ["Although 'ABOUT' was a bit flat, 'TODAY' was excellent.", { ABOUT: "negative", TODAY: "positive" }],
    ["'THE' was acceptable, though its /ð/ was weak.", { THE: "neutral", ð: "negative" }],
    ["'LITTLE' came out slightly muffled, though the word stayed recognisable.", { LITTLE: "neutral" }],
    ["The rhythm could be more even, but it still sounds natural.", { rhythm: "positive" }],
  ],
  "exception clauses": [
    ["Everything was clear except 'RED', which sounded muffled.", { RED: "negative" }],
    ["All words were accurate apart from 'BOAT'.", { BOAT: "negative" }],
    ["Other than a slightly short /iː/ in 'SHE', the reading was flawless.", { iː: "negative", SHE: "negative" }],
    ["With the exception of 'TODAY', every word was crisp.", { TODAY: "negative" }],
  ],
  "relative clauses": [
    ["'SEES', which was clipped at the end, needs work.", { SEES: "negative" }],
    ["The /ŋ/ in 'THINK', which many learners drop, was fully audible.", { ŋ: "positive", THINK: "positive" }],
    ["Listen again to the /t/ at the end of 'BOAT', which was barely audible.", { t: "negative", BOAT: "negative" }],
  ],
  coreference: [
    ["'LITTLE' was the hardest word. It lost its final /l/.", { LITTLE: "negative", l: "negative" }],
    ["'TODAY' needs attention: that word was stressed wrongly.", { TODAY: "negative" }],
    ["'SHE' was fine; the word as a whole was clear.", { SHE: "positive" }],
    ["Only the /d/ of 'RED' was weak; the rest of the word was fine.", { d: "negative", RED: "neutral" }],
  ],
  "hedges and softeners": [
    ["'RED' was slightly unclear.", { RED: "negative" }],
    ["'ABOUT' was somewhat rushed.", { ABOUT: "negative" }],
    ["'BOAT' was reasonably clear.", { BOAT: "positive" }],
    ["'SEES' was only partly correct.", { SEES: "neutral" }],
    ["'SHE' was passable.", { SHE: "neutral" }],
    ["'THINK' was fine, with only a slightly soft /k/.", { THINK: "positive", k: "neutral" }],
  ],
  "advice and imperatives": [
    ["Try to lengthen the /iː/ in 'SHE'.", { iː: "negative", SHE: "negative" }],
    ["Work on the /θ/ in 'THINK'.", { θ: "negative", THINK: "negative" }],
    ["Focus on voicing the final /z/ of 'SEES'.", { z: "negative", SEES: "negative" }],
  ],
  comparison: [
    ["'MUSIC' was the weakest word.", { MUSIC: "negative" }],
    ["'TODAY' was the best word of the reading.", { TODAY: "positive" }],
    ["'BOAT' was the least precise word.", { BOAT: "negative" }],
  ],
  hypothetical: [["'RED' would have been better with a fuller vowel.", { RED: "negative" }]],
  "framing by a part": [
    ["The vowel in 'SHE' was too short.", { SHE: "negative" }],
    ["In 'BOAT', the diphthong /oʊ/ was flattened.", { BOAT: "negative", oʊ: "negative" }],
    ["The ending of 'SEES' was devoiced.", { SEES: "negative" }],
  ],
  "second person": [
    ["You pronounced 'THINK' very clearly.", { THINK: "positive" }],
    ["You dropped the final /t/ in 'BOAT'.", { t: "negative", BOAT: "negative" }],
    ["You rushed through 'ABOUT'.", { ABOUT: "negative" }],
    ["Your 'RED' was crisp.", { RED: "positive" }],
  ],
  "phonetic description against the canonical sound": [
    ["'SEES' ended with a voiced /z/.", { SEES: "positive", z: "positive" }],
    ["'SEES' ended with a voiceless /z/.", { SEES: "negative", z: "negative" }],
    ["'SHE' had a short vowel.", { SHE: "negative" }],
    ["'THINK' had a short, lax vowel.", { THINK: "positive" }],
    ["'TODAY' was stressed on the first syllable.", { TODAY: "negative" }],
    ["'TODAY' was stressed on the second syllable.", { TODAY: "positive" }],
    ["'MUSIC' carried the stress on its first syllable.", { MUSIC: "positive" }],
    ["The /ð/ in 'THE' was properly dental.", { ð: "positive", THE: "positive" }],
    ["'BOAT' kept its long diphthong.", { BOAT: "positive" }],
  ],
  "heard instead": [
    ["The /θ/ in 'THINK' came out as /s/.", { θ: "negative", THINK: "negative" }],
    ["'RED' sounded more like 'wed'.", { RED: "negative" }],
    ["In 'SHE', the /iː/ was swapped for a short /ɪ/.", { SHE: "negative", iː: "negative" }],
  ],
  "judging words used against their surface sign": [
    ["'RED' had no trace of an accent.", { RED: "positive" }],
    ["'BOAT' was read without any hesitation.", { BOAT: "positive" }],
    ["'THINK' was far from clear.", { THINK: "negative" }],
    ["'SHE' was anything but fluent.", { SHE: "negative" }],
    ["'ABOUT' was clearly wrong.", { ABOUT: "negative" }],
    ["'SEES' lacked clarity.", { SEES: "negative" }],
    ["Not a single sound in 'MUSIC' was off.", { MUSIC: "positive" }],
    ["'TODAY' came through muffled.", { TODAY: "negative" }],
    ["'LITTLE' stood out as the weakest word.", { LITTLE: "negative" }],
    ["'RED' stood out as particularly crisp.", { RED: "positive" }],
    ["'BOAT' needed more work.", { BOAT: "negative" }],
  ],
  "comparison with than": [
    ["'RED' was less clear than the rest.", { RED: "negative" }],
    ["'SEES' was clearer than before.", { SEES: "positive" }],
  ],
  "list style": [
    ["Strengths: 'RED' and 'BOAT'. Needs work: 'SEES'.", { RED: "positive", BOAT: "positive", SEES: "negative" }],
    ["Two words were mispronounced: 'THINK' and 'TODAY'.", { THINK: "negative", TODAY: "negative" }],
    ["Problem words: 'SHE', 'LITTLE'.", { SHE: "negative", LITTLE: "negative" }],
  ],
  "aspects": [
    ["Fluency was hampered by long pauses.", { Fluency: "negative" }],
    ["The reading lacked fluency.", { fluency: "negative" }],
    ["The intonation rose naturally at the end.", { intonation: "positive" }],
    ["The rhythm was a weak point.", { rhythm: "negative" }],
    ["A fluent reading with every word right.", { fluent: "positive" }],
  ],
};

// Round 3 (issue 17, after a third independently written set): mechanisms, in our own wordings.
const round3: Record<string, [string, Record<string, P>][]> = {
  "a judging noun as the object of a negated verb; negators compose": [
    ["'BOAT' never caused any trouble.", { BOAT: "positive" }],
    ["'RED' didn't show any hesitation at all.", { RED: "positive" }],
    ["'SHE' and 'SEES' were linked with no loss of clarity.", { SHE: "positive", SEES: "positive" }],
    ["There was no lack of precision in 'TODAY'.", { TODAY: "positive" }],
    ["'MUSIC' showed a loss of clarity.", { MUSIC: "negative" }],
  ],
  "conformity: as it should (be)": [
    ["'TODAY' was stressed on the second syllable, as it should be.", { TODAY: "positive" }],
    ["The intonation behaved as it must in a statement.", { intonation: "positive" }],
  ],
  "a description of the item, not of the reading": [
    ["'LITTLE' may be a long word for a child, yet it came out crisply.", { LITTLE: "positive" }],
  ],
  "participles inside a noun phrase": [
    ["Both the rounded /aʊ/ and the released /t/ of 'ABOUT' were muffled.", { aʊ: "negative", t: "negative", ABOUT: "negative" }],
    ["In 'BOAT', the rounded /oʊ/ and the aspirated /t/ were each spot on.", { oʊ: "positive", t: "positive" }],
  ],
  "predicates negated by never; hampering verbs": [
    ["The rhythm never steadied.", { rhythm: "negative" }],
    ["Fluency was hindered by a restart in the middle.", { Fluency: "negative" }],
  ],
  "what could be more so; softened descriptions the lexicon does not know": [
    ["In 'BOAT' the /oʊ/ should glide further.", { oʊ: "negative", BOAT: "negative" }],
    ["The /ʃ/ of 'SHE' was a little thick.", { ʃ: "negative", SHE: "negative" }],
  ],
  "concessions: 'enough', criticism of the word itself, subjectless": [
    ["In 'RED' the /ɛ/ was a little lax, although the word itself came out good enough.", { ɛ: "negative", RED: "neutral" }],
    ["'TODAY' was perhaps hurried, yet it still came across clearly.", { TODAY: "neutral" }],
    ["The /ʃ/ in 'SHE' was a touch soft, though the word was easy to follow.", { ʃ: "negative", SHE: "positive" }],
    ["'BOAT' was somewhat weak, but intelligible.", { BOAT: "neutral" }],
  ],
  "contrast by unlike, with a relative clause of place": [
    ["Unlike 'SEES', where it came out muffled, 'SHE' had a lovely /ʃ/.", { SHE: "positive", SEES: "negative" }],
  ],
  "idioms and complements of negated verbs": [
    ["You nailed 'RED', but 'BOAT' still needs attention.", { RED: "positive", BOAT: "negative" }],
    ["I would not call 'TODAY' accurate.", { TODAY: "negative" }],
    ["'SHE' left something to be desired.", { SHE: "negative" }],
  ],
  "advice to keep as it is": [
    ["Keep your falling intonation.", { intonation: "positive" }],
    ["Keep the /iː/ in 'SHE' longer.", { SHE: "negative" }],
  ],
};

describe("paraphrase probes (written by us; regression of mechanisms, not the measure)", () => {
  for (const [family, list] of Object.entries(round3)) {
    describe(family, () => {
      it.each(list)("%s", (text, want) => {
        const got = polarities(text);
        for (const [k, p] of Object.entries(want)) expect(`${k}: ${got[k]}`).toBe(`${k}: ${p}`);
      });
    });
  }

  const mentioned = (text: string) => extractMentions(text, utterance).mentions.map((m) => `${m.type}:${m.text}`);
  it.each([
    ["'SEES' came off as 'seas'.", "word:seas"],
    ["The vowel of 'RED' ended up somewhere near 'rid'.", "word:rid"],
    ["In 'LITTLE' the /ɪ/ was swapped with a flattened /ə/.", "phone:ə"],
  ])("heard-instead by phrasal verbs, nearness and participles: %s", (text, heard) => {
    expect(mentioned(text)).not.toContain(heard);
  });

  it.each([
    ["Her delivery sounds fluent from start to end.", "aspect:fluent"],
    ["Clear pronunciation, lively rhythm; 'RED' was fine.", "aspect:pronunciation"],
    ["Clear pronunciation, lively rhythm; 'RED' was fine.", "aspect:rhythm"],
    ["Fluency and intonation both need practice.", "aspect:Fluency"],
    ["Fluency and intonation both need practice.", "aspect:intonation"],
  ])("aspect words said of the reading: %s", (text, aspect) => {
    expect(mentioned(text)).toContain(aspect);
  });

  it("ties a phone to the word of its own statement, not one set apart after it", () => {
    const ix = (text: string, sym: string) => extractMentions(text, utterance).mentions.find((m) => m.text === sym)?.wordIndex;
    expect(ix("'SHE' had a lovely /iː/, unlike 'SEES'.", "iː")).toBe(5);
    expect(ix("'SHE' was steady, with a rich /iː/; 'SEES' was fine too.", "iː")).toBe(5);
  });


  for (const [family, list] of Object.entries(cases)) {
    describe(family, () => {
      it.each(list)("%s", (text, want) => {
        const got = polarities(text);
        for (const [k, p] of Object.entries(want)) expect(`${k}: ${got[k]}`).toBe(`${k}: ${p}`);
      });
    });
  }
});
