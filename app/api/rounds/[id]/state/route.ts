import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { parseOrThrow } from "@/lib/schemas/parse";
import { ROUND_STATES, setRoundState } from "@/lib/services/round-lifecycle";

type Ctx = { params: Promise<{ id: string }> };

const Body = z.object({ state: z.enum(ROUND_STATES) }).strict();

// Opens (reopens), closes or archives the round: body {"state": "open" | "closed" | "archived"}.
// A closed round refuses every write (409); an archived one is closed and left out of the list.
// Answers {"id","name","state","closedAt","archivedAt"}.
export const PUT = handle(async (req: Request, ctx: Ctx) => {
  const user = await requireApiUser("rounds:write");
  const { id } = await ctx.params;
  const { state } = parseOrThrow(Body, await readJsonBody(req));
  return NextResponse.json(await setRoundState(await getDb(), id, state, user.id));
});
