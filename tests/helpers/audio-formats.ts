// Small recordings in every format imports accept, made in test setup: a WAV written here, the
// others encoded from it by Debian's ffmpeg (installed by .ci/run; the importer itself never uses it).
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { encodeWav } from "@/lib/audio/encode-wav";

export function requireFfmpeg(): void {
  try {
    execFileSync("ffmpeg", ["-version"], { stdio: "ignore" });
  } catch {
    throw new Error("these tests encode their FLAC/MP3/Opus/Vorbis fixtures with ffmpeg: apt-get install ffmpeg (.ci/run does)");
  }
}

/** A voiced-sounding test signal: a gliding tone with harmonics, `sec` seconds at `rate` Hz. */
export function toneSamples(sec: number, rate: number, f0 = 140): Float32Array {
  const n = Math.round(sec * rate);
  const x = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const f = f0 * (1 + 0.2 * Math.sin((2 * Math.PI * i) / n));
    phase += (2 * Math.PI * f) / rate;
    x[i] = 0.3 * Math.sin(phase) + 0.15 * Math.sin(2 * phase) + 0.08 * Math.sin(3 * phase);
  }
  return x;
}

const ENCODE: Record<string, string[]> = {
  flac: ["-c:a", "flac"],
  mp3: ["-c:a", "libmp3lame", "-b:a", "64k"],
  opus: ["-c:a", "libopus", "-b:a", "32k"],
  ogg: ["-c:a", "libvorbis", "-q:a", "3"],
};

/** Encodes a WAV into `ext` (flac, mp3, opus, ogg) beside it, returning the new file. */
export function encodeWith(wav: string, ext: keyof typeof ENCODE & string, out = wav.replace(/\.wav$/, `.${ext}`)): string {
  execFileSync("ffmpeg", ["-loglevel", "error", "-y", "-i", wav, ...ENCODE[ext], out], { stdio: ["ignore", "ignore", "pipe"] });
  return out;
}

/** Writes tone.wav (22.05 kHz stereo, 1.5 s) and tone.flac/.mp3/.opus/.ogg in `dir`. */
export async function writeFormatFixtures(dir: string): Promise<Record<"wav" | "flac" | "mp3" | "opus" | "ogg", string>> {
  const rate = 22050;
  const l = toneSamples(1.5, rate);
  const r = toneSamples(1.5, rate, 180);
  const wav = path.join(dir, "tone.wav");
  await writeFile(wav, encodeWav([l, r], rate));
  return { wav, flac: encodeWith(wav, "flac"), mp3: encodeWith(wav, "mp3"), opus: encodeWith(wav, "opus"), ogg: encodeWith(wav, "ogg") };
}
