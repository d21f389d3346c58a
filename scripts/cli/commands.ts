import type { Db } from "@/lib/db/client";
import type { Io } from "./args";
import { UsageError } from "./args";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { ROLES, type RoleName } from "@/lib/auth/permissions";
import path from "node:path";

type Values = Record<string, string | boolean | undefined>;
type OptionSpec = Record<string, { type: "string" | "boolean"; short?: string }>;

export interface Command {
  path: string[];
  usage: string;
  summary: string;
  options: OptionSpec;
  /** Commands that manage migrations themselves. */
  noAutoMigrate?: boolean;
  run(ctx: { values: Values; positionals: string[]; io: Io; db: Db | null }): Promise<void>;
}

const str = (v: Values, k: string): string | undefined => (typeof v[k] === "string" ? (v[k] as string) : undefined);
const need = (v: Values, k: string, usage: string): string => {
  const s = str(v, k);
  if (!s) throw new UsageError(`--${k} is required\n  usage: npm run cli -- ${usage}`);
  return s;
};

export const COMMANDS: Command[] = [
  {
    path: ["db", "migrate"],
    usage: "db migrate [--json]",
    summary: "Apply the database migrations (embedded PGlite, or DATABASE_URL).",
    options: {},
    noAutoMigrate: true,
    async run({ io }) {
      const t0 = performance.now();
      // getDb() migrates on open; report what it did.
      const { openDatabase } = await import("@/lib/db/client");
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
  {
    path: ["user", "create"],
    usage: "user create --email E --password P --role admin|researcher|rater [--name N] [--json]",
    summary: "Create a user who can sign in.",
    options: { email: { type: "string" }, password: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
    async run({ values, io, db }) {
      const u = "user create --email E --password P --role admin|researcher|rater";
      const role = need(values, "role", u);
      if (!ROLES.includes(role as RoleName)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}, got "${role}"`);
      const user = await createUser(db!, { email: need(values, "email", u), password: need(values, "password", u), role: role as RoleName, name: str(values, "name") });
      io.result({ id: user.id, email: user.email, role: user.role }, `created ${user.role} ${user.email}`);
    },
  },
  {
    path: ["import", "speechocean762"],
    usage: "import speechocean762 <dir> [--dataset <name>] [--split train|test|all] [--limit <n>] [--json]",
    summary: "Import a folder in speechocean762's layout (audio, text, phones, per-rater scores, published consensus).",
    options: { dataset: { type: "string" }, split: { type: "string" }, limit: { type: "string" } },
    async run({ values, positionals, io, db }) {
      const dir = positionals[0];
      if (!dir || positionals.length > 1) throw new UsageError(`give exactly one folder\n  usage: npm run cli -- ${this.usage}`);
      const split = str(values, "split") ?? "all";
      if (!["train", "test", "all"].includes(split)) throw new UsageError(`--split must be train, test or all, got "${split}"`);
      const limitRaw = str(values, "limit");
      const limit = limitRaw === undefined ? undefined : Number(limitRaw);
      if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new UsageError(`--limit must be a positive whole number, got "${limitRaw}"`);
      const summary = await importSpeechocean762(db!, {
        dir: path.resolve(dir),
        dataset: str(values, "dataset"),
        split: split as "train" | "test" | "all",
        limit,
        onProgress: (stage, d, t) => io.progress(stage, d, t),
      });
      io.result(
        { ...summary },
        `imported ${summary.items} utterances into ${summary.dataset} (${summary.new_items} new, ${summary.unchanged_items} unchanged): ` +
          `${summary.words} words, ${summary.phones} phones, ${summary.raters} raters, ${summary.judgments} judgments in ${summary.seconds} s`,
      );
    },
  },
];

