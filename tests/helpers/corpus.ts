// The real speechocean762 subset in ../shared, and small copies of it that tests may break.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile, copyFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const SO762_DIR = path.resolve(process.env.SO762_DIR || path.join(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/speechocean762"));

export function requireCorpus(): string {
  if (!existsSync(path.join(SO762_DIR, "resource/scores-detail.json"))) {
    throw new Error(`speechocean762 not found at ${SO762_DIR}: set SO762_DIR to a copy in the released layout`);
  }
  return SO762_DIR;
}

const kv = (text: string) =>
  text.split(/\r?\n/).filter(Boolean).map((l) => {
    const m = /^(\S+)\s+(.*)$/.exec(l)!;
    return [m[1], m[2]] as const;
  });

/** Copies the first `n` utterances of a split (files, scores, audio) to a new temp folder. */
export async function miniCorpus(n: number, split: "train" | "test" = "test"): Promise<string> {
  const src = requireCorpus();
  const dst = await mkdtemp(path.join(tmpdir(), "attest-corpus-"));
  const text = kv(await readFile(path.join(src, split, "text"), "utf8")).slice(0, n);
  const ids = new Set(text.map(([k]) => k));
  await mkdir(path.join(dst, split), { recursive: true });
  await mkdir(path.join(dst, "resource"), { recursive: true });
  const filterTo = async (file: string, keep: (k: string) => boolean) => {
    const rows = kv(await readFile(path.join(src, split, file), "utf8")).filter(([k]) => keep(k));
    await writeFile(path.join(dst, split, file), rows.map(([k, v]) => `${k}\t${v}`).join("\n") + "\n");
    return rows;
  };
  await filterTo("text", (k) => ids.has(k));
  const wavs = await filterTo("wav.scp", (k) => ids.has(k));
  const spk = await filterTo("utt2spk", (k) => ids.has(k));
  const speakers = new Set(spk.map(([, v]) => v));
  await filterTo("spk2age", (k) => speakers.has(k));
  await filterTo("spk2gender", (k) => speakers.has(k));
  for (const [, rel] of wavs) {
    await mkdir(path.dirname(path.join(dst, rel)), { recursive: true });
    await copyFile(path.join(src, rel), path.join(dst, rel));
  }
  for (const f of ["scores-detail.json", "scores.json"]) {
    const all = JSON.parse(await readFile(path.join(src, "resource", f), "utf8"));
    const sub = Object.fromEntries(Object.entries(all).filter(([k]) => ids.has(k)));
    await writeFile(path.join(dst, "resource", f), JSON.stringify(sub, null, 1));
  }
  const tp = (await readFile(path.join(src, "resource/text-phone"), "utf8")).split("\n").filter((l) => ids.has(l.split(".")[0]));
  await writeFile(path.join(dst, "resource/text-phone"), tp.join("\n") + "\n");
  return dst;
}

export async function readJson(file: string): Promise<Record<string, any>> {
  return JSON.parse(await readFile(file, "utf8"));
}
