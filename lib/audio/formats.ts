// The recording formats imports accept (decoded by ./decode-any), and how they are stored and served.
export type AudioFormat = "wav" | "flac" | "mp3" | "opus" | "vorbis";

export const FORMAT_MIME: Record<AudioFormat, string> = {
  wav: "audio/wav",
  flac: "audio/flac",
  mp3: "audio/mpeg",
  opus: "audio/ogg; codecs=opus",
  vorbis: "audio/ogg; codecs=vorbis",
};

/** The file extension a stored original gets. */
export const FORMAT_EXT: Record<AudioFormat, string> = { wav: "wav", flac: "flac", mp3: "mp3", opus: "opus", vorbis: "ogg" };
