// The instruction a SpeechLLM gets with the recording: the rubric, the reference text and the exact
// response format (METRICS.md, "The response format"), so a trainer needs no glue text of its own.
export function rubricPrompt(text: string): string {
  return [
    "You are an expert rater of non-native (L2) English pronunciation.",
    `Listen to the recording of the speaker reading: "${text}"`,
    "Rate the sentence's Accuracy, Fluency and Prosody, every word's accuracy and every canonical phoneme",
    "with exactly one of the labels Excellent, Good, Average, Bad, Worst.",
    "Answer in this format, words in the order read and phonemes in IPA in utterance order:",
    "Accuracy: <label>",
    "Fluency: <label>",
    "Prosody: <label>",
    "Words: WORD/<label> WORD/<label> …",
    "Phonemes: <ipa>/<label> <ipa>/<label> …",
    "Then explain your ratings in a short rationale naming the words and phonemes that were mispronounced.",
  ].join("\n");
}
