// Frame geometry shared by every frame-level feature, so their frame t always means the same
// stretch of audio: samples [t·hop, t·hop + win), centred at (t·hop + win/2) / sampleRate seconds.
// Frames that would run past the end are dropped (Kaldi's snip-edges convention), so a frame never
// mixes real audio with invented padding.

export interface FrameOptions {
  /** Samples per second of the input; the features are tuned for 16000. */
  sampleRate?: number;
  /** Analysis window, seconds (default 0.025). */
  windowSec?: number;
  /** Hop between frames, seconds (default 0.010). */
  hopSec?: number;
}

export interface FrameGeometry {
  sampleRate: number;
  win: number;
  hop: number;
}

export function frameGeometry(opts: FrameOptions = {}): FrameGeometry {
  const sampleRate = opts.sampleRate ?? 16000;
  const win = Math.round((opts.windowSec ?? 0.025) * sampleRate);
  const hop = Math.round((opts.hopSec ?? 0.01) * sampleRate);
  if (win < 2 || hop < 1) throw new RangeError(`frame window ${win} / hop ${hop} samples is too short`);
  return { sampleRate, win, hop };
}

export function frameCount(samples: number, g: FrameGeometry): number {
  return samples < g.win ? 0 : 1 + Math.floor((samples - g.win) / g.hop);
}

/** Centre of frame t in seconds. */
export function frameTimeSec(t: number, g: FrameGeometry): number {
  return (t * g.hop + g.win / 2) / g.sampleRate;
}
