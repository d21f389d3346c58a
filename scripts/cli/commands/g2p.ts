import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { dictionary } from "cmu-pronouncing-dictionary";
import type { Command } from "../command";
import { str } from "../command";
import { UsageError } from "../args";
import { trainG2p, evaluateG2p } from "@/lib/g2p/g2p";
import { G2P_MODEL_FILE, isHeldOut, loadG2pModel, pronounce } from "@/lib/g2p/dictionary";

export const commands: Command[] = [
  {
    path: ["g2p", "train"],
    usage: "g2p train [--out <file.json>] [--json]",
    summary: "Train the grapheme-to-phoneme model for words the CMU dictionary lacks (95% of the dictionary) and report its accuracy on the held-out 5%.",
    options: { out: { type: "string" } },
    noAutoMigrate: true,
    async run({ values, io }) {
      const out = path.resolve(str(values, "out") ?? G2P_MODEL_FILE);
      const train: [string, string[]][] = [];
      const heldOut = new Map<string, string[][]>();
      for (const [k, v] of Object.entries(dictionary)) {
        const word = k.replace(/\(\d+\)$/, "");
        if (!/^[a-z]+$/.test(word.replace(/'/g, ""))) continue;
        if (isHeldOut(word)) {
          const list = heldOut.get(word) ?? [];
          list.push(v.split(" "));
          heldOut.set(word, list);
        } else if (word === k) train.push([word, v.split(" ")]);
      }
      io.log(`training on ${train.length} words, ${heldOut.size} held out`);
      const t0 = performance.now();
      const model = trainG2p(train, { heldOut: heldOut.size, source: "cmu-pronouncing-dictionary 3.0.0" });
      const trainSec = (performance.now() - t0) / 1000;
      model.accuracy = evaluateG2p(model, heldOut);
      await mkdir(path.dirname(out), { recursive: true });
      await writeFile(out, JSON.stringify(model));
      const entries = model.tables.reduce((n, t) => n + Object.keys(t).length, 0);
      io.result(
        { file: out, train_words: train.length, held_out_words: heldOut.size, contexts: entries, train_seconds: Math.round(trainSec * 10) / 10, ...model.accuracy },
        `wrote ${out}: ${entries} contexts; held-out word accuracy ${model.accuracy.wordAccuracy} (${model.accuracy.wordAccuracyNoStress} ignoring stress), phone error rate ${model.accuracy.phoneErrorRate}`,
      );
    },
  },
  {
    path: ["g2p", "say"],
    usage: "g2p say <word>… [--json]",
    summary: "Canonical phones of words: the CMU dictionary's, or the G2P model's estimate.",
    options: {},
    noAutoMigrate: true,
    async run({ positionals, io }) {
      if (!positionals.length) throw new UsageError("give one or more words");
      const words = positionals.map((w) => pronounce(w.toUpperCase(), loadG2pModel));
      io.result({ words }, words.map((w) => `${w.text}\t${w.phones.join(" ")}${w.estimated ? "\t(estimated)" : ""}`).join("\n"));
    },
  },
];
