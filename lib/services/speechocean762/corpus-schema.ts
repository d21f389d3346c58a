// The shape of speechocean762's resource/scores-detail.json and scores.json (the released format).
import { z } from "zod";

const num = z.number();

export const DetailWordSchema = z.object({
  text: z.string(),
  "ref-phones": z.string().optional(),
  accuracy: z.array(num),
  stress: z.array(num),
  total: z.array(num),
  phones: z.array(z.string()),
});

export const DetailUtteranceSchema = z.object({
  text: z.string(),
  accuracy: z.array(num),
  completeness: z.array(num),
  fluency: z.array(num),
  prosodic: z.array(num),
  total: z.array(num),
  words: z.array(DetailWordSchema),
});
export type DetailUtterance = z.infer<typeof DetailUtteranceSchema>;

export const PublishedWordSchema = z.object({
  text: z.string(),
  accuracy: num,
  stress: num,
  total: num,
  phones: z.array(z.string()),
  "phones-accuracy": z.array(num),
});

export const PublishedUtteranceSchema = z.object({
  text: z.string(),
  accuracy: num,
  completeness: num,
  fluency: num,
  prosodic: num,
  total: num,
  words: z.array(PublishedWordSchema),
});
export type PublishedUtterance = z.infer<typeof PublishedUtteranceSchema>;

/** "words[0].accuracy[2]" from a zod issue path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === "number" ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), "");
}
