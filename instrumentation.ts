// Runs once when a server starts: the job worker lives in the Node.js server process.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.ATTEST_WORKER === "0") return;
  const { getDb } = await import("@/lib/db/client");
  const { startWorker } = await import("@/lib/jobs/worker");
  startWorker(await getDb());
}
