// The acoustic model's feat.params (sphinx_fe / pocketsphinx options) as front-end settings, with
// sphinxbase's defaults for what the file leaves out. Only what this front end implements is
// accepted: anything else is named as unsupported rather than silently ignored.
import { AppError } from "@/lib/errors";

export interface FrontEndParams {
  sampleRate: number;
  frameRate: number;
  windowSec: number;
  nfft: number;
  nfilt: number;
  lowerHz: number;
  upperHz: number;
  preEmphasis: number;
  ncep: number;
  lifter: number;
  /** Stream split of the 39-dim 1s_c_d_dd vector, e.g. [[0,12],[13,25],[26,38]]. */
  streams: [number, number][];
}

export const SPHINX_DEFAULTS: FrontEndParams = {
  sampleRate: 16000,
  frameRate: 100,
  windowSec: 0.025625,
  nfft: 512,
  nfilt: 40,
  lowerHz: 133.33334,
  upperHz: 6855.4976,
  preEmphasis: 0.97,
  ncep: 13,
  lifter: 0,
  streams: [[0, 38]],
};

// Options that do not change the numbers this front end computes (CMN is applied in batch mode over
// the utterance whatever "-cmn" says; -cmninit only seeds live CMN; -model ptm is read from the files).
const IGNORED = new Set(["-cmn", "-cmninit", "-model", "-varnorm", "-agc"]);

export function parseFeatParams(text: string, file: string): FrontEndParams {
  const p: FrontEndParams = { ...SPHINX_DEFAULTS, streams: [...SPHINX_DEFAULTS.streams] };
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith("#")) return;
    const [key, value, ...rest] = t.split(/\s+/);
    const where = `${file} line ${i + 1}`;
    const num = () => {
      const v = Number(value);
      if (value === undefined || !Number.isFinite(v)) throw new AppError("INVALID_INPUT", `${where}: ${key} needs a number, got "${value ?? ""}"`);
      return v;
    };
    if (rest.length) throw new AppError("INVALID_INPUT", `${where}: expected "-option value", got "${t}"`);
    switch (key) {
      case "-samprate": p.sampleRate = num(); break;
      case "-frate": p.frameRate = num(); break;
      case "-wlen": p.windowSec = num(); break;
      case "-nfft": p.nfft = num(); break;
      case "-nfilt": p.nfilt = num(); break;
      case "-lowerf": p.lowerHz = num(); break;
      case "-upperf": p.upperHz = num(); break;
      case "-alpha": p.preEmphasis = num(); break;
      case "-ncep": p.ncep = num(); break;
      case "-lifter": p.lifter = num(); break;
      case "-transform":
        if (value !== "dct") throw new AppError("INVALID_INPUT", `${where}: only -transform dct is supported, got "${value}"`);
        break;
      case "-feat":
        if (value !== "1s_c_d_dd") throw new AppError("INVALID_INPUT", `${where}: only -feat 1s_c_d_dd is supported, got "${value}"`);
        break;
      case "-svspec":
        p.streams = (value ?? "").split("/").map((s) => {
          const m = /^(\d+)-(\d+)$/.exec(s);
          if (!m) throw new AppError("INVALID_INPUT", `${where}: -svspec part "${s}" is not "a-b"`);
          return [Number(m[1]), Number(m[2])] as [number, number];
        });
        break;
      default:
        if (!IGNORED.has(key)) throw new AppError("INVALID_INPUT", `${where}: option ${key} is not supported by this front end`);
    }
  });
  return p;
}
