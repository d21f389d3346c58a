import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { listItems } from "@/lib/services/datasets";
import { parseOrThrow } from "@/lib/schemas/parse";

const Query = z.object({
  split: z.string().max(32).optional(),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100000).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
});

type Ctx = { params: Promise<{ id: string }> };

export const GET = handle(async (req: Request, ctx: Ctx) => {
  await requireApiUser("items:read-all");
  const { id } = await ctx.params;
  const query = parseOrThrow(Query, Object.fromEntries(new URL(req.url).searchParams));
  return NextResponse.json(await listItems(await getDb(), id, query));
});
