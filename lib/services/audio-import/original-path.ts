import { dataDir } from "@/lib/db/config";
import { audioPath } from "@/lib/audio/audio-store";
import { FORMAT_EXT, type AudioFormat } from "@/lib/audio/formats";

/** Where a stored original lives: beside the model WAVs, named by its own sha256, with its format's extension. */
export function originalPath(sha256: string, format: AudioFormat, root = dataDir()): string {
  return audioPath(sha256, root).replace(/\.wav$/, `.${FORMAT_EXT[format]}`);
}
