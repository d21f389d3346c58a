// PGlite is single-process: two processes opening the same directory corrupt it. A lock file with
// the owner's pid turns that into a clear error instead.
import { openSync, writeSync, closeSync, readFileSync, unlinkSync, mkdirSync } from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { processAlive as alive } from "@/lib/process/alive";


/** Takes the lock for `dir`; returns a release function. Throws DB_BUSY when another live process holds it. */
export function lockPgliteDir(dir: string): () => void {
  mkdirSync(path.dirname(dir), { recursive: true });
  const file = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(file, "utf8") === String(process.pid)) unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(readFileSync(file, "utf8").trim());
      if (pid === process.pid) return () => {};
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new AppError(
          "DB_BUSY",
          `The embedded database ${dir} is open in another process (pid ${pid}, probably a running Attest server). ` +
            `Stop that process first, or set DATABASE_URL to a PostgreSQL server so several processes can share one database.`,
        );
      }
      unlinkSync(file); // stale lock from a process that died
    }
  }
  throw new AppError("DB_BUSY", `Could not lock the embedded database ${dir}`);
}
