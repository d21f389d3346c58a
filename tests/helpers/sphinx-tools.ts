// Debian's CMU Sphinx tools as references for the TypeScript port (CI installs sphinxbase-utils,
// pocketsphinx and pocketsphinx-en-us): sphinx_fe for cepstra, pocketsphinx_batch -senlogdir for
// senone scores. Parameters are passed explicitly: sphinx_fe silently ignores -argfile.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { FrontEndParams } from "@/lib/inference/sphinx/feat-params";

export const DEBIAN_MODEL = "/usr/share/pocketsphinx/model/en-us";

export function requireSphinxTools(): void {
  for (const tool of ["sphinx_fe", "pocketsphinx_batch"]) {
    try {
      execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "pipe" });
    } catch {
      throw new Error(`${tool} is missing: apt-get install sphinxbase-utils pocketsphinx pocketsphinx-en-us (.ci/run does)`);
    }
  }
  if (!existsSync(path.join(DEBIAN_MODEL, "en-us/mdef"))) throw new Error(`${DEBIAN_MODEL} is missing: apt-get install pocketsphinx-en-us`);
}

/** sphinx_fe cepstra (frames × ncep) for a 16 kHz WAV, no silence removal, no noise removal, no dither. */
export function sphinxFe(wav: string, out: string, p: FrontEndParams, warp?: number): Float32Array {
  const args = [
    "-i", wav, "-o", out, "-mswav", "yes", "-samprate", String(p.sampleRate), "-frate", String(p.frameRate),
    "-wlen", String(p.windowSec), "-nfft", String(p.nfft), "-nfilt", String(p.nfilt), "-lowerf", String(p.lowerHz),
    "-upperf", String(p.upperHz), "-alpha", String(p.preEmphasis), "-ncep", String(p.ncep), "-transform", "dct",
    "-lifter", String(p.lifter), "-remove_silence", "no", "-remove_noise", "no", "-dither", "no",
  ];
  if (warp !== undefined) args.push("-warp_type", "inverse_linear", "-warp_params", String(warp));
  execFileSync("sphinx_fe", args, { stdio: "pipe" });
  return readMfc(out);
}

export function readMfc(file: string): Float32Array {
  const b = readFileSync(file);
  const n = b.readInt32LE(0);
  if (n * 4 + 4 !== b.length) throw new Error(`${file}: ${n} values announced, ${(b.length - 4) / 4} present`);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = b.readFloatLE(4 + 4 * i);
  return out;
}

/**
 * pocketsphinx_batch's scores of every senone for each frame of a cepstrum file (batch CMN,
 * its default top-4 Gaussians), as natural-log values relative to the frame's best senone (≤ 0).
 */
export function pocketsphinxSenones(mfcFile: string, work: string): { frames: number; nSen: number; data: Float64Array } {
  const id = path.basename(mfcFile, ".mfc");
  mkdirSync(path.join(work, "senlog"), { recursive: true });
  writeFileSync(path.join(work, "utts.ctl"), `${id}\n`);
  writeFileSync(path.join(work, "g.jsgf"), "#JSGF V1.0;\ngrammar g;\npublic <s> = hello;\n");
  execFileSync("pocketsphinx_batch", [
    "-hmm", path.join(DEBIAN_MODEL, "en-us"), "-jsgf", path.join(work, "g.jsgf"), "-dict", path.join(DEBIAN_MODEL, "cmudict-en-us.dict"),
    "-ctl", path.join(work, "utts.ctl"), "-cepdir", path.dirname(mfcFile), "-cepext", ".mfc", "-adcin", "no",
    "-senlogdir", path.join(work, "senlog"), "-compallsen", "yes", "-cmn", "batch",
  ], { stdio: "pipe" });
  const [log] = readdirSync(path.join(work, "senlog"));
  const b = readFileSync(path.join(work, "senlog", log));
  const hdr = b.indexOf("endhdr\n");
  const nSen = Number(/n_sen (\d+)/.exec(b.toString("latin1", 0, hdr))?.[1]);
  let off = hdr + 7 + 4;
  const unit = 1024 * Math.log(1.0001);
  const rows: number[] = [];
  while (off < b.length) {
    const n = b.readInt16LE(off);
    off += 2;
    if (n !== nSen) throw new Error(`${log}: frame with ${n} of ${nSen} senones (run with -compallsen yes)`);
    for (let i = 0; i < n; i++) rows.push(-b.readInt16LE(off + 2 * i) * unit);
    off += 2 * n;
  }
  return { frames: rows.length / nSen, nSen, data: Float64Array.from(rows) };
}
