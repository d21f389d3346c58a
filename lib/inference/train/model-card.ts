// The model card written beside the trained model (models/<name>.md).
import { PHONE_FEATURES, SENTENCE_FEATURES, WORD_FEATURES } from "../features/extract";
import type { TrainScorerOptions, TrainSummary } from "./train-scorer";

const f = (v: number | null | undefined) => (v === null || v === undefined ? "–" : v.toFixed(3));

export function writeModelCard(s: TrainSummary, o: TrainScorerOptions): string {
  const e = s.evaluation;
  const rows = Object.entries(e.sentence).map(([a, m]) => `| sentence ${a} | ${f(m.pcc)} | ${f(m.human_ceiling)} | ${f(m.coverage)} | ${f(m.mean_width)} |`);
  return `# ${s.model}: Attest's built-in L2 pronunciation scorer

Trained by \`npm run cli -- train-scorer --data <speechocean762 dir> --out models/${s.model}.onnx\`
(seed ${s.seed}${o.limit ? `, limit ${o.limit} per split` : ""}; ${s.seconds} s on the machine it was trained on). Deterministic: the same
seed and data give the same weights. Files: \`${s.model}.onnx\` (the scoring heads, ${s.onnx_bytes} bytes, IR 8 / opset 17,
written by the project with onnx-proto; the ONNX outputs match the training code's forward pass to ${s.onnx_max_abs_diff.toExponential(1)}),
\`${s.model}.json\` (acoustic model, feature names, conformal calibration, figures).

## Data

speechocean762 (Zhang et al., Interspeech 2021, arXiv:2104.01378; Apache-2.0): read English by Mandarin-L1
children and adults, five expert raters. Train split: ${s.utterances.fit} utterances from the fit speakers train the acoustic
model and the heads; ${s.utterances.calibration} utterances from held-out train speakers calibrate the conformal intervals.
All figures below are on the ${s.utterances.test} utterances of the test split (disjoint speakers), against the published consensus
(median of raters; phones: mean of the raters' 0/1/2 scores). Completeness is predicted on 0-10 (the share of words read × 10).

## How it works

1. Audio front end: 16 kHz, 25 ms frames / 10 ms hop, 13 MFCC + Δ + ΔΔ with per-utterance mean/variance normalisation,
   YIN F0, energy; Silero VAD v5 (ONNX) for speech segments and pauses.
2. Acoustic model: a monophone HMM (39 CMU phones + silence, 3 states, one diagonal Gaussian per state) trained in
   TypeScript from a flat start (VAD speech region split evenly) with 4 Viterbi re-estimation passes, on frames of phones
   the raters scored as correct (mean ≥ 1.5 of 2). It forced-aligns the canonical phones (optional silence between words),
   giving estimated word/phone time spans, and GOP (Witt & Young 2000) per phone: the frame-averaged log-likelihood ratio
   against the best state anywhere, the log phone posterior, and the share of frames where the canonical phone wins.
3. Heads (one hidden layer of 32 ReLU units each): sentence — a Gaussian (μ, σ) per aspect trained by the
   negative log-likelihood of the raters' scores (so σ carries their spread); word accuracy and phone score by squared error.
   Features — sentence (${SENTENCE_FEATURES.length}): ${SENTENCE_FEATURES.join(", ")}. Word (${WORD_FEATURES.length}): ${WORD_FEATURES.join(", ")}.
   Phone (${PHONE_FEATURES.length}): GOP, posterior, duration and its deviation from the phone's mean, word context, and the phone's
   identity (a learned per-phone offset stands in for "phones hard for Mandarin-L1 speakers").
4. Calibration: split conformal on the calibration speakers, score |y − μ|/σ, α = 0.1, intervals μ ± q̂σ clipped to 0-10.

## Results on the test split

| target | PCC | raters' own PCC (leave-one-rater-out) | conformal coverage (α = 0.1) | mean interval width |
|---|---|---|---|---|
${rows.join("\n")}
| word accuracy | ${f(e.word_accuracy.pcc)} | ${f(e.word_accuracy.human_ceiling)} | – | – |
| phone score | ${f(e.phone_score.pcc)} | ${f(e.phone_score.human_ceiling)} | – | – |

What the heads add over GOP alone: word accuracy PCC of the word's mean GOP posterior alone ${f(e.word_accuracy.gop_only_pcc)};
phone PCC of the phone's GOP posterior alone ${f(e.phone_score.gop_only_pcc)} (n = ${e.word_accuracy.n} words, ${e.phone_score.n} phones).

Targets of issue 4: sentence PCC ≥ 0.70 (fluency, prosody), ≥ 0.60 (accuracy, total); word ≥ 0.40; phone ≥ 0.35; coverage
within 2 points of 90 %. For scale, GOPT (acoustic model trained on 960 h of native speech) reports 0.75 / 0.76 / 0.71 / 0.74,
0.53 and 0.61.

## Intended use and limits

- Intended: a first, honest model response on a CPU for raters to check and audit, beside human ratings; research on
  agreement and rationale faithfulness. Not for high-stakes decisions about a speaker.
- The acoustic model has seen about an hour of L2 speech of one L1 (Mandarin) and no native speech; GOP is therefore
  relative to what these speakers' correct phones sound like. Other L1s, accents, microphones and spontaneous speech are
  out of distribution; expect lower correlation.
- Alignments are estimates (stored as such); words not in the canonical text (insertions) are not modelled.
- Coverage holds on average over speakers like the calibration speakers, not for every speaker or label bin.
- The rationale is generated from templates over the model's own predictions and evidence (pauses, rate, weakest
  words and phonemes): it is as right as those predictions.
`;
}
