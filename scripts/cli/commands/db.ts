import type { Command } from "../command";
import { openDatabase } from "@/lib/db/client";

export const commands: Command[] = [
  {
    path: ["db", "migrate"],
    usage: "db migrate [--json]",
    summary: "Apply the database migrations (embedded PGlite, or DATABASE_URL).",
    options: {},
    noAutoMigrate: true,
    async run({ io }) {
      const t0 = performance.now();
      // getDb() migrates on open; report what it did.
      const db = await openDatabase();
      try {
        const r = await db.migrate((m) => io.log(m));
        io.result(
          { database: db.kind, applied: r.applied, up_to_date: r.upToDate.length, seconds: +((performance.now() - t0) / 1000).toFixed(2) },
          r.applied.length ? `applied ${r.applied.length} migration(s): ${r.applied.join(", ")}` : `database is up to date (${r.upToDate.length} migrations)`,
        );
      } finally {
        await db.close();
      }
    },
  },
];
