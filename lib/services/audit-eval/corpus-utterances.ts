// The utterances a labelled rationale set refers to, read straight from a speechocean762 folder
// (no database): words and canonical phones (resource/text-phone), the published consensus bins
// (resource/scores.json: sentence and word scores, the raters' mean phone score) and the split
// (train/text, test/text). Only the utterances asked for are built.
import path from "node:path";
import { AppError, type Problem } from "@/lib/errors";
import { indexUtterance, labelsFromScores, type LabelSet, type UtteranceIndex } from "@/lib/audit";
import { readJsonFile, readKeyValueFile } from "../speechocean762/kaldi-files";
import { readTextPhone } from "../speechocean762/text-phone";
import { PublishedUtteranceSchema, fieldPath } from "../speechocean762/corpus-schema";

export interface CorpusUtteranceLabels {
  uttId: string;
  split: "train" | "test" | null;
  utterance: UtteranceIndex;
  consensus: LabelSet;
}

/** `$SO762_DIR`, else ../shared/speechocean762 from the working directory (as `npm start` does). */
export function defaultCorpusDir(): string {
  return path.resolve(process.env.SO762_DIR || "../shared/speechocean762");
}

export async function loadCorpusUtterances(dir: string, uttIds: Iterable<string>): Promise<Map<string, CorpusUtteranceLabels>> {
  const problems: Problem[] = [];
  const scores = (await readJsonFile(path.join(dir, "resource/scores.json"), "resource/scores.json", problems)) as Record<string, unknown> | undefined;
  const textPhone = await readTextPhone(path.join(dir, "resource/text-phone"), "resource/text-phone", problems);
  const split = new Map<string, "train" | "test">();
  for (const s of ["train", "test"] as const) {
    const text = await readKeyValueFile(path.join(dir, s, "text"), `${s}/text`, problems);
    for (const id of text.map.keys()) split.set(id, s);
  }
  if (problems.length) throw new AppError("INVALID_INPUT", `cannot read the speechocean762 corpus at ${dir} (set SO762_DIR or --corpus)`, problems);
  const out = new Map<string, CorpusUtteranceLabels>();
  for (const uttId of new Set(uttIds)) {
    const at = (field: string | undefined, message: string, file = "resource/scores.json") => problems.push({ file, utterance: uttId, field, message });
    const parsed = PublishedUtteranceSchema.safeParse(scores?.[uttId]);
    if (!parsed.success) {
      if (scores?.[uttId] === undefined) at(undefined, "no such utterance in the corpus");
      else for (const iss of parsed.error.issues.slice(0, 3)) at(fieldPath(iss.path), iss.message);
      continue;
    }
    const u = parsed.data;
    const phonesPerWord = textPhone.get(uttId);
    if (!phonesPerWord || phonesPerWord.length !== u.words.length) {
      at(undefined, `text-phone has ${phonesPerWord?.length ?? 0} words, scores.json ${u.words.length}`, "resource/text-phone");
      continue;
    }
    const phones = phonesPerWord.flatMap((ps, w) => ps.map((symbol) => ({ symbol, wordIndex: w })));
    const phoneScores = u.words.flatMap((w) => w["phones-accuracy"]);
    if (phoneScores.length !== phones.length) {
      at("phones-accuracy", `${phoneScores.length} phone scores for ${phones.length} canonical phones`);
      continue;
    }
    out.set(uttId, {
      uttId,
      split: split.get(uttId) ?? null,
      utterance: indexUtterance({ words: u.words.map((w) => w.text), phones }),
      consensus: labelsFromScores({
        sentence: { accuracy: u.accuracy, fluency: u.fluency, prosody: u.prosodic },
        words: u.words.map((w) => w.accuracy),
        phones: phoneScores,
      }),
    });
  }
  if (problems.length) throw new AppError("INVALID_INPUT", `${problems.length} utterance(s) of the labelled set cannot be read from ${dir}`, problems);
  return out;
}
