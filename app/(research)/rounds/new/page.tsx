import { randomInt } from "node:crypto";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listDatasets } from "@/lib/services/datasets";
import { listRaterAccounts } from "@/lib/services/rounds";
import { NewRoundForm } from "@/components/rater/new-round-form";

export const dynamic = "force-dynamic";

export default async function NewRoundPage() {
  await requirePageUser("rounds:write", "/rounds/new");
  const db = await getDb();
  const [datasets, raters, models] = await Promise.all([listDatasets(db), listRaterAccounts(db), db.prisma.modelVersion.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } })]);
  return (
    <>
      <h1>New rating round</h1>
      <p className="sub">Items are assigned to k raters each, balanced and reproducible from the seed (a limit draws a random sample with it); no rater gets an item twice.</p>
      <NewRoundForm datasets={datasets.map((d) => ({ id: d.id, name: d.name, splits: Object.keys(d.splits) }))} raters={raters} models={models} initialSeed={randomInt(1, 1_000_000)} />
    </>
  );
}
