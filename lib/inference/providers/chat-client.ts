// The one client for OpenAI-compatible /v1/chat/completions endpoints (vLLM, llama.cpp, OpenAI):
// each request has a timeout; timeouts, network errors, 429 and 5xx are retried with exponential
// backoff, and so is an answer the caller rejects as invalid (InvalidAnswer); at most `concurrency`
// requests are in flight. The SpeechLLM provider and the audit's LLM judge both use it.
import { AppError } from "@/lib/errors";

export interface ChatEndpointConfig {
  /** Base URL, e.g. http://gpu-box:8000 (the path /v1/chat/completions is appended). */
  url: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  concurrency?: number;
}

export const CHAT_DEFAULTS = { timeoutMs: 60_000, retries: 3, backoffMs: 500, concurrency: 2 } as const;

/** Thrown by a caller's `accept` when the content is not a usable answer: the request is retried. */
export class InvalidAnswer extends Error {}

class RetryableError extends Error {}

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ChatClient {
  endpoint: string;
  /**
   * Posts `body` (model and temperature are filled in when absent) and returns `accept(content)`
   * of the first usable answer. `what` names the request in the error after the last attempt.
   */
  complete<T>(body: Record<string, unknown>, accept: (content: string) => T, what: string): Promise<T>;
  /** The most requests that were in flight at once (for tests of the limit). */
  maxInFlight(): number;
}

export function chatClient(cfg: ChatEndpointConfig): ChatClient {
  const timeoutMs = cfg.timeoutMs ?? CHAT_DEFAULTS.timeoutMs;
  const sem = new Semaphore(cfg.concurrency ?? CHAT_DEFAULTS.concurrency);
  const endpoint = new URL("/v1/chat/completions", cfg.url).toString();
  let inFlight = 0;
  let maxInFlight = 0;

  async function once(body: string): Promise<string> {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), timeoutMs);
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
        throw new RetryableError(ctrl.signal.aborted ? `timed out after ${timeoutMs} ms` : `network error: ${(e as Error).message}`);
      }
      const text = await res.text().catch(() => {
        throw new RetryableError(ctrl.signal.aborted ? `timed out after ${timeoutMs} ms` : "the connection broke while reading the reply");
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
    endpoint,
    maxInFlight: () => maxInFlight,
    async complete(body, accept, what) {
      const payload = JSON.stringify({ model: cfg.model, temperature: 0, ...body });
      const retries = cfg.retries ?? CHAT_DEFAULTS.retries;
      let lastErr = "";
      for (let attempt = 0; attempt <= retries; attempt++) {
        if (attempt > 0) await sleep((cfg.backoffMs ?? CHAT_DEFAULTS.backoffMs) * 2 ** (attempt - 1));
        try {
          return accept(await sem.run(() => once(payload)));
        } catch (e) {
          if (!(e instanceof RetryableError) && !(e instanceof InvalidAnswer)) throw e;
          lastErr = e.message;
        }
      }
      throw new AppError("INTERNAL", `${endpoint} failed after ${retries + 1} attempts for ${what}: ${lastErr}`);
    },
  };
}
