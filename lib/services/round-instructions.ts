// A round's instructions for its raters (plain text with examples, kept in the round's settings and
// shown in the rater workspace beside the rubric's meaning of each scale point). Researchers write
// them when creating the round and change them later; every change is in the audit log.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/parse";
import { RoundInstructionsBodySchema } from "@/lib/schemas/rater";
import { getRoundOrThrow } from "./round-review";

export async function setRoundInstructions(db: Db, roundId: string, input: unknown, userId: string | null) {
  const { instructions } = parseOrThrow(RoundInstructionsBodySchema, input);
  const round = await getRoundOrThrow(db, roundId);
  if (round.closedAt) throw new AppError("CONFLICT", `round “${round.name}” is closed: its instructions cannot change until it is reopened`);
  const settings = { ...((round.settings ?? {}) as Record<string, unknown>) };
  const before = typeof settings.instructions === "string" ? settings.instructions : null;
  if (instructions) settings.instructions = instructions;
  else delete settings.instructions;
  await db.prisma.$transaction([
    db.prisma.round.update({ where: { id: round.id }, data: { settings: settings as object } }),
    db.prisma.auditLog.create({ data: { userId, action: "round.instructions", details: { roundId, before, after: instructions || null } } }),
  ]);
  return { id: round.id, instructions: instructions || null };
}
