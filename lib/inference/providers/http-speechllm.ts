// Provider (c): an external SpeechLLM behind an OpenAI-compatible /v1/chat/completions endpoint with
// audio input, as vLLM serves Qwen2-Audio: the recording as base64 WAV in an `input_audio` content
// part beside the instruction. Each request has a timeout; timeouts, network errors, 429 and 5xx
// are retried with exponential backoff; at most `concurrency` requests are in flight.
import { readFile } from "node:fs/promises";
import { AppError } from "@/lib/errors";
import { outputFromResponse } from "./from-response";
import type { Provider } from "./types";

export interface HttpProviderConfig {
  /** Base URL, e.g. http://gpu-box:8000 (the path /v1/chat/completions is appended). */
  url: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  concurrency?: number;
  prompt?: string;
}

export const DEFAULT_PROMPT =
  "Assess this L2 English recording of the sentence below. Reply in this format: Accuracy, Fluency and Prosody lines with a label " +
  "(Worst, Bad, Average, Good, Excellent), a Words line (WORD/Label for each word), a Phonemes line (IPA/Label for each canonical phoneme), " +
  "then a short rationale naming weak words and phonemes.\nSentence: ";

class Semaphore {
  private active = 0;
  private queue: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(f: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.queue.push(r));
    this.active++;
    try {
      return await f();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}

class RetryableError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function httpSpeechLlmProvider(cfg: HttpProviderConfig): Provider & { maxInFlight(): number } {
  const sem = new Semaphore(cfg.concurrency ?? 2);
  const endpoint = new URL("/v1/chat/completions", cfg.url).toString();
  let inFlight = 0;
  let maxInFlight = 0;

  async function once(body: string): Promise<string> {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), cfg.timeoutMs ?? 60_000);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      let res: Response;
      try {
        res = await fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json", ...(cfg.apiKey ? { authorization: `Bearer ${cfg.apiKey}` } : {}) },
          body,
          signal: ctrl.signal,
        });
      } catch (e) {
        throw new RetryableError(ctrl.signal.aborted ? `timed out after ${cfg.timeoutMs ?? 60_000} ms` : `network error: ${(e as Error).message}`);
      }
      const text = await res.text().catch(() => {
        throw new RetryableError(ctrl.signal.aborted ? `timed out after ${cfg.timeoutMs ?? 60_000} ms` : "the connection broke while reading the reply");
      });
      if (res.status === 429 || res.status >= 500) throw new RetryableError(`HTTP ${res.status}`);
      if (!res.ok) throw new AppError("BAD_REQUEST", `${endpoint} refused the request: HTTP ${res.status} ${text.slice(0, 200)}`);
      let json: any;
      try {
        json = JSON.parse(text);
      } catch {
        throw new AppError("INTERNAL", `${endpoint} sent a malformed reply (not JSON): ${text.slice(0, 120)}`);
      }
      const content = json?.choices?.[0]?.message?.content;
      if (typeof content !== "string") throw new AppError("INTERNAL", `${endpoint} sent a malformed reply: no choices[0].message.content string`);
      return content;
    } finally {
      clearTimeout(timer);
      inFlight--;
    }
  }

  return {
    maxInFlight: () => maxInFlight,
    async predict(item) {
      const wav = await readFile(item.audioFile);
      const body = JSON.stringify({
        model: cfg.model,
        temperature: 0,
        messages: [
          {
            role: "user",
            content: [
              { type: "input_audio", input_audio: { data: Buffer.from(wav).toString("base64"), format: "wav" } },
              { type: "text", text: (cfg.prompt ?? DEFAULT_PROMPT) + item.text },
            ],
          },
        ],
      });
      const retries = cfg.retries ?? 3;
      let lastErr = "";
      for (let attempt = 0; attempt <= retries; attempt++) {
        if (attempt > 0) await sleep((cfg.backoffMs ?? 500) * 2 ** (attempt - 1));
        try {
          const content = await sem.run(() => once(body));
          return outputFromResponse(content, item);
        } catch (e) {
          if (!(e instanceof RetryableError)) throw e;
          lastErr = e.message;
        }
      }
      throw new AppError("INTERNAL", `${endpoint} failed after ${retries + 1} attempts for ${item.uttId}: ${lastErr}`);
    },
  };
}
