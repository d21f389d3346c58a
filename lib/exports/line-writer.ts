// A buffered text writer with backpressure: memory stays bounded however many rows are written,
// and output goes to "<file>.partial" first, renamed on close, so a failed export leaves no file
// that looks complete.
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rename, unlink } from "node:fs/promises";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import path from "node:path";

const HIGH_WATER = 1 << 16;

export class LineWriter {
  private buf: string[] = [];
  private size = 0;
  bytes = 0;
  private constructor(
    private readonly stream: WriteStream,
    private readonly tmp: string,
    readonly file: string,
  ) {}

  static async open(file: string): Promise<LineWriter> {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    const tmp = `${file}.partial`;
    const stream = createWriteStream(tmp, { encoding: "utf8" });
    await once(stream, "open");
    return new LineWriter(stream, tmp, file);
  }

  async write(s: string): Promise<void> {
    this.buf.push(s);
    this.size += s.length;
    if (this.size >= HIGH_WATER) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.size) return;
    const chunk = this.buf.join("");
    this.buf = [];
    this.size = 0;
    this.bytes += Buffer.byteLength(chunk);
    if (!this.stream.write(chunk)) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    await rename(this.tmp, this.file);
  }

  async abort(): Promise<void> {
    this.stream.destroy();
    await unlink(this.tmp).catch(() => {});
  }
}
