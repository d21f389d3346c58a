import { readFile } from "node:fs/promises";
import type { Command } from "../command";
import { need, positiveInt } from "../command";
import { listModelVersions, resolveModelVersion } from "@/lib/inference/model-versions";
import { importResponses, registerHttpModel, registerOnnxModel } from "@/lib/inference/register";
import { AppError } from "@/lib/errors";

export const commands: Command[] = [
  {
    path: ["models", "list"],
    usage: "models list [--json]",
    summary: "List model versions (the built-in default is registered on first use).",
    options: {},
    async run({ io, db }) {
      await resolveModelVersion(db!, "default").catch(() => null);
      const models = await listModelVersions(db!);
      io.result({ models }, models.map((m) => `${m.name}\t${m.kind}\t${m.predictions} predictions`).join("\n"));
    },
  },
  {
    path: ["models", "register-onnx"],
    usage: "models register-onnx --name <name> --onnx <model.onnx> --manifest <manifest.json> [--json]",
    summary: "Register your own ONNX model; its manifest is checked against the model's real inputs and outputs.",
    options: { name: { type: "string" }, onnx: { type: "string" }, manifest: { type: "string" } },
    async run({ values, io, db }) {
      const file = need(values, "manifest", this.usage);
      let manifest: unknown;
      try {
        manifest = JSON.parse(await readFile(file, "utf8"));
      } catch (e) {
        throw new AppError("INVALID_INPUT", `cannot read the manifest ${file}: ${(e as Error).message}`);
      }
      const mv = await registerOnnxModel(db!, need(values, "name", this.usage), need(values, "onnx", this.usage), manifest);
      io.result({ model: mv.name, kind: mv.kind, id: mv.id }, `registered ${mv.name} (ONNX)`);
    },
  },
  {
    path: ["models", "register-http"],
    usage: "models register-http --name <name> --url <http://host:port> --remote-model <id> [--timeout-ms <n>] [--retries <n>] [--concurrency <n>] [--json]",
    summary: "Register an OpenAI-compatible SpeechLLM endpoint (audio input as vLLM serves Qwen2-Audio).",
    options: { name: { type: "string" }, url: { type: "string" }, "remote-model": { type: "string" }, "timeout-ms": { type: "string" }, retries: { type: "string" }, concurrency: { type: "string" } },
    async run({ values, io, db }) {
      const mv = await registerHttpModel(db!, need(values, "name", this.usage), {
        url: need(values, "url", this.usage),
        model: need(values, "remote-model", this.usage),
        timeoutMs: positiveInt(values, "timeout-ms"),
        retries: positiveInt(values, "retries"),
        concurrency: positiveInt(values, "concurrency"),
      });
      io.result({ model: mv.name, kind: mv.kind, id: mv.id }, `registered ${mv.name} (HTTP)`);
    },
  },
  {
    path: ["models", "import-responses"],
    usage: "models import-responses --name <name> --dataset <dataset> --file <responses.jsonl|pairs.csv> [--json]",
    summary: 'Import a file of responses (JSONL {"utt_id", "response"}, or CSV with audio_path/utt_id and response/chosen columns) as a model version of kind FILE.',
    options: { name: { type: "string" }, dataset: { type: "string" }, file: { type: "string" } },
    async run({ values, io, db }) {
      const r = await importResponses(db!, need(values, "name", this.usage), need(values, "dataset", this.usage), need(values, "file", this.usage));
      const skipped = ((r as { problems?: { line?: number; message: string }[] }).problems ?? []).map((p) => `\n  line ${p.line ?? "?"}: ${p.message}`).join("");
      io.result(r, `imported ${r.predictions} responses as ${r.model} (${r.with_warnings} with parse warnings)${skipped ? `; skipped rows:${skipped}` : ""}`);
    },
  },
];

