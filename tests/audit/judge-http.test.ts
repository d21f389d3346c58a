// The audit's second judge over HTTP, against the local fixture chat server (no LLM runs here):
// the request it sends, answers that are not JSON or not of the asked form (retried, then reported
// for that response only), timeouts and retries, the concurrency limit, one request per distinct
// rationale.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { indexUtterance, type LabelSet } from "@/lib/audit";
import { auditOne } from "@/lib/services/audit-run";
import { httpJudge, judgeRuns } from "@/lib/services/audit-judge";
import { startSpeechLlmFixture, type FixtureServer } from "../fixtures/speechllm-server";
import { answering, rationaleIn } from "../fixtures/judge-answers";

const U = indexUtterance({
  words: ["WE", "CALL", "IT", "BEAR"],
  phones: ([["W", 0], ["IY1", 0], ["K", 1], ["AO1", 1], ["L", 1], ["IH1", 2], ["T", 2], ["B", 3], ["EH1", 3], ["R", 3]] as const).map(([symbol, wordIndex]) => ({ symbol, wordIndex })),
});
const LABELS: LabelSet = { sentence: { accuracy: "Good" }, words: Array(4).fill("Excellent"), phones: Array(10).fill("Excellent") };
const TARGET = { utterance: U, consensus: LABELS };
const R = "'BEAR' was mispronounced.";
const ANSWER = { mentions: [{ text: "BEAR", type: "word", word_index: 3, status: "ok", polarity: "negative", cue: "was mispronounced" }], overall: "negative", no_error_claim: null };

let fx: FixtureServer;
beforeAll(async () => {
  fx = await startSpeechLlmFixture();
});
afterAll(async () => fx?.close());
beforeEach(() => {
  fx.requests.length = 0;
  fx.script = [];
  fx.delayMs = 0;
  fx.respond = answering(new Map([[R, ANSWER]]));
});

const judge = (over: object = {}) => httpJudge("judge-x", "id-x", { url: fx.url, model: "qwen2.5-7b-instruct", timeoutMs: 1500, retries: 2, backoffMs: 10, ...over });

describe("the LLM judge over HTTP", () => {
  it("asks with the instructions, the utterance and the rationale, for a JSON object, and maps the answer", async () => {
    const { extraction, warnings } = await judge().read(R, U, "u1");
    const req = fx.requests[0];
    expect(req).toMatchObject({ model: "qwen2.5-7b-instruct", temperature: 0, response_format: { type: "json_object" } });
    expect(req.messages.map((m: { role: string }) => m.role)).toEqual(["system", "user"]);
    expect(req.messages[0].content).toMatch(/heard instead/);
    expect(req.messages[1].content).toContain("3: BEAR  phones 7:/b/ 8:/ɛ/ 9:/ɹ/");
    expect(rationaleIn(req)).toBe(R);
    expect(warnings).toEqual([]);
    expect(extraction.mentions).toMatchObject([{ type: "word", text: "BEAR", start: 1, end: 5, status: "ok", wordIndex: 3, polarity: "negative", cue: "was mispronounced" }]);
  });

  it("retries an answer that is not JSON or not of the asked form, then takes the good one", async () => {
    fx.script = [{ reply: "BEAR was bad." }, { reply: '{"mentions": [{"text": "BEAR", "type": "word"}]}' }];
    const { extraction } = await judge().read(R, U, "u1");
    expect(fx.requests).toHaveLength(3);
    expect(extraction.mentions[0].polarity).toBe("negative");
  });

  it("gives up after the retries with a clear error naming the response and the problem", async () => {
    fx.respond = () => ({ reply: '{"mentions": [{"text": "BEAR", "type": "word", "polarity": "bad"}]}' });
    await expect(judge().read(R, U, "u7 (line 3)")).rejects.toThrow(/failed after 3 attempts for u7 \(line 3\): the answer does not fit the format \(mentions\[0\]\.polarity/);
    expect(fx.requests).toHaveLength(3);
  });

  it("retries timeouts and 5xx with backoff; a reply body that is not JSON is refused at once", async () => {
    fx.script = [{ hang: true }, { status: 503 }];
    await expect(judge().read(R, U, "u1")).resolves.toMatchObject({ extraction: { overall: "negative" } });
    expect(fx.requests).toHaveLength(3);
    fx.requests.length = 0;
    fx.script = [{ hang: true }, { hang: true }, { hang: true }];
    await expect(judge().read("'WE' was fine.", U, "u2")).rejects.toThrow(/failed after 3 attempts for u2: timed out after 1500 ms/);
    fx.requests.length = 0;
    fx.script = [{ raw: "<html>busy</html>" }];
    await expect(judge().read("'IT' was fine.", U, "u3")).rejects.toThrow(/malformed reply \(not JSON\)/);
    expect(fx.requests).toHaveLength(1);
  });

  it("keeps at most `concurrency` requests in flight and asks once per distinct rationale", async () => {
    fx.delayMs = 40;
    const j = judge({ concurrency: 2, timeoutMs: 5000 });
    const texts = ["'WE' was fine.", "'CALL' was fine.", "'IT' was fine.", "'BEAR' was fine.", "'WE' was weak.", "'CALL' was weak."];
    await Promise.all([...texts, ...texts].map((t, i) => j.read(t, U, `u${i}`)));
    expect(fx.requests).toHaveLength(6);
    expect(j.maxInFlight()).toBe(2);
  });

  it("audits every response it can and keeps the error of the one it cannot, without failing the rest", async () => {
    const bad = "'CALL' was weak.";
    fx.respond = (req) => (rationaleIn(req) === bad ? { reply: "not json" } : answering(new Map([[R, ANSWER]]))(req));
    const runs = [R, bad, "No mentions here."].map((text, i) => ({ target: TARGET, run: auditOne(TARGET, `Accuracy: Good\n${text}`, LABELS), what: `u${i}` }));
    const progress: number[] = [];
    const out = await judgeRuns(judge({ retries: 1 }), runs, (d) => void progress.push(d));
    expect(out.map((o) => !!o.audit)).toEqual([true, false, true]);
    expect(out[1].error).toMatch(/failed after 2 attempts for u1: the answer is not JSON/);
    expect(out[0].audit!.word.flags.map((f) => f.code)).toEqual(["contradicts_prediction", "contradicts_consensus"]);
    expect(progress[progress.length - 1]).toBe(3);
  });
});
