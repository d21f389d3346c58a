// resource/text-phone: "<utt>.<word-index>\t<phone>_<B|I|E|S> …", canonical CMU phones per word.
import type { Problem } from "@/lib/errors";
import { readKeyValueFile } from "./kaldi-files";

/** utterance id → canonical phones of each word, in word order (position suffixes stripped). */
export async function readTextPhone(file: string, label: string, problems: Problem[]): Promise<Map<string, string[][]>> {
  const kv = await readKeyValueFile(file, label, problems);
  const out = new Map<string, string[][]>();
  for (const [key, value] of kv.map) {
    const m = /^(.+)\.(\d+)$/.exec(key);
    if (!m) {
      problems.push({ file: label, line: kv.lines.get(key), message: `expected "<utterance>.<word index>", got "${key}"` });
      continue;
    }
    const phones = value.split(/\s+/).map((p) => p.replace(/_[BIES]$/, ""));
    const words = out.get(m[1]) ?? [];
    words[Number(m[2])] = phones;
    out.set(m[1], words);
  }
  for (const [utt, words] of out) {
    for (let i = 0; i < words.length; i++) {
      if (!words[i]) problems.push({ file: label, utterance: utt, message: `word ${i} has no phones` });
    }
  }
  return out;
}
