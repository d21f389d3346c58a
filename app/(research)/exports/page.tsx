import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listDatasets } from "@/lib/services/datasets";
import { listExports } from "@/lib/exports/export-jobs";
import { ExportPanel } from "./export-panel";

export const dynamic = "force-dynamic";

export default async function ExportsPage() {
  await requirePageUser("exports:read", "/exports");
  const db = await getDb();
  const [datasets, exports] = await Promise.all([listDatasets(db), listExports(db)]);
  return (
    <>
      <h1>Exports</h1>
      <p className="sub">
        Preference pairs for (Bounded) DPO — TRL JSONL or the SpeechLLM training CSV — and datasets in the speechocean762 layout,
        as a Hugging Face audiofolder or as Praat TextGrids. Every export runs as a job and is logged.
      </p>
      <ExportPanel
        datasets={datasets.map((d) => ({ name: d.name, splits: Object.keys(d.splits) }))}
        initial={exports}
      />
    </>
  );
}
