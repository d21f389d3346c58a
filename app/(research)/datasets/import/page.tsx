import { requirePageUser } from "@/lib/auth/session";
import { uploadLimits } from "@/lib/services/uploads";
import { ImportPanel } from "./import-panel";

export const dynamic = "force-dynamic";

export default async function ImportRecordingsPage() {
  await requirePageUser("datasets:write", "/datasets/import");
  const limits = uploadLimits();
  return (
    <>
      <h1>Import recordings</h1>
      <p className="sub">
        Drop your recordings (WAV, FLAC, MP3, Ogg Opus or Vorbis) with a manifest — a .csv, .tsv or .jsonl with columns <code>file</code> and{" "}
        <code>text</code> (optional <code>id</code>, <code>speaker</code>, <code>split</code>, <code>age</code>, <code>gender</code>, <code>l1</code>), or a
        Hugging Face audiofolder&apos;s <code>metadata.csv</code> — or one zip of them. Nothing is written until you have seen the report.
      </p>
      <ImportPanel limits={limits} />
    </>
  );
}
