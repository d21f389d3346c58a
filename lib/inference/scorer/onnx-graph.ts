// Writes the scorer as one ONNX graph (IR 8, opset 17) with onnx-proto: three independent MLP heads
// (Sub/Mul standardisation → MatMul/Add → Relu → MatMul/Add), the sentence head with a second
// output layer for log σ followed by Exp and a floor.
import onnxProto from "onnx-proto";
import type { onnx as OnnxTypes } from "onnx-proto";
import type { Mlp } from "./mlp";

// onnx-proto is CommonJS: take the namespace from its default export.
const { onnx } = onnxProto;

export const SCORER_INPUTS = { sentence: "sentence_features", word: "word_features", phone: "phone_features" } as const;
export const SCORER_OUTPUTS = { mean: "sentence_mean", sd: "sentence_sd", word: "word_accuracy", phone: "phone_score" } as const;
export const SIGMA_FLOOR = 0.05;

const F = onnx.TensorProto.DataType.FLOAT;

function tensor(name: string, dims: number[], values: number[]): OnnxTypes.ITensorProto {
  return { name, dims, dataType: F, floatData: values.map((v) => Math.fround(v)) };
}

function io(name: string, dims: (number | string)[]): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType: F, shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) } } },
  };
}

/** Columns [from, to) of a rows × cols row-major matrix. */
function columns(w: number[], rows: number, cols: number, from: number, to: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows; r++) for (let c = from; c < to; c++) out.push(w[r * cols + c]);
  return out;
}

interface Builder {
  nodes: OnnxTypes.INodeProto[];
  inits: OnnxTypes.ITensorProto[];
}

function node(b: Builder, op: string, inputs: string[], output: string): string {
  b.nodes.push({ opType: op, input: inputs, output: [output], name: `${op}_${output}` });
  return output;
}

/** Standardise + hidden layer; returns the hidden activation's name. */
function hiddenLayer(b: Builder, p: string, input: string, m: Mlp): string {
  b.inits.push(tensor(`${p}_mean`, [m.inDim], m.mean), tensor(`${p}_invsd`, [m.inDim], m.invSd));
  b.inits.push(tensor(`${p}_w1`, [m.inDim, m.hidden], m.w1), tensor(`${p}_b1`, [m.hidden], m.b1));
  const z = node(b, "Mul", [node(b, "Sub", [input, `${p}_mean`], `${p}_centred`), `${p}_invsd`], `${p}_z`);
  return node(b, "Relu", [node(b, "Add", [node(b, "MatMul", [z, `${p}_w1`], `${p}_h_mm`), `${p}_b1`], `${p}_h_pre`)], `${p}_h`);
}

function linear(b: Builder, p: string, h: string, w: number[], bias: number[], inDim: number, outDim: number, output: string): string {
  b.inits.push(tensor(`${p}_w`, [inDim, outDim], w), tensor(`${p}_b`, [outDim], bias));
  return node(b, "Add", [node(b, "MatMul", [h, `${p}_w`], `${p}_mm`), `${p}_b`], output);
}

export interface ScorerHeads {
  /** outDim = 2 × aspects: columns [0, A) are μ, [A, 2A) are log σ (before the floor). */
  sentence: Mlp;
  word: Mlp;
  phone: Mlp;
}

export function buildScorerOnnx(heads: ScorerHeads, meta: Record<string, string> = {}): Uint8Array {
  const b: Builder = { nodes: [], inits: [] };
  const s = heads.sentence;
  const A = s.outDim / 2;
  const hs = hiddenLayer(b, "sent", SCORER_INPUTS.sentence, s);
  linear(b, "sent_mu", hs, columns(s.w2, s.hidden, s.outDim, 0, A), s.b2.slice(0, A), s.hidden, A, SCORER_OUTPUTS.mean);
  const logSd = linear(b, "sent_ls", hs, columns(s.w2, s.hidden, s.outDim, A, 2 * A), s.b2.slice(A), s.hidden, A, "sentence_log_sd");
  b.inits.push(tensor("sigma_floor", [], [SIGMA_FLOOR]));
  node(b, "Add", [node(b, "Exp", [logSd], "sentence_sd_raw"), "sigma_floor"], SCORER_OUTPUTS.sd);
  const hw = hiddenLayer(b, "word", SCORER_INPUTS.word, heads.word);
  linear(b, "word_out", hw, heads.word.w2, heads.word.b2, heads.word.hidden, 1, SCORER_OUTPUTS.word);
  const hp = hiddenLayer(b, "phone", SCORER_INPUTS.phone, heads.phone);
  linear(b, "phone_out", hp, heads.phone.w2, heads.phone.b2, heads.phone.hidden, 1, SCORER_OUTPUTS.phone);

  const model: OnnxTypes.IModelProto = {
    irVersion: 8,
    opsetImport: [{ domain: "", version: 17 }],
    producerName: "attest",
    producerVersion: "1",
    metadataProps: Object.entries(meta).map(([key, value]) => ({ key, value })),
    graph: {
      name: "attest_scorer",
      node: b.nodes,
      initializer: b.inits,
      input: [io(SCORER_INPUTS.sentence, ["N", s.inDim]), io(SCORER_INPUTS.word, ["M", heads.word.inDim]), io(SCORER_INPUTS.phone, ["K", heads.phone.inDim])],
      output: [io(SCORER_OUTPUTS.mean, ["N", A]), io(SCORER_OUTPUTS.sd, ["N", A]), io(SCORER_OUTPUTS.word, ["M", 1]), io(SCORER_OUTPUTS.phone, ["K", 1])],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

/** The JS forward pass of the sentence head, transformed as the graph does (σ = exp(·) + floor). */
export function sentenceOutputs(raw: Float64Array, rows: number, aspects: number): { mean: Float64Array; sd: Float64Array } {
  const mean = new Float64Array(rows * aspects);
  const sd = new Float64Array(rows * aspects);
  for (let r = 0; r < rows; r++) {
    for (let a = 0; a < aspects; a++) {
      mean[r * aspects + a] = raw[r * 2 * aspects + a];
      sd[r * aspects + a] = Math.exp(raw[r * 2 * aspects + aspects + a]) + SIGMA_FLOOR;
    }
  }
  return { mean, sd };
}
