// Provider (c): an external SpeechLLM behind an OpenAI-compatible /v1/chat/completions endpoint with
// audio input, as vLLM serves Qwen2-Audio: the recording as base64 WAV in an `input_audio` content
// part beside the instruction. Timeouts, retries and the concurrency limit are the chat client's
// (chat-client.ts).
import { readFile } from "node:fs/promises";
import { chatClient, type ChatEndpointConfig } from "./chat-client";
import { outputFromResponse } from "./from-response";
import type { Provider } from "./types";

export interface HttpProviderConfig extends ChatEndpointConfig {
  prompt?: string;
}

export const DEFAULT_PROMPT =
  "Assess this L2 English recording of the sentence below. Reply in this format: Accuracy, Fluency and Prosody lines with a label " +
  "(Worst, Bad, Average, Good, Excellent), a Words line (WORD/Label for each word), a Phonemes line (IPA/Label for each canonical phoneme), " +
  "then a short rationale naming weak words and phonemes.\nSentence: ";

export function httpSpeechLlmProvider(cfg: HttpProviderConfig): Provider & { maxInFlight(): number } {
  const client = chatClient(cfg);
  return {
    maxInFlight: client.maxInFlight,
    async predict(item) {
      const wav = await readFile(item.audioFile);
      const messages = [
        {
          role: "user",
          content: [
            { type: "input_audio", input_audio: { data: Buffer.from(wav).toString("base64"), format: "wav" } },
            { type: "text", text: (cfg.prompt ?? DEFAULT_PROMPT) + item.text },
          ],
        },
      ];
      const content = await client.complete({ messages }, (c) => c, item.uttId);
      return outputFromResponse(content, item);
    },
  };
}
