// Exports a dataset in speechocean762's released layout (resource/scores.json, scores-detail.json,
// text-phone, lexicon.txt; <split>/text, wav.scp, utt2spk, spk2utt, spk2age, spk2gender; WAVE/),
// so that importing the export gives back the same values. Streamed a batch of items at a time.
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { audioPath } from "@/lib/audio/audio-store";
import { getDatasetByNameOrThrow, countItems, itemBatches } from "@/lib/preferences/load-items";
import { logExport } from "./audit-log";
import { LineWriter } from "./line-writer";
import { pyDumps, pyString } from "./python-json";
import { datasetRaterOrder } from "./rater-order";
import { detailRecord, publishedRecord, textPhoneLines, type So762Item, type So762Judgment } from "./so762-records";
import { assertSplitHygiene } from "./split-hygiene";

export interface So762ExportOptions {
  dataset: string;
  out: string;
  splits?: string[];
  /** Copy the recordings into WAVE/ (default true). */
  audio?: boolean;
  allowSplitLeaks?: boolean;
  userId?: string | null;
  via?: string;
  onProgress?: (stage: string, done: number, total: number) => void;
  checkCancelled?: () => Promise<void>;
}

export interface So762ExportSummary {
  rows: number;
  out: string;
  seconds: number;
  dataset: string;
  raters: number;
  with_consensus: number;
  splits: Record<string, number>;
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const nn = (xs: (number | null | undefined)[]) => xs.filter((x): x is number => typeof x === "number");

/** Without a published or adjudicated consensus: medians of the raters, the phone mean. */
function computedConsensus(raters: So762Judgment[], item: So762Item): So762Judgment | null {
  if (!raters.length) return null;
  const s = (k: "accuracy" | "fluency" | "prosody" | "completeness" | "total") => median(nn(raters.map((r) => r[k])));
  const words = new Map<string, { accuracy: number | null; stress: number | null; total: number | null; inserted: string[] }>();
  const phones = new Map<string, number | null>();
  for (const w of item.words) {
    const ws = raters.map((r) => r.words.get(w.id));
    words.set(w.id, { accuracy: median(nn(ws.map((x) => x?.accuracy))), stress: median(nn(ws.map((x) => x?.stress))), total: median(nn(ws.map((x) => x?.total))), inserted: [] });
    for (const p of w.phones) {
      const v = nn(raters.map((r) => r.phones.get(p.id)));
      phones.set(p.id, v.length ? Math.round((v.reduce((a, b) => a + b, 0) / v.length) * 10) / 10 : null);
    }
  }
  return { accuracy: s("accuracy"), fluency: s("fluency"), prosody: s("prosody"), completeness: s("completeness"), total: s("total"), words, phones };
}

class JsonObjectWriter {
  private first = true;
  constructor(readonly w: LineWriter) {}
  async entry(key: string, value: string) {
    await this.w.write(`${this.first ? "{" : ","}\n ${pyString(key)}: ${value}`);
    this.first = false;
  }
  async close() {
    await this.w.write(this.first ? "{}" : "\n}");
    await this.w.close();
  }
}

export async function exportSpeechocean762(db: Db, o: So762ExportOptions): Promise<So762ExportSummary> {
  const t0 = performance.now();
  const ds = await getDatasetByNameOrThrow(db, o.dataset);
  await assertSplitHygiene(db, ds.id, o.allowSplitLeaks);
  const total = await countItems(db, { datasetId: ds.id, splits: o.splits });
  const order = await datasetRaterOrder(db, ds.id);
  const out = path.resolve(o.out);
  await mkdir(path.join(out, "resource"), { recursive: true });
  const published = new JsonObjectWriter(await LineWriter.open(path.join(out, "resource/scores.json")));
  const detail = new JsonObjectWriter(await LineWriter.open(path.join(out, "resource/scores-detail.json")));
  const textPhone = await LineWriter.open(path.join(out, "resource/text-phone"));
  const lexicon = new Map<string, Set<string>>();
  const perSplit = new Map<string, { text: LineWriter; scp: LineWriter; utt2spk: LineWriter; speakers: Map<string, { utts: string[]; age: number | null; gender: string | null }> }>();
  const splitWriters = async (split: string) => {
    let s = perSplit.get(split);
    if (!s) {
      const dir = path.join(out, split);
      s = { text: await LineWriter.open(path.join(dir, "text")), scp: await LineWriter.open(path.join(dir, "wav.scp")), utt2spk: await LineWriter.open(path.join(dir, "utt2spk")), speakers: new Map() };
      perSplit.set(split, s);
    }
    return s;
  };

  let rows = 0;
  let withConsensus = 0;
  for await (const items of itemBatches(db, { datasetId: ds.id, splits: o.splits })) {
    await o.checkCancelled?.();
    const js = await db.prisma.judgment.findMany({
      where: { itemId: { in: items.map((i) => i.id) }, status: "SUBMITTED" },
      include: { wordScores: true, phoneScores: true },
    });
    for (const it of items) {
      const item: So762Item = {
        text: it.text,
        words: it.words.map((w) => ({ id: w.id, text: w.text, phones: it.phones.filter((p) => p.wordId === w.id).sort((a, b) => a.index - b.index) })),
      };
      const mine = js.filter((j) => j.itemId === it.id);
      const toScores = (j: (typeof js)[number]): So762Judgment => ({
        accuracy: j.accuracy, fluency: j.fluency, prosody: j.prosody, completeness: j.completeness, total: j.total,
        words: new Map(j.wordScores.map((w) => [w.wordId, { accuracy: w.accuracy, stress: w.stress, total: w.total, inserted: w.insertedPhones }])),
        phones: new Map(j.phoneScores.map((p) => [p.phoneId, p.score])),
      });
      const raters = mine
        .filter((j) => j.kind === "RATER" && j.raterId !== null)
        .sort((a, b) => (order.get(a.raterId!) ?? 0) - (order.get(b.raterId!) ?? 0))
        .map(toScores);
      const cj = mine.find((j) => j.kind === "ADJUDICATED") ?? mine.find((j) => j.kind === "PUBLISHED_CONSENSUS");
      const consensus = cj ? toScores(cj) : computedConsensus(raters, item);
      await detail.entry(it.uttId, pyDumps(detailRecord(item, raters), 1, 1));
      if (consensus) {
        await published.entry(it.uttId, pyDumps(publishedRecord(item, consensus), 1, 1));
        withConsensus++;
      }
      await textPhone.write(textPhoneLines(it.uttId, item));
      for (const w of item.words) {
        const set = lexicon.get(w.text) ?? new Set<string>();
        set.add(w.phones.map((p) => p.symbol).join(" "));
        lexicon.set(w.text, set);
      }
      const s = await splitWriters(it.split);
      const rel = `WAVE/SPEAKER${it.speakerId}/${it.uttId}.WAV`;
      await s.text.write(`${it.uttId}\t${it.text}\n`);
      await s.scp.write(`${it.uttId}\t${rel}\n`);
      await s.utt2spk.write(`${it.uttId}\t${it.speakerId}\n`);
      const spk = s.speakers.get(it.speakerId) ?? { utts: [], age: it.speakerAge, gender: it.speakerGender };
      spk.utts.push(it.uttId);
      s.speakers.set(it.speakerId, spk);
      if (o.audio !== false) {
        await mkdir(path.join(out, path.dirname(rel)), { recursive: true });
        await copyFile(audioPath(it.audioSha256), path.join(out, rel));
      }
      rows++;
      o.onProgress?.("items", rows, total);
    }
  }
  await published.close();
  await detail.close();
  await textPhone.close();
  const lex = [...lexicon.keys()].sort().flatMap((w) => [...lexicon.get(w)!].sort().map((p) => `${w}\t${p}\n`));
  await writeFile(path.join(out, "resource/lexicon.txt"), lex.join(""));
  const splits: Record<string, number> = {};
  for (const [split, s] of perSplit) {
    await Promise.all([s.text.close(), s.scp.close(), s.utt2spk.close()]);
    const spks = [...s.speakers.keys()].sort();
    const dir = path.join(out, split);
    await writeFile(path.join(dir, "spk2utt"), spks.map((k) => `${k}\t${s.speakers.get(k)!.utts.join(" ")}\n`).join(""));
    await writeFile(path.join(dir, "spk2age"), spks.filter((k) => s.speakers.get(k)!.age !== null).map((k) => `${k}\t${s.speakers.get(k)!.age}\n`).join(""));
    await writeFile(path.join(dir, "spk2gender"), spks.filter((k) => s.speakers.get(k)!.gender !== null).map((k) => `${k}\t${s.speakers.get(k)!.gender}\n`).join(""));
    splits[split] = [...s.speakers.values()].reduce((n, x) => n + x.utts.length, 0);
  }
  const summary: So762ExportSummary = { rows, out, seconds: Math.round((performance.now() - t0) / 10) / 100, dataset: ds.name, raters: order.size, with_consensus: withConsensus, splits };
  await logExport(db, o.userId ?? null, "export.speechocean762", { via: o.via ?? "cli", dataset: ds.name, splits: o.splits ?? null, rows, out });
  return summary;
}
