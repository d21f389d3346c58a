import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";

// Public liveness check: says only whether the database answers.
export async function GET() {
  try {
    const db = await getDb();
    await db.prisma.$queryRawUnsafe("SELECT 1");
    return NextResponse.json({ ok: true });
  } catch {
    return NextResponse.json({ ok: false }, { status: 503 });
  }
}
