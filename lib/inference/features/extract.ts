// Feature vectors for the scorer's three heads, from one utterance's audio analysis (frame
// features, VAD, forced alignment with GOP) and its text. Names are listed so that the model card
// and the ONNX manifest say what each column means.
import type { FrameFeatures } from "@/lib/audio/features";
import type { VadResult } from "@/lib/audio/vad";
import type { AlignedUtterance } from "../acoustic/align-utterance";
import type { DurationStats } from "../acoustic/train-acoustic";
import { UNITS } from "../acoustic/phone-set";

const VOWELS = new Set(["AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"]);
const PHONE_UNITS = UNITS.slice(0, UNITS.length - 1);

export const PHONE_FEATURES = [
  "gop", "lpp", "hit", "log_frames", "dur_z", "is_vowel", "word_mean_lpp", "word_phones", "is_word_initial", "is_word_final", "utt_mean_lpp",
  ...PHONE_UNITS.map((u) => `unit_${u}`),
];
export const WORD_FEATURES = [
  "mean_lpp", "min_lpp", "mean_gop", "min_gop", "mean_hit", "phones", "log_dur", "mean_dur_z", "mean_abs_dur_z",
  "pause_before", "pause_after", "utt_mean_lpp", "letters",
];
export const SENTENCE_FEATURES = [
  "mean_lpp", "min_lpp", "sd_lpp", "p10_word_lpp", "share_lpp_below_-2", "mean_gop", "mean_hit", "speech_rate", "articulation_rate",
  "log_duration", "speech_share", "vad_pauses", "vad_pause_sec", "vad_max_pause", "align_pauses", "align_pause_sec",
  "lead_sil", "trail_sil", "voiced_share", "f0_range_st", "f0_sd_st", "f0_delta_st", "energy_sd_db", "energy_range_db",
  "words", "phones", "mean_abs_dur_z", "viterbi",
];

export interface FeatureSet {
  sentence: Float32Array; // 1 × SENTENCE_FEATURES.length
  words: Float32Array; // words × WORD_FEATURES.length
  phones: Float32Array; // phones × PHONE_FEATURES.length
}

const fin = (x: number) => (Number.isFinite(x) ? x : 0);
const mean = (a: number[]) => (a.length ? a.reduce((s, v) => s + v, 0) / a.length : 0);
const sd = (a: number[]) => {
  const m = mean(a);
  return a.length ? Math.sqrt(mean(a.map((v) => (v - m) ** 2))) : 0;
};
function quantile(a: number[], q: number): number {
  if (!a.length) return 0;
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * (s.length - 1))))];
}

export function extractFeatures(
  f: FrameFeatures,
  vad: VadResult,
  al: AlignedUtterance,
  words: { text: string; phones: string[] }[],
  dur: DurationStats,
): FeatureSet {
  const hop = f.hopSec;
  const ph = al.phones;
  const durZ = ph.map((p) => (Math.log(Math.max(1, p.endFrame - p.startFrame)) - dur.meanLog[p.unit]) / dur.sdLog[p.unit]);
  const uttLpp = mean(ph.map((p) => p.lpp));
  const wordPh = words.map((_, wi) => ph.map((p, i) => ({ p, i })).filter((x) => x.p.wordIndex === wi));
  const wordLpp = wordPh.map((xs) => mean(xs.map((x) => x.p.lpp)));

  const PF = PHONE_FEATURES.length;
  const phones = new Float32Array(ph.length * PF);
  ph.forEach((p, i) => {
    const w = wordPh[p.wordIndex];
    const pos = w.findIndex((x) => x.i === i);
    const base = p.symbol.toUpperCase().replace(/[012]$/, "");
    const row = [p.gop, p.lpp, p.hit, Math.log(Math.max(1, p.endFrame - p.startFrame)), durZ[i], VOWELS.has(base) ? 1 : 0, wordLpp[p.wordIndex], w.length, pos === 0 ? 1 : 0, pos === w.length - 1 ? 1 : 0, uttLpp];
    phones.set(row.map(fin), i * PF);
    phones[i * PF + row.length + p.unit] = 1;
  });

  const silAfter = new Map<number, number>();
  for (const s of al.silences) silAfter.set(s.afterWord, (silAfter.get(s.afterWord) ?? 0) + (s.endFrame - s.startFrame) * hop);
  const WF = WORD_FEATURES.length;
  const wordsOut = new Float32Array(words.length * WF);
  words.forEach((w, wi) => {
    const xs = wordPh[wi].map((x) => x.p);
    const zs = wordPh[wi].map((x) => durZ[x.i]);
    const start = xs.length ? xs[0].startFrame : 0;
    const end = xs.length ? xs[xs.length - 1].endFrame : 0;
    const row = [
      wordLpp[wi], Math.min(...xs.map((p) => p.lpp)), mean(xs.map((p) => p.gop)), Math.min(...xs.map((p) => p.gop)), mean(xs.map((p) => p.hit)),
      xs.length, Math.log(Math.max(1, end - start) * hop), mean(zs), mean(zs.map(Math.abs)),
      wi > 0 ? silAfter.get(wi - 1) ?? 0 : 0, wi < words.length - 1 ? silAfter.get(wi) ?? 0 : 0, uttLpp, w.text.length,
    ];
    wordsOut.set(row.map(fin), wi * WF);
  });

  const dur0 = vad.durationSec;
  const speechSec = vad.speech.reduce((s, x) => s + x.endSec - x.startSec, 0);
  const pauses = vad.pauses.map((p) => p.endSec - p.startSec);
  const inner = al.silences.filter((s) => s.afterWord >= 0 && s.afterWord < words.length - 1).map((s) => (s.endFrame - s.startFrame) * hop);
  const lead = al.silences.filter((s) => s.afterWord < 0).reduce((s, x) => s + (x.endFrame - x.startFrame) * hop, 0);
  const trail = al.silences.filter((s) => s.afterWord === words.length - 1).reduce((s, x) => s + (x.endFrame - x.startFrame) * hop, 0);
  const st: number[] = [];
  const dst: number[] = [];
  for (let t = 0; t < f.frames; t++) {
    if (!f.voiced[t] || f.f0Hz[t] <= 0) continue;
    const s = 12 * Math.log2(f.f0Hz[t] / 100);
    st.push(s);
    if (t > 0 && f.voiced[t - 1] && f.f0Hz[t - 1] > 0) dst.push(Math.abs(s - 12 * Math.log2(f.f0Hz[t - 1] / 100)));
  }
  const energy: number[] = [];
  for (const seg of vad.speech) {
    for (let t = Math.floor(seg.startSec / hop); t < Math.min(f.frames, Math.ceil(seg.endSec / hop)); t++) energy.push(f.energyDb[t]);
  }
  const lpps = ph.map((p) => p.lpp);
  const speechTime = Math.max(0.2, speechSec > 0 ? speechSec : dur0 - lead - trail);
  const sentence = Float32Array.from(
    [
      uttLpp, Math.min(...lpps), sd(lpps), quantile(wordLpp, 0.1), mean(lpps.map((v) => (v < -2 ? 1 : 0))), mean(ph.map((p) => p.gop)), mean(ph.map((p) => p.hit)),
      ph.length / Math.max(0.2, dur0), ph.length / speechTime, Math.log(Math.max(0.1, dur0)), speechSec / Math.max(0.1, dur0),
      pauses.length, pauses.reduce((s, v) => s + v, 0), Math.max(0, ...pauses), inner.filter((v) => v >= 0.15).length, inner.reduce((s, v) => s + v, 0),
      lead, trail, st.length / Math.max(1, f.frames), quantile(st, 0.95) - quantile(st, 0.05), sd(st), mean(dst), sd(energy), quantile(energy, 0.9) - quantile(energy, 0.1),
      words.length, ph.length, mean(durZ.map(Math.abs)), al.viterbi ? 1 : 0,
    ].map(fin),
  );
  return { sentence, words: wordsOut, phones };
}
