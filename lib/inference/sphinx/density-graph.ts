// Senone scoring as one onnxruntime graph (its CPU kernels are far faster than JS loops), written
// with onnx-proto (IR 8, opset 17):
// 1. every Gaussian of every codebook for every frame as a batched MatMul: with the features
//    augmented per stream as [x², x, 1], log N(x; μ, σ²) = [x², x, 1] · [−½/σ², μ/σ², c − ½Σμ²/σ²];
// 2. per codebook and frame, the best density m and e = exp(log N − m);
// 3. the requested senones' mixtures as a MatMul of e with their weights, grouped by codebook
//    (input "weights" [streams, codebooks, densities, columns], zero where a codebook has fewer
//    senones than columns): log Σ_k w_k e_k + m, summed over streams.
// Input "aug" [streams, T, 2·dim+1]; output "senones" [codebooks, T, columns].
import onnxProto from "onnx-proto";
import type { onnx as OnnxTypes } from "onnx-proto";
import * as ort from "onnxruntime-node";
import type { SphinxModel } from "./acoustic-model";
import type { FeatureFrames } from "./feature-streams";

const { onnx } = onnxProto;
const F = onnx.TensorProto.DataType.FLOAT;
const I64 = onnx.TensorProto.DataType.INT64;

export function buildSenoneOnnx(m: SphinxModel): Uint8Array {
  const nS = m.streams.length;
  const dim = m.streams[0].dim;
  if (m.streams.some((s) => s.dim !== dim)) throw new Error("senone graph: streams of unequal width are not supported");
  const C = m.nCodebooks;
  const K = m.nDensities;
  const G = C * K;
  const A = 2 * dim + 1;
  const w = new Float32Array(nS * A * G);
  m.streams.forEach((s, f) => {
    for (let g = 0; g < G; g++) {
      let c = s.gconst[g];
      for (let d = 0; d < dim; d++) {
        const p = s.prec[g * dim + d];
        const mu = s.mean[g * dim + d];
        w[(f * A + d) * G + g] = -0.5 * p;
        w[(f * A + dim + d) * G + g] = mu * p;
        c -= 0.5 * mu * mu * p;
      }
      w[(f * A + 2 * dim) * G + g] = c;
    }
  });
  const io = (name: string, dims: (number | string)[]): OnnxTypes.IValueInfoProto => ({
    name,
    type: { tensorType: { elemType: F, shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) } } },
  });
  const n = (opType: string, input: string[], output: string, attribute: OnnxTypes.IAttributeProto[] = []): OnnxTypes.INodeProto => ({ opType, input, output: [output], name: output, attribute });
  const ints = (name: string, v: number[]): OnnxTypes.IAttributeProto => ({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: v });
  const int = (name: string, v: number): OnnxTypes.IAttributeProto => ({ name, type: onnx.AttributeProto.AttributeType.INT, i: v });
  const model: OnnxTypes.IModelProto = {
    irVersion: 8,
    opsetImport: [{ domain: "", version: 17 }],
    producerName: "attest",
    graph: {
      name: "sphinx_senones",
      node: [
        n("MatMul", ["aug", "gauss"], "dens"),
        n("Reshape", ["dens", "shape4"], "dens4"),
        n("ReduceMax", ["dens4"], "top", [ints("axes", [3]), int("keepdims", 1)]),
        n("Exp", ["rel"], "e"),
        n("Sub", ["dens4", "top"], "rel"),
        n("Transpose", ["e"], "e_cb", [ints("perm", [0, 2, 1, 3])]),
        n("MatMul", ["e_cb", "weights"], "mix"),
        n("Max", ["mix", "tiny"], "mix_floor"),
        n("Log", ["mix_floor"], "log_mix"),
        n("Transpose", ["top"], "top_cb", [ints("perm", [0, 2, 1, 3])]),
        n("Add", ["log_mix", "top_cb"], "per_stream"),
        n("ReduceSum", ["per_stream", "axis0"], "senones", [int("keepdims", 0)]),
      ],
      initializer: [
        { name: "gauss", dims: [nS, A, G], dataType: F, rawData: new Uint8Array(w.buffer) },
        { name: "shape4", dims: [4], dataType: I64, int64Data: [nS, -1, C, K] },
        { name: "tiny", dims: [], dataType: F, floatData: [1e-30] },
        { name: "axis0", dims: [1], dataType: I64, int64Data: [0] },
      ],
      input: [io("aug", [nS, "T", A]), io("weights", [nS, C, K, "J"])],
      output: [io("senones", [C, "T", "J"])],
    },
  };
  // Topological order for onnxruntime: Sub before Exp.
  const g = model.graph!;
  const order = ["dens", "dens4", "top", "rel", "e", "e_cb", "mix", "mix_floor", "log_mix", "top_cb", "per_stream", "senones"];
  g.node = order.map((o) => g.node!.find((x) => x.output![0] === o)!);
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

const sessions = new WeakMap<SphinxModel, Promise<ort.InferenceSession>>();

export function senoneSession(m: SphinxModel): Promise<ort.InferenceSession> {
  let s = sessions.get(m);
  if (!s) {
    s = ort.InferenceSession.create(buildSenoneOnnx(m), { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: "all" });
    sessions.set(m, s);
  }
  return s;
}

/** [streams, T, 2·dim+1] rows [x², x, 1] of each stream's slice of the features. */
export function augmentFeatures(m: SphinxModel, feat: FeatureFrames): ort.Tensor {
  const nS = m.streams.length;
  const dim = m.streams[0].dim;
  const A = 2 * dim + 1;
  const T = feat.frames;
  const aug = new Float32Array(nS * T * A);
  m.streams.forEach((s, f) => {
    for (let t = 0; t < T; t++) {
      const o = (f * T + t) * A;
      for (let d = 0; d < dim; d++) {
        const x = feat.data[t * feat.dim + s.offset + d];
        aug[o + d] = x * x;
        aug[o + dim + d] = x;
      }
      aug[o + 2 * dim] = 1;
    }
  });
  return new ort.Tensor("float32", aug, [nS, T, A]);
}
