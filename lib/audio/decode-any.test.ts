import { describe, it, expect } from "vitest";
import { encodeWav } from "./encode-wav";
import { AudioDecoders, AudioDecodeError, sniffFormat, toModelWav } from "./decode-any";

describe("decode-any", () => {
  it("recognises formats by their first bytes, not names", () => {
    expect(sniffFormat(encodeWav(new Float32Array(10), 8000))).toBe("wav");
    expect(sniffFormat(new TextEncoder().encode("fLaC\0\0\0\x22"))).toBe("flac");
    expect(sniffFormat(new TextEncoder().encode("ID3\x04\0\0\0\0\0\0"))).toBe("mp3");
    expect(sniffFormat(Uint8Array.from([0xff, 0xfb, 0x90, 0x64]))).toBe("mp3");
    const ogg = (codec: string) => new TextEncoder().encode(`OggS\0\x02${"\0".repeat(22)}\x01\x13${codec}`);
    expect(sniffFormat(ogg("OpusHead"))).toBe("opus");
    expect(sniffFormat(ogg("\x01vorbis"))).toBe("vorbis");
    expect(sniffFormat(ogg("Speex   "))).toBeNull();
    expect(sniffFormat(new TextEncoder().encode("hello, I am a text file"))).toBeNull();
  });

  it("16 kHz mono WAV out: the same bytes encodeWav writes (fast path), stereo mixed, other rates resampled", async () => {
    const n = 16000;
    const x = Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin(i / 7) + (i === 5 ? 2 : 0) + (i === 6 ? -2 : 0));
    const d = new AudioDecoders();
    const mono = await d.decode(encodeWav(x, 16000, { format: "float" }));
    expect(toModelWav(mono)).toEqual(encodeWav(mono.mono, 16000, { bitsPerSample: 16 }));
    const stereo = await d.decode(encodeWav([x, new Float32Array(n)], 44100, { bitsPerSample: 24 }));
    expect([stereo.format, stereo.channels, stereo.sampleRate]).toEqual(["wav", 2, 44100]);
    const w = toModelWav(stereo);
    expect(w.length).toBe(44 + 2 * Math.round((n * 16000) / 44100));
    await expect(d.decode(new TextEncoder().encode("RIFF\0\0\0\0WAVEjunk"))).rejects.toBeInstanceOf(AudioDecodeError);
    await expect(d.decode(Uint8Array.from([0xff, 0xfb, 0x90, 0x64, 1, 2, 3]))).rejects.toThrow(/MP3/);
    d.free();
  });
});
