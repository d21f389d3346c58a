// The model card written beside the trained model (models/<name>.md): data, how it works (for the
// acoustic model it was trained with), test-split figures with the raters' own ceiling and
// conformal coverage, the figures of a previous model beside them when given, children vs adults,
// the acoustic side's speed, intended use and limits.
import { PHONE_FEATURES, SENTENCE_FEATURES, WORD_FEATURES } from "../features/extract";
import { WARP_UTTERANCES } from "../sphinx/speaker-warp";
import type { Evaluation } from "./evaluate";
import type { TrainScorerOptions, TrainSummary } from "./train-scorer";

const f = (v: number | null | undefined) => (v === null || v === undefined ? "–" : v.toFixed(3));

function howItWorksMonophone(): string {
  return `1. Audio front end: 16 kHz, 25 ms frames / 10 ms hop, 13 MFCC + Δ + ΔΔ with per-utterance mean/variance normalisation,
   YIN F0, energy; Silero VAD v5 (ONNX) for speech segments and pauses.
2. Acoustic model: a monophone HMM (39 CMU phones + silence, 3 states, one diagonal Gaussian per state) trained in
   TypeScript from a flat start (VAD speech region split evenly) with 4 Viterbi re-estimation passes, on frames of phones
   the raters scored as correct (mean ≥ 1.5 of 2). It forced-aligns the canonical phones (optional silence between words),
   giving estimated word/phone time spans, and GOP (Witt & Young 2000) per phone: the frame-averaged log-likelihood ratio
   against the best state anywhere, the log phone posterior, and the share of frames where the canonical phone wins.`;
}

function howItWorksSphinx(s: TrainSummary): string {
  return `1. Audio front end for the heads' prosodic features: 16 kHz, 25 ms frames / 10 ms hop, YIN F0, energy; Silero VAD v5
   (ONNX) for speech segments and pauses.
2. Acoustic model: the CMU Sphinx US-English PTM model (models/sphinx-en-us: native speech, 42 phones, 5126 tied triphone
   states, 128-Gaussian codebooks per phone), read and run in TypeScript (lib/inference/sphinx): MFCC exactly as its
   feat.params says (checked against Debian's sphinx_fe), batch CMN, 1s_c_d_dd, full-mixture senone scores (the Gaussians
   as one MatMul in onnxruntime; checked against pocketsphinx_batch). Per speaker a VTLN frequency warp (sphinx_fe's
   inverse-linear warp, grid 0.80–1.60 in steps of 0.2, then ±0.1 and ±0.05) is chosen from the speaker's first ${WARP_UTTERANCES} recordings and their texts by forced-
   alignment likelihood — never from scores — and stored (SpeakerWarp) for reuse. Viterbi forced alignment of the canonical
   phones as context-dependent triphones (optional silence between words) gives the estimated word/phone time spans; a
   free loop over the 42 CI phones is the competitor. GOP per phone: forced minus free-loop log-likelihood per frame, the
   log posterior of the canonical phone and the share of frames it wins, and the LPR and log-posterior vectors over all
   42 phones; duration z-scores against the fit speakers' phone durations; neighbours' GOP.${s.vtln ? `\n   Warps chosen: ${JSON.stringify(s.vtln)}.` : ""}`;
}

function beforeAfter(e: Evaluation, b: { name: string; evaluation: Evaluation }): string {
  const row = (label: string, now: number | null | undefined, was: number | null | undefined, ceiling: number | null | undefined) =>
    `| ${label} | ${f(was)} | ${f(now)} | ${now != null && was != null ? (now - was >= 0 ? "+" : "") + (now - was).toFixed(3) : "–"} | ${f(ceiling)} |`;
  return `## Before and after (test split PCC)

| target | before (${b.name}) | after | change | raters' own |
|---|---|---|---|---|
${Object.entries(e.sentence).map(([a, m]) => row(`sentence ${a}`, m.pcc, b.evaluation.sentence?.[a]?.pcc, m.human_ceiling)).join("\n")}
${row("word accuracy", e.word_accuracy.pcc, b.evaluation.word_accuracy?.pcc, e.word_accuracy.human_ceiling)}
${row("phone score", e.phone_score.pcc, b.evaluation.phone_score?.pcc, e.phone_score.human_ceiling)}
${row("word: GOP alone, no head", e.word_accuracy.gop_only_pcc, b.evaluation.word_accuracy?.gop_only_pcc, null)}
${row("phone: GOP alone, no head", e.phone_score.gop_only_pcc, b.evaluation.phone_score?.gop_only_pcc, null)}
`;
}

function byAge(e: Evaluation): string {
  if (!e.by_age) return "";
  const g = e.by_age;
  return `## Children and adults (test split PCC)

| group | utterances | accuracy | fluency | prosody | total | word accuracy | phone score |
|---|---|---|---|---|---|---|---|
${(["children", "adults"] as const).map((k) => `| ${k === "children" ? "children (under 13)" : "adults (18 and over)"} | ${g[k].utterances} | ${f(g[k].sentence.accuracy)} | ${f(g[k].sentence.fluency)} | ${f(g[k].sentence.prosody)} | ${f(g[k].sentence.total)} | ${f(g[k].word_accuracy)} | ${f(g[k].phone_score)} |`).join("\n")}
`;
}

export function writeModelCard(s: TrainSummary, o: TrainScorerOptions): string {
  const e = s.evaluation;
  const sphinx = s.acoustic === "sphinx";
  const rows = Object.entries(e.sentence).map(([a, m]) => `| sentence ${a} | ${f(m.pcc)} | ${f(m.human_ceiling)} | ${f(m.coverage)} | ${f(m.mean_width)} |`);
  return `# ${s.model}: Attest's built-in L2 pronunciation scorer

Trained by \`npm run cli -- train-scorer --data <speechocean762 dir> --out models/${s.model}.onnx${sphinx ? "" : " --acoustic monophone"}${s.ensemble > 1 ? ` --ensemble ${s.ensemble}` : ""}\`
(seed ${s.seed}${o.limit ? `, limit ${o.limit} per split` : ""}; ${s.seconds} s on the machine it was trained on, ${s.acoustic_cpu_seconds} CPU s of them in the
acoustic side). Deterministic: the same seed and data give the same weights. Files: \`${s.model}.onnx\` (the scoring heads,
${s.onnx_bytes} bytes, IR 8 / opset 17, written by the project with onnx-proto; the ONNX outputs match the training code's
forward pass to ${s.onnx_max_abs_diff.toExponential(1)}), \`${s.model}.json\` (acoustic model${sphinx ? " reference and speaker warps" : ""}, feature names,
conformal calibration, figures).

## Data

speechocean762 (Zhang et al., Interspeech 2021, arXiv:2104.01378; Apache-2.0): read English by Mandarin-L1
children and adults, five expert raters. Train split: ${s.utterances.fit} utterances from the fit speakers train the ${sphinx ? "" : "acoustic\nmodel and the "}heads; ${s.utterances.calibration} utterances from held-out train speakers calibrate the conformal intervals.
All figures below are on the ${s.utterances.test} utterances of the test split (disjoint speakers), against the published consensus
(median of raters; phones: mean of the raters' 0/1/2 scores). Completeness is predicted on 0-10 (the share of words read × 10).

## How it works

${sphinx ? howItWorksSphinx(s) : howItWorksMonophone()}
3. Heads (one hidden layer of 32 ReLU units each${s.ensemble > 1 ? `; ${s.ensemble} seeds of each, averaged in the graph` : ""}): sentence — a Gaussian (μ, σ) per aspect trained by the
   negative log-likelihood of the raters' scores (so σ carries their spread); word accuracy and phone score by squared error.
   Features — sentence (${SENTENCE_FEATURES.length}${sphinx ? ` + ${s.features.sentence.length - SENTENCE_FEATURES.length}` : ""}): ${s.features.sentence.join(", ")}. Word (${WORD_FEATURES.length}${sphinx ? ` + ${s.features.word.length - WORD_FEATURES.length}` : ""}): ${s.features.word.join(", ")}.
   Phone (${PHONE_FEATURES.length}${sphinx ? ` + ${s.features.phone.length - PHONE_FEATURES.length}` : ""}): GOP, posterior, duration and its deviation from the phone's mean, word context, and the phone's
   identity (a learned per-phone offset stands in for "phones hard for Mandarin-L1 speakers")${sphinx ? "; then the best competitor's LPR, the neighbours' GOP and posterior, and the LPR and log-posterior vectors over the 42 phones" : ""}.
4. Calibration: split conformal on the calibration speakers, score |y − μ|/σ, α = 0.1, intervals μ ± q̂σ clipped to 0-10.

## Results on the test split

| target | PCC | raters' own PCC (leave-one-rater-out) | conformal coverage (α = 0.1) | mean interval width |
|---|---|---|---|---|
${rows.join("\n")}
| word accuracy | ${f(e.word_accuracy.pcc)} | ${f(e.word_accuracy.human_ceiling)} | – | – |
| phone score | ${f(e.phone_score.pcc)} | ${f(e.phone_score.human_ceiling)} | – | – |

What the heads add over GOP alone: word accuracy PCC of the word's mean GOP posterior alone ${f(e.word_accuracy.gop_only_pcc)};
phone PCC of the phone's GOP posterior alone ${f(e.phone_score.gop_only_pcc)} (n = ${e.word_accuracy.n} words, ${e.phone_score.n} phones).

${s.baseline ? beforeAfter(e, s.baseline) + "\n" : ""}${byAge(e)}
## Speed

The acoustic side (${sphinx ? "speaker warps, MFCC, senone scoring, alignment, phone loop, GOP" : "alignment and GOP"}) took ${s.acoustic_cpu_seconds} CPU seconds for ${s.audio_seconds} s of audio in
training (${s.audio_seconds ? (s.acoustic_cpu_seconds / s.audio_seconds).toFixed(3) : "–"} CPU s per audio second, one core). \`npm run bench -- inference\` measures the whole pipeline's
real-time factor per utterance and its ratio to the VAD pass in the same run.

Targets (issue 15): sentence accuracy ≥ 0.48, fluency ≥ 0.70, prosody ≥ 0.65, total ≥ 0.54, word ≥ 0.30, phone ≥ 0.38; coverage
within 2 points of 90 %. For scale, GOPT (acoustic model trained on 960 h of native speech) reports accuracy 0.714, fluency 0.753, prosody
0.760, total 0.742, word accuracy 0.533 and phone 0.612 on the full test set.

## Intended use and limits

- Intended: a first, honest model response on a CPU for raters to check and audit, beside human ratings; research on
  agreement and rationale faithfulness. Not for high-stakes decisions about a speaker.
${sphinx
    ? `- The acoustic model was trained on native US-English read speech; GOP measures distance from that. The heads learned, from
  about 840 utterances of Mandarin-L1 speakers, how that distance maps to these raters' scores. Other L1s, accents,
  microphones and spontaneous speech are out of distribution; expect lower correlation.
- A speaker's warp is chosen from the speaker's first recordings: with one short recording (infer-file) it is noisier.`
    : `- The acoustic model has seen about an hour of L2 speech of one L1 (Mandarin) and no native speech; GOP is therefore
  relative to what these speakers' correct phones sound like. Other L1s, accents, microphones and spontaneous speech are
  out of distribution; expect lower correlation.`}
- Alignments are estimates (stored as such); words not in the canonical text (insertions) are not modelled.
- Coverage holds on average over speakers like the calibration speakers, not for every speaker or label bin.
- The rationale is generated from templates over the model's own predictions and evidence (pauses, rate, weakest
  words and phonemes): it is as right as those predictions.
`;
}
