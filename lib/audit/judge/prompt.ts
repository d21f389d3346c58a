/**
 * The instruction for an LLM judge (an instruction-tuned chat model, as the published SpeechLLM work
 * used for its JSON extraction): the audit's definitions of mentions and polarity (METRICS.md,
 * "Rationale audit"), the utterance with word and phone indices, and the rationale; the answer is
 * one JSON object (answer.ts validates it). Pure.
 */
import { arpabetToIpa } from "../../rubric/arpabet-ipa";
import type { UtteranceIndex } from "../utterance-index";

export const JUDGE_INSTRUCTIONS = `You audit rationales that a speech-assessment model wrote about a learner's reading of an English sentence.
List every MENTION in the rationale and the polarity the rationale gives it. Answer with one JSON object and nothing else.

Mentions:
- word: a word in quotes ('x', "x", “x”, ‘x’) or in ALL CAPS. Give the word without its quotes.
- phone: a phoneme symbol in /slashes/, [brackets] or quotes, IPA or ARPAbet. Give the symbol without its delimiters.
- aspect: the words accuracy/accurate/pronunciation, fluency/fluent, prosody/intonation/rhythm/stress when said of the whole reading (not of one word or syllable).
- A sound or word given as what was heard instead ("replaced by /s/", "came out as 'dem'", "closer to /ɛ/", "rather than a /dʒ/", "sounded like 'git'") is NOT a mention.

For each mention give:
- "text": the mention exactly as it appears in the rationale, without delimiters;
- "type": "word", "phone" or "aspect";
- "start", "end": its character offsets in the rationale (0-based, end exclusive), and "occurrence": which occurrence of that text it is (1 = first);
- "status": "ok" when it names one place of the sentence, "not_in_utterance" when the sentence has no such word/phoneme, "ambiguous" when it could be several places and the text does not say which;
- "word_index": the 0-based index of the word it names (for a phone: the word the phone belongs to), or null;
- "phone_index": for a phone, the 0-based index of that phone in the sentence's phone list, or null;
- "aspect": "accuracy", "fluency" or "prosody" for an aspect mention, else null;
- "polarity": "positive", "neutral" or "negative" — what a careful reader takes the text to say about it. Intensifiers ("clearly mispronounced") take the sign of what they intensify; negation flips; in "good but X was weak" X is negative; hedged criticism ("a bit flat") is negative; "acceptable", "passable", "only partly accurate" are neutral; purely positional references ("the /w/ after the /k/") are neutral; criticism of a phone is negative for its word unless the text says otherwise about the word;
- "cue": the few words of the rationale that decided the polarity (e.g. "was mispronounced"), or null;
- "decided_by": "own" (its own phrase), "exception", "coreference" (a pronoun or "that word" refers to it), "parts" (what is said of its phones), "advice", or "none".

Also give "overall" (the polarity of the whole rationale) and "no_error_claim": {"text", "kind"} when the rationale claims there are no errors at all ("kind": "all") or none besides those it names ("kind": "besides"), else null. Praise of particular words is no such claim.

Answer format:
{"mentions": [{"text": "CALL", "type": "word", "start": 9, "end": 13, "occurrence": 1, "status": "ok", "word_index": 1, "phone_index": null, "aspect": null, "polarity": "negative", "cue": "was mispronounced", "decided_by": "own"}], "overall": "negative", "no_error_claim": null}`;

/** The sentence as the judge sees it: words with indices, each with its canonical phones (IPA) and their indices. */
export function describeUtterance(ix: UtteranceIndex): string {
  const u = ix.utterance;
  const lines = u.words.map((w, wi) => {
    const phones = u.phones
      .map((p, pi) => ({ p, pi }))
      .filter(({ p }) => p.wordIndex === wi)
      .map(({ p, pi }) => `${pi}:/${arpabetToIpa(p.symbol) ?? p.symbol}/`);
    return `${wi}: ${w}  phones ${phones.join(" ")}`;
  });
  return `Sentence: ${u.words.join(" ")}\nWords (index: word, then phone_index:/IPA/):\n${lines.join("\n")}`;
}

export function judgeMessages(rationale: string, ix: UtteranceIndex): { role: "system" | "user"; content: string }[] {
  return [
    { role: "system", content: JUDGE_INSTRUCTIONS },
    { role: "user", content: `${describeUtterance(ix)}\n\nRationale (between the markers):\n<<<${rationale}>>>` },
  ];
}
