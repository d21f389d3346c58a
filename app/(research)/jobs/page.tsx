import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listJobRows } from "@/lib/jobs/job-list";
import { jobKinds } from "@/lib/jobs/registry";
import { JobList } from "@/components/jobs/job-list";

export const dynamic = "force-dynamic";

export default async function JobsPage() {
  await requirePageUser("jobs:write", "/jobs");
  const jobs = await listJobRows(await getDb(), { take: 100 });
  return (
    <>
      <h1>Jobs</h1>
      <p className="sub">Every job the server&apos;s worker runs ({jobKinds().join(", ")}), newest first. The list updates by itself; progress moves while a job runs.</p>
      <JobList initial={jobs} caption="The 100 newest jobs" />
    </>
  );
}
