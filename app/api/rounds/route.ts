import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import type { CreateRoundInput } from "@/lib/schemas/rater";
import { createRound, listRounds } from "@/lib/services/rounds";

// Rounds, newest first; archived ones only with ?archived=1.
export const GET = handle(async (req: Request) => {
  await requireApiUser("rounds:write");
  const archived = new URL(req.url).searchParams.get("archived") === "1";
  return NextResponse.json({ rounds: await listRounds(await getDb(), { archived }) });
});

// Creates a round and its balanced, seeded assignments (body: CreateRoundSchema).
export const POST = handle(async (req: Request) => {
  const user = await requireApiUser("rounds:write");
  const body = await readJsonBody(req);
  // createRound validates its input against CreateRoundSchema first.
  return NextResponse.json(await createRound(await getDb(), body as CreateRoundInput, user.id), { status: 201 });
});
