// Query parameters of the agreement API and dashboard (shared by routes and pages).
import { z } from "zod";
import { MODEL_NAME, MODEL_NAME_MESSAGE } from "./infer";

const opt = z.string().trim().min(1).max(100).optional().catch(undefined);

export const AgreementFilterQuery = z.object({
  split: z.string().trim().max(32).optional().transform((s) => s || undefined),
  group: z.enum(["child", "adult"]).optional(),
  round: z.string().trim().max(200).optional().transform((s) => s || undefined),
  seed: z.coerce.number().int().min(0).max(2 ** 32 - 1).optional(),
  replicates: z.coerce.number().int().min(1).max(5000).optional(),
});

export const AgreementQuery = AgreementFilterQuery.extend({
  granularity: z.string().max(20).optional(),
  aspect: z.string().max(40).optional(),
});

export const EvalQuery = AgreementFilterQuery.extend({
  // A model version's name or id (ids fit the same pattern).
  model: z.string().trim().min(1).max(200).regex(MODEL_NAME, MODEL_NAME_MESSAGE),
  consensus: z.enum(["raters", "published"]).optional(),
});

export const DashboardQuery = AgreementFilterQuery.extend({
  model: z.string().trim().max(200).refine((s) => s === "" || MODEL_NAME.test(s), MODEL_NAME_MESSAGE).optional().transform((s) => s || undefined),
  key: z.string().regex(/^(sentence|word|phone)\.[a-z]+$/).optional(),
});

export const DownloadQuery = DashboardQuery.extend({
  table: opt,
  chart: opt,
});

/** Tolerant parse for pages: an invalid filter is dropped rather than failing the page. */
export function pageFilters(sp: Record<string, string | string[] | undefined>) {
  const flat = Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v !== undefined && v !== ""));
  const r = DashboardQuery.safeParse(flat);
  if (r.success) return r.data;
  const bad = new Set(r.error.issues.map((i) => String(i.path[0])));
  return DashboardQuery.parse(Object.fromEntries(Object.entries(flat).filter(([k]) => !bad.has(k))));
}
