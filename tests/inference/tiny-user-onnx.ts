// A tiny "user" ONNX model written with onnx-proto that eats every raw feed Attest offers
// (waveform, logmel, phone_ids, word_ids) and whose outputs are simple enough to check exactly:
// phone.score = 2·unit/39, word.accuracy = 2·word + 1 (one per distinct word id), fixed sentence
// means (plus 0·mean log-mel, so the feed is really consumed), a constant fluency σ.
import onnxProto from "onnx-proto";
import type { onnx as OnnxTypes } from "onnx-proto";

const { onnx } = onnxProto;
const F = onnx.TensorProto.DataType.FLOAT;
const I64 = onnx.TensorProto.DataType.INT64;

export const TINY_SENTENCE_MEANS = [8, 7, 6, 9, 7.5];
export const TINY_FLUENCY_SD = 0.5;

function io(name: string, elemType: number, dims: (number | string)[]): OnnxTypes.IValueInfoProto {
  return { name, type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) } } } };
}
const f32 = (name: string, dims: number[], v: number[]): OnnxTypes.ITensorProto => ({ name, dims, dataType: F, floatData: v });

export function tinyUserOnnx(opts: { melBins?: number } = {}): Uint8Array {
  const n = (opType: string, input: string[], output: string[], attribute: OnnxTypes.IAttributeProto[] = []): OnnxTypes.INodeProto => ({ opType, input, output, name: output[0], attribute });
  const int = (name: string, i: number): OnnxTypes.IAttributeProto => ({ name, type: onnx.AttributeProto.AttributeType.INT, i });
  const graph: OnnxTypes.IGraphProto = {
    name: "tiny_user",
    initializer: [f32("means", [5], TINY_SENTENCE_MEANS), f32("zero", [], [0]), f32("two", [], [2]), f32("one", [], [1]), f32("per_unit", [], [2 / 39]), f32("flu_sd", [], [TINY_FLUENCY_SD])],
    node: [
      n("ReduceMean", ["logmel"], ["mel_mean"], [int("keepdims", 0)]),
      n("Mul", ["mel_mean", "zero"], ["mel_zero"]),
      n("Add", ["means", "mel_zero"], ["sentence_mean"]),
      n("Identity", ["flu_sd"], ["fluency_sd"]),
      n("Cast", ["phone_ids"], ["phone_f"], [int("to", F)]),
      n("Mul", ["phone_f", "per_unit"], ["phone_score"]),
      n("Unique", ["word_ids"], ["word_unique"], [int("sorted", 1)]),
      n("Cast", ["word_unique"], ["word_f"], [int("to", F)]),
      n("Mul", ["word_f", "two"], ["word_2x"]),
      n("Add", ["word_2x", "one"], ["word_accuracy"]),
      n("Abs", ["waveform"], ["wave_abs"]),
      n("ReduceMax", ["wave_abs"], ["peak"], [int("keepdims", 0)]),
    ],
    input: [io("waveform", F, [1, "N"]), io("logmel", F, [1, "T", opts.melBins ?? 80]), io("phone_ids", I64, [1, "P"]), io("word_ids", I64, [1, "P"])],
    output: [io("sentence_mean", F, [5]), io("fluency_sd", F, []), io("phone_score", F, [1, "P"]), io("word_accuracy", F, ["W"]), io("peak", F, [])],
  };
  const model: OnnxTypes.IModelProto = { irVersion: 8, opsetImport: [{ domain: "", version: 17 }], producerName: "attest-test", graph };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

/** The manifest that matches tinyUserOnnx(). */
export function tinyUserManifest() {
  return {
    inputs: [
      { name: "waveform", shape: [1, "N"], type: "float32" },
      { name: "logmel", shape: [1, "T", 80], type: "float32" },
      { name: "phone_ids", shape: [1, "P"], type: "int64" },
      { name: "word_ids", shape: [1, "P"], type: "int64" },
    ],
    outputs: [
      { name: "sentence_mean", shape: [5], type: "float32" },
      { name: "fluency_sd", shape: [], type: "float32", role: "sentence.fluency.sd" },
      { name: "phone_score", shape: [1, "P"], type: "float32" },
      { name: "word_accuracy", shape: ["W"], type: "float32" },
      { name: "peak", shape: [], type: "float32", role: "ignore" },
    ],
    calibration: { accuracy: { qhat: 1, alpha: 0.1, normalized: false } },
  };
}
