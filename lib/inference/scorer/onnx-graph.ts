// Writes the scorer as one ONNX graph (IR 8, opset 17) with onnx-proto: three independent MLP heads
// (Sub/Mul standardisation → MatMul/Add → Relu → MatMul/Add), the sentence head with a second
// output layer for log σ followed by Exp and a floor. Several seeds' heads (an ensemble) are
// averaged inside the graph: μ, log σ, word and phone outputs are each the members' mean.
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

export function buildScorerOnnx(headsOrMembers: ScorerHeads | ScorerHeads[], meta: Record<string, string> = {}): Uint8Array {
  const members = Array.isArray(headsOrMembers) ? headsOrMembers : [headsOrMembers];
  const b: Builder = { nodes: [], inits: [] };
  const s0 = members[0].sentence;
  const A = s0.outDim / 2;
  const K = members.length;
  const outs: Record<"mu" | "ls" | "word" | "phone", string[]> = { mu: [], ls: [], word: [], phone: [] };
  members.forEach((heads, i) => {
    const p = K === 1 ? "" : `m${i}_`;
    const sfx = (name: string) => (K === 1 ? name : `${p}${name}`);
    const s = heads.sentence;
    const hs = hiddenLayer(b, `${p}sent`, SCORER_INPUTS.sentence, s);
    outs.mu.push(linear(b, `${p}sent_mu`, hs, columns(s.w2, s.hidden, s.outDim, 0, A), s.b2.slice(0, A), s.hidden, A, sfx(SCORER_OUTPUTS.mean)));
    outs.ls.push(linear(b, `${p}sent_ls`, hs, columns(s.w2, s.hidden, s.outDim, A, 2 * A), s.b2.slice(A), s.hidden, A, sfx("sentence_log_sd")));
    const hw = hiddenLayer(b, `${p}word`, SCORER_INPUTS.word, heads.word);
    outs.word.push(linear(b, `${p}word_out`, hw, heads.word.w2, heads.word.b2, heads.word.hidden, 1, sfx(SCORER_OUTPUTS.word)));
    const hp = hiddenLayer(b, `${p}phone`, SCORER_INPUTS.phone, heads.phone);
    outs.phone.push(linear(b, `${p}phone_out`, hp, heads.phone.w2, heads.phone.b2, heads.phone.hidden, 1, sfx(SCORER_OUTPUTS.phone)));
  });
  const mean = (names: string[], output: string) => {
    if (names.length === 1) return names[0];
    b.inits.push(tensor(`${output}_inv_k`, [], [1 / names.length]));
    return node(b, "Mul", [node(b, "Sum", names, `${output}_sum`), `${output}_inv_k`], output);
  };
  mean(outs.mu, SCORER_OUTPUTS.mean);
  const logSd = mean(outs.ls, "sentence_log_sd");
  mean(outs.word, SCORER_OUTPUTS.word);
  mean(outs.phone, SCORER_OUTPUTS.phone);
  b.inits.push(tensor("sigma_floor", [], [SIGMA_FLOOR]));
  node(b, "Add", [node(b, "Exp", [logSd], "sentence_sd_raw"), "sigma_floor"], SCORER_OUTPUTS.sd);

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
      input: [io(SCORER_INPUTS.sentence, ["N", s0.inDim]), io(SCORER_INPUTS.word, ["M", members[0].word.inDim]), io(SCORER_INPUTS.phone, ["K", members[0].phone.inDim])],
      output: [io(SCORER_OUTPUTS.mean, ["N", A]), io(SCORER_OUTPUTS.sd, ["N", A]), io(SCORER_OUTPUTS.word, ["M", 1]), io(SCORER_OUTPUTS.phone, ["K", 1])],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

/** Element-wise mean of the members' forward outputs (what the graph's averaging computes). */
export function meanOutputs(outs: Float64Array[]): Float64Array {
  const r = new Float64Array(outs[0].length);
  for (const o of outs) for (let i = 0; i < r.length; i++) r[i] += o[i];
  for (let i = 0; i < r.length; i++) r[i] /= outs.length;
  return r;
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
