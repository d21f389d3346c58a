// Provider (a): the built-in scorer.
import { readFile } from "node:fs/promises";
import { loadAudio16k } from "@/lib/audio/load-audio";
import { builtinScorer, scoreRecording } from "../builtin/scorer";
import type { Provider } from "./types";

export async function builtinProvider(bundleName: string): Promise<Provider> {
  const s = await builtinScorer(bundleName);
  return {
    async predict(item) {
      const audio = loadAudio16k(await readFile(item.audioFile));
      const r = await scoreRecording(s, audio.samples, item.words, { warp: item.warp });
      const hop = r.analysis.frames.hopSec; // both acoustic models align on a 10 ms frame grid
      const ph = r.analysis.aligned.phones;
      return {
        response: r.response,
        record: r.record,
        parseWarnings: [],
        alignment: {
          label: s.acoustic.kind === "sphinx" ? `forced alignment (CMU Sphinx en-us triphones, VTLN warp ${item.warp ?? 1})` : "forced alignment (monophone HMM)",
          words: item.words.map((_, wi) => {
            const mine = ph.filter((p) => p.wordIndex === wi);
            return { index: wi, startSec: (mine[0]?.startFrame ?? 0) * hop, endSec: (mine[mine.length - 1]?.endFrame ?? 0) * hop };
          }),
          phones: ph.map((p, position) => ({ position, startSec: p.startFrame * hop, endSec: p.endFrame * hop })),
        },
      };
    },
  };
}
