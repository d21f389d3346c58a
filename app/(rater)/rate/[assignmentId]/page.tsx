import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { notFoundOnAppError } from "@/lib/http/pages";
import { getWorkspace } from "@/lib/services/rater-workspace";
import { Workspace } from "@/components/rater/workspace";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ assignmentId: string }> };

// A rater's own assignment only: anyone else's is a 404, like an id that does not exist.
export default async function RatePage({ params }: Props) {
  const { assignmentId } = await params;
  const user = await requirePageUser("judgments:write", `/rate/${assignmentId}`);
  const data = await notFoundOnAppError(getWorkspace(await getDb(), user.id, assignmentId));
  return <Workspace key={assignmentId} data={data} />;
}
