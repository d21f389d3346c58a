// GET /api/agreement/:dataset/download?table=<name> (CSV) or ?chart=<name> (SVG), with the dashboard's filters.
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/parse";
import { DownloadQuery } from "@/lib/schemas/agreement";
import { CACHE_HEADER, servedDashboard } from "@/lib/services/agreement/served";
import { chartSvg, tableCsv } from "@/lib/services/agreement/downloads";

type Ctx = { params: Promise<{ datasetId: string }> };

export const GET = handle(async (req: Request, ctx: Ctx) => {
  await requireApiUser("agreement:read");
  const { datasetId } = await ctx.params;
  const { table, chart, ...filters } = parseOrThrow(DownloadQuery, Object.fromEntries(new URL(req.url).searchParams));
  if (!table === !chart) throw new AppError("BAD_REQUEST", "give exactly one of table=<name> or chart=<name>");
  const { value: d, cache } = await servedDashboard(await getDb(), datasetId, filters);
  const file = `${d.dataset.name}-${table ?? chart}`.replace(/[^A-Za-z0-9._-]+/g, "_");
  if (table) {
    return new Response(tableCsv(d, table), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${file}.csv"`, "cache-control": "private, no-store", [CACHE_HEADER]: cache },
    });
  }
  return new Response(chartSvg(d, chart!), {
    headers: { "content-type": "image/svg+xml", "content-disposition": `attachment; filename="${file}.svg"`, "cache-control": "private, no-store", [CACHE_HEADER]: cache },
  });
});
