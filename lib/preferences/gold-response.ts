// The gold response: the human consensus rendered in the SpeechLLM response format, with a
// rationale written from the same labels, so chosen responses never contradict their own labels.
import { renderResponse } from "@/lib/inference/response/render-response";
import type { ResponseContent } from "@/lib/inference/response/types";
import { labelId, type Label } from "@/lib/rubric/labels";
import type { GoldItem } from "./types";

const OVERALL: Record<Label, string> = {
  Excellent: "Overall, the speech is accurate and clear.",
  Good: "Overall, the speech is mostly accurate.",
  Average: "Overall, the speech is understandable but has noticeable pronunciation errors.",
  Bad: "Overall, the speech has many pronunciation errors.",
  Worst: "Overall, the speech is largely inaccurate and hard to understand.",
};

const low = (l: Label) => labelId(l) <= 1;
const weak = (l: Label) => labelId(l) <= 2;

/** A rationale that names the words and phonemes the consensus rates Average or below. */
export function goldRationale(item: Pick<GoldItem, "sentence" | "words" | "wordLabels" | "wordPhones" | "phonesIpa" | "phoneLabels">): string {
  const parts = [OVERALL[item.sentence.accuracy]];
  const flagged: string[] = [];
  let pos = 0;
  item.words.forEach((w, wi) => {
    const n = item.wordPhones[wi]?.length ?? 0;
    const phones: string[] = [];
    for (let k = pos; k < pos + n; k++) if (item.phoneLabels[k] && weak(item.phoneLabels[k])) phones.push(`/${item.phonesIpa[k]}/`);
    pos += n;
    const wl = item.wordLabels[wi];
    if (!(wl && weak(wl)) && phones.length === 0) return;
    const how = wl && low(wl) ? "mispronounced" : "slightly mispronounced";
    if (phones.length === 0) flagged.push(`the word ${w} is ${how}`);
    else flagged.push(`in the word ${w}, ${phones.join(" and ")} ${phones.length === 1 ? "is" : "are"} ${how}`);
  });
  parts.push(flagged.length ? `Errors: ${flagged.join("; ")}.` : "No word or phoneme stands out as mispronounced.");
  const f = item.sentence.fluency;
  const p = item.sentence.prosody;
  parts.push(`Fluency is ${f.toLowerCase()} and prosody is ${p.toLowerCase()}.`);
  return parts.join(" ");
}

export function goldContent(item: GoldItem): ResponseContent {
  return {
    sentence: { ...item.sentence },
    words: item.words.map((text, i) => ({ text, label: item.wordLabels[i] })),
    phones: item.phonesIpa.map((symbol, i) => ({ symbol, label: item.phoneLabels[i] })),
    rationale: goldRationale(item),
  };
}

export function goldResponse(item: GoldItem): string {
  return renderResponse(goldContent(item));
}
