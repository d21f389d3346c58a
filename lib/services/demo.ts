// Demo accounts for a first look at Attest. Passwords are random, printed once when the accounts
// are created, and kept in <data dir>/demo-accounts.txt (mode 0600): demo use only. The file is
// written before any account is created, so no account ever exists whose password was not kept;
// `reset` gives the demo accounts new passwords (when the file was lost).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { createUser, setUserPassword } from "@/lib/services/users";
import { dataDir } from "@/lib/db/config";
import type { RoleName } from "@/lib/auth/permissions";
import { createRound } from "@/lib/services/rounds";
import { ensureVariantVersion, type VariantParams } from "@/lib/services/rationale-variant";
import { resolveModelVersion } from "@/lib/inference/model-versions";

export const DEMO_ACCOUNTS: { email: string; role: RoleName; name: string }[] = [
  { email: "admin@attest.local", role: "admin", name: "Demo admin" },
  { email: "researcher@attest.local", role: "researcher", name: "Demo researcher" },
  { email: "rater1@attest.local", role: "rater", name: "Demo rater 1" },
  { email: "rater2@attest.local", role: "rater", name: "Demo rater 2" },
];

export interface DemoAccounts {
  /** Accounts created or given a new password now, with that password (to print once). */
  fresh: { email: string; role: RoleName; password: string }[];
  /** Demo accounts that existed already and keep their passwords. */
  kept: string[];
  /** Where the passwords are kept, and whether that file is there. */
  file: string;
  fileExists: boolean;
}

const HEADER = "# Attest demo accounts (demo use only; delete this file when done)";
const line = (a: { role: string; email: string; password: string }) => `${a.role.padEnd(10)} ${a.email.padEnd(26)} ${a.password}`;

/** Writes the file whole (temp file, then rename): the lines of accounts that keep their password, then the fresh ones. */
function writePasswords(file: string, fresh: DemoAccounts["fresh"]): void {
  const renewed = new Set(fresh.map((a) => a.email));
  const earlier = existsSync(file)
    ? readFileSync(file, "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#") && !renewed.has(l.trim().split(/\s+/)[1]))
    : [];
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${[HEADER, ...earlier, ...fresh.map(line)].join("\n")}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  } catch (e) {
    throw new Error(`cannot keep the demo accounts' passwords in ${file} (${(e as Error).message}); no demo account was created or changed`);
  }
}

/**
 * Creates the demo accounts that do not exist yet (and with `reset`, gives the existing ones new
 * passwords). The passwords reach the file first; then the accounts are written.
 */
export async function ensureDemoAccounts(db: Db, opts: { password?: string; reset?: boolean } = {}): Promise<DemoAccounts> {
  const file = path.join(dataDir(), "demo-accounts.txt");
  const existing = new Set(
    (await db.prisma.user.findMany({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } }, select: { email: true } })).map((u) => u.email),
  );
  const renew = DEMO_ACCOUNTS.filter((a) => !existing.has(a.email) || opts.reset);
  const fresh = renew.map((a) => ({ email: a.email, role: a.role, password: opts.password ?? randomBytes(9).toString("base64url") }));
  if (fresh.length) writePasswords(file, fresh);
  for (const [i, a] of renew.entries()) {
    if (existing.has(a.email)) await setUserPassword(db, a.email, fresh[i].password);
    else await createUser(db, { ...a, password: fresh[i].password });
  }
  return { fresh, kept: DEMO_ACCOUNTS.filter((a) => existing.has(a.email) && !opts.reset).map((a) => a.email), file, fileExists: existsSync(file) };
}

/**
 * The demo's second response source: the built-in model's labels with a brief rationale (one word
 * named, no pause or rate evidence), written by the rationale writer from the stored predictions.
 * With it every recording has two responses, so raters get the A/B choice out of the box.
 */
export const DEMO_VARIANT: Omit<VariantParams, "dataset" | "split"> = { from: "default", to: "default-brief", style: { maxWords: 1, evidence: false } };

export const DEMO_ROUND = "Demo round";

const DEMO_INSTRUCTIONS = `Listen to the whole recording once before scoring; score what you hear, not what the text says.
Word stress: 10 when the stress is right or the word has one syllable, 5 when it is wrong (e.g. PHOtograph read as phoTOgraph).
Phonemes: 2 correct, 1 right but with a heavy accent (e.g. the /θ/ of THREE close to /s/), 0 wrong or missing.
Completeness: the share of words read well enough to count (5 of 6 words → 0.83).
After you submit, compare the model's two explanations (A/B): which would help the learner more?
Skip (S) a recording that is silent or another sentence, and say why.`;

/**
 * A first round for the demo raters (20 recordings of the split, two raters each, the built-in model
 * after submitting, A/B between its two responses, instructions), unless the dataset has rounds.
 */
export async function ensureDemoRound(db: Db, dataset: string, split = "test"): Promise<{ id: string; items: number } | null> {
  const ds = await db.prisma.dataset.findUnique({ where: { name: dataset }, select: { id: true, _count: { select: { rounds: { where: { kind: { not: "IMPORT" } } } } } } });
  if (!ds || ds._count.rounds > 0) return null;
  const raters = await db.prisma.user.findMany({ where: { email: { in: DEMO_ACCOUNTS.filter((a) => a.role === "rater").map((a) => a.email) } }, select: { id: true } });
  if (raters.length < 2) return null;
  const researcher = await db.prisma.user.findUnique({ where: { email: DEMO_ACCOUNTS.find((a) => a.role === "researcher")!.email }, select: { id: true } });
  // The built-in model is there unless its bundle is missing; the round then shows any prediction.
  const model = await resolveModelVersion(db, DEMO_VARIANT.from).catch(() => null);
  const variant = model ? await ensureVariantVersion(db, DEMO_VARIANT) : null;
  const r = await createRound(
    db,
    {
      datasetId: ds.id,
      name: DEMO_ROUND,
      k: 2,
      raterIds: raters.map((x) => x.id),
      seed: 1,
      filter: { split, limit: 20 },
      ...(model && variant ? { modelVersionId: model.id, abModelVersionIds: [model.id, variant.id] } : {}),
      instructions: DEMO_INSTRUCTIONS,
    },
    researcher?.id ?? null,
  );
  return { id: r.id, items: r.items };
}
