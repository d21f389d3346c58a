/**
 * A judge's answer (prompt.ts asks for it): one JSON object with `mentions`, `overall` and
 * `no_error_claim`, validated with zod. Chat models wrap JSON in code fences or a sentence, write
 * enum values in another case and leave out optional fields: those are tolerated; anything else is
 * refused with the first problems named by field ("mentions[2].polarity: …"). Pure.
 */
import { z } from "zod";

const lower = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase().replace(/[\s-]+/g, "_") : v), z.enum(values));
const optInt = z.number().int().nonnegative().nullish();

const POLARITY = lower(["positive", "neutral", "negative"]);

export const JudgeMentionSchema = z.object({
  text: z.string().trim().min(1),
  type: lower(["word", "phone", "aspect"]),
  start: optInt,
  end: optInt,
  occurrence: z.number().int().positive().nullish(),
  status: lower(["ok", "not_in_utterance", "ambiguous"]).nullish(),
  word_index: optInt,
  phone_index: optInt,
  aspect: lower(["accuracy", "fluency", "prosody"]).nullish(),
  polarity: POLARITY,
  cue: z.string().nullish(),
  decided_by: lower(["own", "exception", "coreference", "parts", "advice", "none"]).nullish(),
});

export const JudgeAnswerSchema = z.object({
  mentions: z.array(JudgeMentionSchema),
  overall: POLARITY.nullish(),
  no_error_claim: z.object({ text: z.string().trim().min(1), kind: lower(["all", "besides"]).nullish() }).nullish(),
});

export type JudgeMention = z.infer<typeof JudgeMentionSchema>;
export type JudgeAnswer = z.infer<typeof JudgeAnswerSchema>;

export type ReadAnswer = { ok: true; answer: JudgeAnswer } | { ok: false; problem: string };

/** The JSON object in a chat answer: the whole content, else inside a ``` fence, else from the first "{" to the last "}". */
function jsonText(content: string): string {
  const t = content.trim();
  if (t.startsWith("{")) return t;
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(t);
  if (fenced) return fenced[1].trim();
  const a = t.indexOf("{");
  const b = t.lastIndexOf("}");
  return a >= 0 && b > a ? t.slice(a, b + 1) : t;
}

export function readJudgeAnswer(content: string): ReadAnswer {
  let raw: unknown;
  try {
    raw = JSON.parse(jsonText(content));
  } catch (e) {
    return { ok: false, problem: `the answer is not JSON (${(e as Error).message}): ${content.slice(0, 80)}` };
  }
  const parsed = JudgeAnswerSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "") || "answer"}: ${i.message}`);
    return { ok: false, problem: `the answer does not fit the format (${issues.join("; ")})` };
  }
  return { ok: true, answer: parsed.data };
}
