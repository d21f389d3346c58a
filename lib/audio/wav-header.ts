// Validates a RIFF/WAVE file and locates its samples without decoding them, so an importer can
// reject a bad recording with a message a person can act on before anything else touches it.
//
// Size-field policy (documented here because real files disagree with the spec):
// - The RIFF size field is ignored: writers that stream often leave it 0 or 0xFFFFFFFF, and a wrong
//   value says nothing about whether the samples are all there. Chunks are walked to the buffer end.
// - A data size that fits in the buffer is trusted; bytes after it (LIST, id3 chunks) are ignored.
// - A data size that runs past the end of the buffer is "truncated" — except when the size is a
//   streaming placeholder written before the length was known (0xFFFFFFFF: ffmpeg to a pipe and
//   most streamers; 0x7FFFFFFF: INT32_MAX writers such as Oboe; 0x7FFFF000: SoX's MS_UNSPEC) AND
//   the bytes present are a whole number of frames; then those bytes are the data. An ordinary
//   size is never relaxed that way: a cut download of 16-bit mono ends on a frame boundary half the
//   time, and accepting it would hide the truncation.
// - A declared size of 0 is "empty" even when bytes follow: they may be other chunks, and guessing
//   (as some repair tools do) misreads audio that happens to look like a chunk id. The message
//   then says how many bytes follow, so a person can tell a streamed file from an empty one.

export class WavError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WavError";
  }
}

export interface WavInfo {
  format: "pcm" | "float";
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  frames: number;
  durationSec: number;
  dataOffset: number;
  dataBytes: number;
}

const TAG_PCM = 0x0001;
const TAG_FLOAT = 0x0003;
const TAG_EXTENSIBLE = 0xfffe;
const MAX_SAMPLE_RATE = 384_000;
const STREAMING_PLACEHOLDERS = new Set([0xffffffff, 0x7fffffff, 0x7ffff000]);

// Names for the tags people actually meet, so the refusal says what the file is.
const KNOWN_TAGS: Record<number, string> = {
  0x0002: "Microsoft ADPCM",
  0x0006: "A-law",
  0x0007: "mu-law",
  0x0011: "IMA ADPCM",
  0x0031: "GSM 6.10",
  0x0050: "MPEG",
  0x0055: "MPEG Layer 3",
  0x0161: "WMA",
  0x2000: "AC-3",
  0xf1ac: "FLAC",
};

// KSDATAFORMAT_SUBTYPE_* GUIDs share everything after the first two bytes (the format tag).
const GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

function fourcc(buf: Uint8Array, at: number): string {
  return String.fromCharCode(buf[at], buf[at + 1], buf[at + 2], buf[at + 3]);
}

function describeTag(tag: number): string {
  const hex = "0x" + tag.toString(16).toUpperCase().padStart(4, "0");
  const name = KNOWN_TAGS[tag];
  return name ? `${tag} (${hex}, ${name})` : `${tag} (${hex})`;
}

// Chunk ids are printable ASCII; used to recover from writers that forget the odd-size pad byte.
function looksLikeChunkId(buf: Uint8Array, at: number): boolean {
  if (at + 8 > buf.length) return false;
  for (let i = 0; i < 4; i++) {
    const c = buf[at + i];
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

const COMMON_IDS = new Set(["data", "fmt ", "LIST", "fact", "cue ", "bext", "id3 ", "ID3 ", "junk", "JUNK", "PAD ", "smpl", "inst", "iXML", "acid", "PEAK", "cart"]);

// True when the chunk after an odd-sized one starts right after it rather than after a pad byte.
function padMissing(buf: Uint8Array, unpadded: number): boolean {
  if (!looksLikeChunkId(buf, unpadded)) return false;
  if (!looksLikeChunkId(buf, unpadded + 1)) return true;
  return COMMON_IDS.has(fourcc(buf, unpadded)) && !COMMON_IDS.has(fourcc(buf, unpadded + 1));
}

interface Fmt {
  format: "pcm" | "float";
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
}

function parseFmt(view: DataView, buf: Uint8Array, at: number, size: number): Fmt {
  if (size < 16) throw new WavError(`the fmt chunk is ${size} bytes; at least 16 are required`);
  let tag = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const blockAlign = view.getUint16(at + 12, true);
  const bitsPerSample = view.getUint16(at + 14, true);

  if (tag === TAG_EXTENSIBLE) {
    if (size < 40) {
      throw new WavError(`the WAVE_FORMAT_EXTENSIBLE fmt chunk is ${size} bytes; 40 are required`);
    }
    const sub = view.getUint16(at + 24, true);
    const tailOk = GUID_TAIL.every((b, i) => buf[at + 26 + i] === b);
    if (!tailOk || (sub !== TAG_PCM && sub !== TAG_FLOAT)) {
      throw new WavError(
        `unsupported WAVE_FORMAT_EXTENSIBLE sub-format ${tailOk ? describeTag(sub) : "(unknown GUID)"}; ` +
          "only PCM and IEEE float are supported",
      );
    }
    // validBitsPerSample (at + 18) may be below the container size (e.g. 20 in 24); samples are
    // left-justified in the container, so decoding the container width is still correct.
    tag = sub;
  }

  if (tag !== TAG_PCM && tag !== TAG_FLOAT) {
    throw new WavError(
      `unsupported WAV format tag ${describeTag(tag)}; only PCM (1), IEEE float (3) and ` +
        "WAVE_FORMAT_EXTENSIBLE (0xFFFE) are supported",
    );
  }
  const format = tag === TAG_PCM ? "pcm" : "float";
  const allowedBits = format === "pcm" ? [8, 16, 24, 32] : [32, 64];
  if (!allowedBits.includes(bitsPerSample)) {
    throw new WavError(
      `unsupported bits per sample for ${format === "pcm" ? "PCM" : "IEEE float"}: ${bitsPerSample} ` +
        `(supported: ${allowedBits.join(", ")})`,
    );
  }
  if (channels < 1) throw new WavError("the fmt chunk declares 0 channels");
  if (sampleRate < 1 || sampleRate > MAX_SAMPLE_RATE) {
    throw new WavError(`sample rate ${sampleRate} Hz is outside 1..${MAX_SAMPLE_RATE}`);
  }
  const expectedAlign = (channels * bitsPerSample) / 8;
  if (blockAlign !== expectedAlign) {
    throw new WavError(
      `block align ${blockAlign} does not match channels*bits/8 = ${channels}*${bitsPerSample}/8 = ${expectedAlign}`,
    );
  }
  return { format, channels, sampleRate, blockAlign, bitsPerSample };
}

function notRiff(buf: Uint8Array): never {
  if (buf.length >= 4) {
    const head = fourcc(buf, 0);
    if (head === "RIFX") throw new WavError("big-endian RIFX files are not supported");
    if (head === "RF64" || head === "BW64") throw new WavError(`${head} (64-bit WAV) files are not supported`);
  }
  const shown = Array.from(buf.subarray(0, 4), (b) => (b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : "."));
  throw new WavError(
    buf.length < 12
      ? `not a RIFF/WAVE file: only ${buf.length} bytes`
      : `not a RIFF/WAVE file: starts with "${shown.join("")}"`,
  );
}

export function inspectWav(buf: Uint8Array): WavInfo {
  if (buf.length < 12 || fourcc(buf, 0) !== "RIFF" || fourcc(buf, 8) !== "WAVE") notRiff(buf);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);

  let fmt: Fmt | null = null;
  let pos = 12;
  while (pos + 8 <= buf.length) {
    const id = fourcc(buf, pos);
    const size = view.getUint32(pos + 4, true);
    const body = pos + 8;
    const available = buf.length - body;

    if (id === "data") {
      if (!fmt) throw new WavError("no fmt chunk before the data chunk");
      return dataInfo(fmt, body, size, available);
    }
    if (size > available) {
      const what = id === "fmt " ? "the fmt chunk" : `the "${id}" chunk before the data chunk`;
      throw new WavError(`truncated: ${what} declares ${size} bytes but only ${available} are present`);
    }
    if (id === "fmt " && !fmt) fmt = parseFmt(view, buf, body, size);

    let next = body + size;
    // RIFF pads odd-sized chunks to an even length; some writers forget, so skip the pad byte
    // unless the next chunk id is plainly where no padding would put it.
    if (size % 2 === 1 && !padMissing(buf, next)) next += 1;
    pos = next;
  }
  throw new WavError(fmt ? "no data chunk" : "no fmt chunk (and no data chunk)");
}

function dataInfo(fmt: Fmt, dataOffset: number, declared: number, available: number): WavInfo {
  let dataBytes = declared;
  if (declared > available) {
    const placeholder = STREAMING_PLACEHOLDERS.has(declared);
    if (!placeholder) {
      throw new WavError(`truncated: the data chunk declares ${declared} bytes but only ${available} are present`);
    }
    if (available % fmt.blockAlign !== 0) {
      throw new WavError(
        `truncated: the data chunk declares ${declared} bytes (a streaming placeholder) but only ` +
          `${available} are present, which is not a whole number of ${fmt.blockAlign}-byte frames`,
      );
    }
    dataBytes = available; // 0 here means a streamed header with nothing after it: reported as empty
  }
  if (dataBytes === 0) {
    const hint = declared === 0 && available > 0 ? ` (it declares 0 bytes, and ${available} bytes follow it)` : "";
    throw new WavError(`empty: the data chunk holds no samples${hint}`);
  }
  if (dataBytes % fmt.blockAlign !== 0) {
    throw new WavError(
      `the data chunk size ${dataBytes} is not a multiple of the block align ${fmt.blockAlign} ` +
        `(${fmt.channels} channel(s) x ${fmt.bitsPerSample / 8} bytes)`,
    );
  }
  const frames = dataBytes / fmt.blockAlign;
  return {
    format: fmt.format,
    sampleRate: fmt.sampleRate,
    channels: fmt.channels,
    bitsPerSample: fmt.bitsPerSample,
    frames,
    durationSec: frames / fmt.sampleRate,
    dataOffset,
    dataBytes,
  };
}
