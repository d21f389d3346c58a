// Whether a process with this id runs on this machine: lock and staging files name their owner's
// pid, and a file whose owner is gone may be taken over or swept.
import { readFileSync } from "node:fs";

/** True while the process runs (also when it belongs to another user); false for a zombie nobody reaped. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  // A killed process nobody has reaped yet (a zombie: common in containers without an init) still
  // answers signal 0, but it holds nothing.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}
