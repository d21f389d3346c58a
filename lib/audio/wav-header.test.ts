import path from "node:path";
import { SO762_DIR } from "@/tests/helpers/corpus";
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { inspectWav, WavError } from "./wav-header";
import { encodeWav } from "./encode-wav";
import { ascii, chunk, concat, fmtBody, randomBytes, riff } from "./wav-test-fixtures";

const REAL_WAV = path.join(SO762_DIR, "WAVE/SPEAKER0003/000030012.WAV");

function fails(buf: Uint8Array): string {
  try {
    inspectWav(buf);
  } catch (e) {
    expect(e).toBeInstanceOf(WavError);
    return (e as Error).message;
  }
  throw new Error("expected inspectWav to throw");
}

const pcm16 = (n: number) => new Uint8Array(n * 2);

describe("inspectWav on valid files", () => {
  it("reads a plain 16-bit mono header", () => {
    const wav = encodeWav(new Float32Array(1600), 16000);
    expect(inspectWav(wav)).toEqual({
      format: "pcm",
      sampleRate: 16000,
      channels: 1,
      bitsPerSample: 16,
      frames: 1600,
      durationSec: 0.1,
      dataOffset: 44,
      dataBytes: 3200,
    });
  });

  it.each([
    ["pcm", 8],
    ["pcm", 16],
    ["pcm", 24],
    ["pcm", 32],
    ["float", 32],
    ["float", 64],
  ] as const)("accepts %s %i-bit stereo, plain and extensible", (format, bits) => {
    const ch = [new Float32Array(441), new Float32Array(441)];
    for (const extensible of [false, true]) {
      const info = inspectWav(encodeWav(ch, 44100, { format, bitsPerSample: bits, extensible }));
      expect(info).toMatchObject({ format, bitsPerSample: bits, channels: 2, frames: 441, sampleRate: 44100 });
      expect(info.dataOffset).toBe(extensible ? 68 : 44);
    }
  });

  it("skips unknown chunks, including an odd-sized one with its pad byte", () => {
    const wav = riff([chunk("fmt ", fmtBody()), chunk("LIST", ascii("INFOabc")), chunk("data", pcm16(10))]);
    expect(inspectWav(wav)).toMatchObject({ frames: 10, dataOffset: 12 + 24 + 16 + 8 });
  });

  it("tolerates a writer that forgot the odd-size pad byte", () => {
    const wav = riff([chunk("fmt ", fmtBody()), chunk("junk", ascii("abc"), { pad: false }), chunk("data", pcm16(4))]);
    expect(inspectWav(wav).frames).toBe(4);
  });

  it("tolerates a missing pad byte even when the shifted bytes look like a chunk id", () => {
    // Without the pad, "data" + size 0x41 ('A') would also read as the printable id "ataA".
    const wav = riff([chunk("fmt ", fmtBody({ bits: 8 })), chunk("junk", ascii("abc"), { pad: false }), chunk("data", new Uint8Array(0x41))]);
    expect(inspectWav(wav).frames).toBe(0x41);
    const padded = riff([chunk("fmt ", fmtBody({ bits: 8 })), chunk("junk", ascii("abc")), chunk("data", new Uint8Array(0x41))]);
    expect(inspectWav(padded).frames).toBe(0x41);
  });

  it("handles an odd-sized 8-bit data chunk followed by its pad byte and a LIST chunk", () => {
    const wav = riff([chunk("fmt ", fmtBody({ bits: 8 })), chunk("data", new Uint8Array(5)), chunk("LIST", ascii("INFO"))]);
    expect(inspectWav(wav)).toMatchObject({ frames: 5, dataBytes: 5 });
  });

  it("ignores a wrong RIFF size when the data is complete", () => {
    for (const size of [0, 0xffffffff, 36, 123456789]) {
      const wav = riff([chunk("fmt ", fmtBody()), chunk("data", pcm16(8))], size);
      expect(inspectWav(wav).frames).toBe(8);
    }
  });

  it.each([0xffffffff, 0x7fffffff, 0x7ffff000])("accepts streaming placeholder data size %i when whole frames follow", (size) => {
    const wav = riff([chunk("fmt ", fmtBody({ channels: 2 })), chunk("data", new Uint8Array(40), { declaredSize: size })], size);
    expect(inspectWav(wav)).toMatchObject({ frames: 10, dataBytes: 40 });
  });

  it("works on a Uint8Array that is a view into a larger buffer", () => {
    const wav = encodeWav(new Float32Array(16), 8000);
    const big = new Uint8Array(wav.length + 7);
    big.set(wav, 7);
    expect(inspectWav(big.subarray(7)).frames).toBe(16);
  });

  it("reads a real speechocean762 recording", () => {
    if (!existsSync(REAL_WAV)) throw new Error(`speechocean762 sample missing: ${REAL_WAV}`);
    const info = inspectWav(new Uint8Array(readFileSync(REAL_WAV)));
    expect(info).toMatchObject({ format: "pcm", sampleRate: 16000, channels: 1, bitsPerSample: 16, dataOffset: 44 });
    expect(info.durationSec).toBeCloseTo((107564 - 44) / 32000, 6);
  });
});

describe("inspectWav on broken files", () => {
  it("rejects things that are not RIFF/WAVE", () => {
    expect(fails(randomBytes(1000, 42))).toMatch(/^not a RIFF\/WAVE file/);
    expect(fails(ascii("speaker,utt,score\n0003,000030012,8\n"))).toBe('not a RIFF/WAVE file: starts with "spea"');
    const mp3 = concat(ascii("ID3"), Uint8Array.of(4, 0, 0, 0, 0, 0, 0), Uint8Array.of(0xff, 0xfb, 0x90, 0x64), new Uint8Array(400));
    expect(fails(mp3)).toBe('not a RIFF/WAVE file: starts with "ID3."');
    expect(fails(concat(ascii("RIFF"), new Uint8Array(4), ascii("AVI LIST")))).toMatch(/^not a RIFF\/WAVE file/);
    expect(fails(new Uint8Array(0))).toBe("not a RIFF/WAVE file: only 0 bytes");
    expect(fails(ascii("RIFF"))).toBe("not a RIFF/WAVE file: only 4 bytes");
  });

  it("names the variants it does not read", () => {
    const rifx = encodeWav(new Float32Array(4), 8000);
    rifx.set(ascii("RIFX"), 0);
    expect(fails(rifx)).toBe("big-endian RIFX files are not supported");
    rifx.set(ascii("RF64"), 0);
    expect(fails(rifx)).toBe("RF64 (64-bit WAV) files are not supported");
  });

  it("requires a fmt chunk before the data chunk", () => {
    expect(fails(riff([chunk("data", pcm16(4))]))).toBe("no fmt chunk before the data chunk");
    expect(fails(riff([chunk("data", pcm16(4)), chunk("fmt ", fmtBody())]))).toBe("no fmt chunk before the data chunk");
    expect(fails(riff([chunk("LIST", ascii("INFO"))]))).toBe("no fmt chunk (and no data chunk)");
  });

  it("requires a data chunk", () => {
    expect(fails(riff([chunk("fmt ", fmtBody())]))).toBe("no data chunk");
    expect(fails(riff([chunk("fmt ", fmtBody()), chunk("LIST", ascii("INFO"))]))).toBe("no data chunk");
  });

  it("reports an empty data chunk", () => {
    expect(fails(riff([chunk("fmt ", fmtBody()), chunk("data", new Uint8Array(0))]))).toBe(
      "empty: the data chunk holds no samples",
    );
    const zeroThenBytes = riff([chunk("fmt ", fmtBody()), chunk("data", new Uint8Array(0)), new Uint8Array(320)]);
    expect(fails(zeroThenBytes)).toBe("empty: the data chunk holds no samples (it declares 0 bytes, and 320 bytes follow it)");
    const streamedNothing = riff([chunk("fmt ", fmtBody()), chunk("data", new Uint8Array(0), { declaredSize: 0xffffffff })]);
    expect(fails(streamedNothing)).toBe("empty: the data chunk holds no samples");
  });

  it("reports truncated data with both sizes", () => {
    const full = encodeWav(new Float32Array(1000), 16000); // 2000 data bytes
    expect(fails(full.subarray(0, 44 + 1500))).toBe("truncated: the data chunk declares 2000 bytes but only 1500 are present");
    expect(fails(full.subarray(0, 44 + 1501))).toBe("truncated: the data chunk declares 2000 bytes but only 1501 are present");
    expect(fails(full.subarray(0, 44))).toBe("truncated: the data chunk declares 2000 bytes but only 0 are present");
  });

  it("reports a streaming placeholder that ends inside a frame as truncated", () => {
    const wav = riff([chunk("fmt ", fmtBody({ channels: 2 })), chunk("data", new Uint8Array(42), { declaredSize: 0xffffffff })]);
    expect(fails(wav)).toBe(
      "truncated: the data chunk declares 4294967295 bytes (a streaming placeholder) but only 42 are present, " +
        "which is not a whole number of 4-byte frames",
    );
  });

  it("reports a data size that is not a whole number of frames", () => {
    const wav = riff([chunk("fmt ", fmtBody({ channels: 2 })), chunk("data", new Uint8Array(10))]);
    expect(fails(wav)).toBe("the data chunk size 10 is not a multiple of the block align 4 (2 channel(s) x 2 bytes)");
  });

  it("reports a truncated chunk before the data", () => {
    const wav = concat(riff([chunk("fmt ", fmtBody())]), ascii("LIST"), Uint8Array.of(100, 0, 0, 0), ascii("INFO"));
    expect(fails(wav)).toBe('truncated: the "LIST" chunk before the data chunk declares 100 bytes but only 4 are present');
    const cutFmt = riff([chunk("fmt ", fmtBody())]).subarray(0, 30);
    expect(fails(cutFmt)).toBe("truncated: the fmt chunk declares 16 bytes but only 10 are present");
  });

  it("refuses unsupported format tags by number and name", () => {
    const adpcm = riff([chunk("fmt ", fmtBody({ tag: 2, bits: 4, blockAlign: 256 })), chunk("data", new Uint8Array(256))]);
    expect(fails(adpcm)).toBe(
      "unsupported WAV format tag 2 (0x0002, Microsoft ADPCM); only PCM (1), IEEE float (3) and WAVE_FORMAT_EXTENSIBLE (0xFFFE) are supported",
    );
    const mulaw = riff([chunk("fmt ", fmtBody({ tag: 7, bits: 8 })), chunk("data", new Uint8Array(8))]);
    expect(fails(mulaw)).toMatch(/^unsupported WAV format tag 7 \(0x0007, mu-law\)/);
    const odd = riff([chunk("fmt ", fmtBody({ tag: 0x1234 })), chunk("data", pcm16(2))]);
    expect(fails(odd)).toMatch(/^unsupported WAV format tag 4660 \(0x1234\);/);
    const extAdpcm = riff([chunk("fmt ", fmtBody({ tag: 0xfffe, subTag: 2 })), chunk("data", pcm16(2))]);
    expect(fails(extAdpcm)).toBe(
      "unsupported WAVE_FORMAT_EXTENSIBLE sub-format 2 (0x0002, Microsoft ADPCM); only PCM and IEEE float are supported",
    );
    const unknownGuid = riff([chunk("fmt ", fmtBody({ tag: 0xfffe })), chunk("data", pcm16(2))]);
    unknownGuid[12 + 8 + 30] = 0x99; // corrupt the GUID tail
    expect(fails(unknownGuid)).toBe(
      "unsupported WAVE_FORMAT_EXTENSIBLE sub-format (unknown GUID); only PCM and IEEE float are supported",
    );
    const shortExt = riff([chunk("fmt ", fmtBody({ tag: 0xfffe }).subarray(0, 18)), chunk("data", pcm16(2))]);
    expect(fails(shortExt)).toBe("the WAVE_FORMAT_EXTENSIBLE fmt chunk is 18 bytes; 40 are required");
  });

  it("checks the fmt fields", () => {
    const bad = (f: Parameters<typeof fmtBody>[0]) => fails(riff([chunk("fmt ", fmtBody(f)), chunk("data", pcm16(8))]));
    expect(bad({ channels: 0, blockAlign: 2 })).toBe("the fmt chunk declares 0 channels");
    expect(bad({ sampleRate: 0 })).toBe("sample rate 0 Hz is outside 1..384000");
    expect(bad({ sampleRate: 768000 })).toBe("sample rate 768000 Hz is outside 1..384000");
    expect(bad({ blockAlign: 4 })).toBe("block align 4 does not match channels*bits/8 = 1*16/8 = 2");
    expect(bad({ bits: 12, blockAlign: 2 })).toBe("unsupported bits per sample for PCM: 12 (supported: 8, 16, 24, 32)");
    expect(bad({ tag: 3, bits: 16 })).toBe("unsupported bits per sample for IEEE float: 16 (supported: 32, 64)");
    expect(fails(riff([chunk("fmt ", fmtBody().subarray(0, 14)), chunk("data", pcm16(8))]))).toBe(
      "the fmt chunk is 14 bytes; at least 16 are required",
    );
  });
});
