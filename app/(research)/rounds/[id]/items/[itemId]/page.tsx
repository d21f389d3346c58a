import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { notFoundOnAppError } from "@/lib/http/pages";
import { getItemReview } from "@/lib/services/round-review";
import { Adjudicate } from "@/components/rater/adjudicate";
import "@/components/rater/rater.css";

export const dynamic = "force-dynamic";

export default async function ReviewItemPage({ params }: { params: Promise<{ id: string; itemId: string }> }) {
  const { id, itemId } = await params;
  const user = await requirePageUser("judgments:read-all", `/rounds/${id}/items/${itemId}`);
  const r = await notFoundOnAppError(getItemReview(await getDb(), id, itemId));
  return (
    <>
      <h1>{r.item.text}</h1>
      <p className="sub">{r.item.uttId} · <Link href={`/rounds/${id}`}>{r.round.name}</Link> · {r.disagreements.length} disagreements highlighted</p>
      <audio className="audio-player" controls preload="none" src={`/api/audio/${r.item.id}`} />
      <Adjudicate roundId={id} review={JSON.parse(JSON.stringify(r))} canWrite={can(user.role, "rounds:write")} />
    </>
  );
}
