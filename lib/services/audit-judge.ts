// The audit's second judge: an OpenAI-compatible chat model, registered as an HTTP model version
// (`models register-http`), reads each rationale and answers with the mentions and their polarity
// as JSON (lib/audit/judge). Requests go through the one chat client (timeouts, retries with
// backoff — an answer that is not valid JSON of the asked form is retried too — and the concurrency
// limit of the model version's settings). An answer that stays unusable is reported for that
// response; the audit goes on. The flags then come from the judge's extraction through the audit
// core (auditResponse({..., extraction})), and are compared with the rules' reading.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { chatClient, InvalidAnswer, type ChatEndpointConfig } from "@/lib/inference/providers/chat-client";
import { auditResponse, type Extraction, type ResponseAudit, type UtteranceIndex } from "@/lib/audit";
import { readJudgeAnswer } from "@/lib/audit/judge/answer";
import { judgeMessages } from "@/lib/audit/judge/prompt";
import { extractionFromAnswer, type JudgeExtraction } from "@/lib/audit/judge/to-extraction";
import { compareReadings, judgeAgreement, readingOf, type Comparison, type Disagreement } from "@/lib/audit/compare-judges";
import type { AuditTarget, RunResult } from "./audit-run";
import { auditSummary, flagJson, mentionsJson } from "./audit-run";

export const RULES = "rules";

export interface Judge {
  name: string;
  id: string;
  /** The judge's extraction for one rationale; throws an AppError naming `what` when no usable answer came. */
  read(rationale: string, utterance: UtteranceIndex, what: string): Promise<JudgeExtraction>;
  maxInFlight(): number;
}

const CACHE_LIMIT = 5_000;
/** Responses handed to the chat client at once (it keeps its own concurrency limit). */
const WINDOW = 32;

export function httpJudge(name: string, id: string, cfg: ChatEndpointConfig): Judge {
  const client = chatClient(cfg);
  // The same rationale about the same utterance is asked once per judge (answers are deterministic at temperature 0).
  const cache = new Map<string, Promise<JudgeExtraction>>();
  return {
    name,
    id,
    maxInFlight: client.maxInFlight,
    read(rationale, ix, what) {
      if (rationale.trim() === "") return Promise.resolve({ extraction: { mentions: [], overall: "neutral", claim: null }, warnings: [] });
      const key = `${ix.utterance.words.join(" ")}|${ix.utterance.phones.map((p) => p.symbol).join(" ")}\u0000${rationale}`;
      let hit = cache.get(key);
      if (!hit) {
        hit = client.complete(
          { messages: judgeMessages(rationale, ix), response_format: { type: "json_object" } },
          (content) => {
            const r = readJudgeAnswer(content);
            if (!r.ok) throw new InvalidAnswer(r.problem);
            return extractionFromAnswer(r.answer, rationale, ix);
          },
          what,
        );
        if (cache.size >= CACHE_LIMIT) cache.clear();
        cache.set(key, hit);
        hit.catch(() => cache.delete(key));
      }
      return hit.then((x) => ({ extraction: copyExtraction(x.extraction), warnings: [...x.warnings] }));
    },
  };
}

function copyExtraction(e: Extraction): Extraction {
  return { mentions: e.mentions.map((m) => ({ ...m, cueWords: m.cueWords?.map((w) => ({ ...w })) })), overall: e.overall, claim: e.claim && { ...e.claim } };
}

/** The judge named `name`: null for the built-in rules (or no name); else an HTTP model version. */
export async function loadJudge(db: Db, name: string | undefined): Promise<Judge | null> {
  if (name === undefined || name === RULES) return null;
  const mv = await db.prisma.modelVersion.findUnique({ where: { name } });
  if (!mv) throw new AppError("NOT_FOUND", `no judge named "${name}": register an OpenAI-compatible chat model with \`npm run cli -- models register-http --name ${name} --url … --remote-model …\`, or use "${RULES}"`, [{ field: "judge", message: `unknown model version "${name}"` }]);
  if (mv.kind !== "HTTP") throw new AppError("INVALID_INPUT", `"${name}" is a ${mv.kind} model version; a judge must be an OpenAI-compatible chat endpoint (models register-http)`, [{ field: "judge", message: `not an HTTP model version` }]);
  return httpJudge(mv.name, mv.id, mv.config as unknown as ChatEndpointConfig);
}

/** One response as read by the judge: its audit, or why there is none. */
export interface JudgedRun {
  audit: ResponseAudit | null;
  error: string | null;
  warnings: string[];
}

/**
 * Reads every run's rationale with the judge (as many at once as its concurrency allows, in windows
 * so that a cancelled job stops between them) and audits it from the judge's extraction. Never
 * throws for one response: its error is kept.
 */
export async function judgeRuns(
  judge: Judge,
  runs: { target: AuditTarget; run: RunResult; what: string }[],
  onProgress?: (done: number, total: number) => void | Promise<void>,
  checkCancelled?: () => Promise<void>,
): Promise<JudgedRun[]> {
  const out: JudgedRun[] = [];
  const one = async ({ target, run, what }: (typeof runs)[number]): Promise<JudgedRun> => {
    try {
      const { extraction, warnings } = await judge.read(run.rationale, target.utterance, what);
      const audit = auditResponse({ rationale: run.rationale, utterance: target.utterance, prediction: run.prediction, consensus: target.consensus, raters: target.raters, extraction });
      return { audit, error: null, warnings };
    } catch (e) {
      return { audit: null, error: (e as Error).message, warnings: [] };
    }
  };
  for (let i = 0; i < runs.length; i += WINDOW) {
    await checkCancelled?.();
    out.push(...(await Promise.all(runs.slice(i, i + WINDOW).map(one))));
    await onProgress?.(out.length, runs.length);
  }
  return out;
}

/** The `judge` and `agreement` keys of `audit` / `audit-file` output (beside the rules' keys). */
export function judgeReport(judge: Judge, rows: { uttId: string; rules: ResponseAudit; judged: JudgedRun }[], opts: { seed?: number; replicates?: number } = {}) {
  const answered = rows.filter((r) => r.judged.audit);
  const flags = answered.flatMap((r) => (["sentence", "word", "phone"] as const).flatMap((g) => r.judged.audit![g].flags.map((f) => flagJson(r.uttId, f))));
  const comparisons: (Comparison & { uttId: string })[] = answered.map((r) => ({ uttId: r.uttId, ...compareReadings(readingOf(r.rules), readingOf(r.judged.audit!)) }));
  return {
    judge: {
      name: judge.name,
      answered: answered.length,
      failed: rows.length - answered.length,
      ...auditSummary(answered.map((r) => r.judged.audit!), flags, opts),
      mentions: answered.flatMap((r) => mentionsJson(r.uttId, r.judged.audit!)),
      failures: rows.filter((r) => r.judged.error).map((r) => ({ utt_id: r.uttId, message: r.judged.error! })),
      warnings: rows.flatMap((r) => r.judged.warnings.map((message) => ({ utt_id: r.uttId, message }))),
    },
    agreement: {
      judges: [RULES, judge.name],
      ...judgeAgreement(comparisons),
      disagreements: comparisons.flatMap((c) => c.disagreements.map((d): Disagreement & { utt_id: string } => ({ utt_id: c.uttId, ...d }))),
    },
  };
}
