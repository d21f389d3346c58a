// A folder as a streamed ustar archive (no dependency, constant memory): how folder exports
// (speechocean762 layout, audiofolder, TextGrids) are downloaded.
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";

function header(name: string, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(512);
  let prefix = "";
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf("/", 154);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  h.write(base, 0, 100);
  h.write("0000644\0", 100);
  h.write("0000000\0", 108);
  h.write("0000000\0", 116);
  h.write(size.toString(8).padStart(11, "0") + "\0", 124);
  h.write(Math.floor(mtime / 1000).toString(8).padStart(11, "0") + "\0", 136);
  h.write("        ", 148);
  h.write("0", 156);
  h.write("ustar\0", 257);
  h.write("00", 263);
  h.write(prefix, 345, 155);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
  return h;
}

async function* files(root: string, rel = ""): AsyncGenerator<string> {
  const entries = (await readdir(path.join(root, rel), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) yield* files(root, r);
    else if (e.isFile()) yield r;
  }
}

export function tarFolder(root: string, top: string): Readable {
  return Readable.from(
    (async function* () {
      for await (const rel of files(root)) {
        const full = path.join(root, rel);
        const st = await stat(full);
        yield header(`${top}/${rel}`, st.size, st.mtimeMs);
        for await (const chunk of createReadStream(full)) yield chunk as Buffer;
        const pad = (512 - (st.size % 512)) % 512;
        if (pad) yield Buffer.alloc(pad);
      }
      yield Buffer.alloc(1024);
    })(),
  );
}
