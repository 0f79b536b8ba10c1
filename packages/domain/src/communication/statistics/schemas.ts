import { z } from 'zod';
import { BREAKDOWNS, BUCKETS, CHART_FILES } from './dimensions.js';
import type { FigureFilters } from './metrics.js';

const day = z.iso.date();
/** Query strings carry "true"/"false"; z.coerce.boolean would read "false" as true. */
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** "pn,bac" → ['pn', 'bac']: list codes, at most ten. */
const corpsList = z.string().trim().max(400).transform((s) => s.split(',').map((c) => c.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[a-z0-9_]{1,40}$/)).max(10));

/** The filter every statistics route takes from its query string. */
export const statisticsQuerySchema = z.object({
  from: day,
  to: day,
  areaCode: z.string().trim().min(1).max(40).optional(),
  communeInsee: z.string().trim().min(1).max(5).optional(),
  siteId: z.uuid().optional(),
  forceCorps: z.string().trim().min(1).max(40).optional(),
  /** Force corps present / absent, comma-separated: forcePresent=pn,bac&forceAbsent=crs reads "police nationale et BAC sans CRS". */
  forcePresent: corpsList.optional(),
  forceAbsent: corpsList.optional(),
  includeDrafts: flag.optional(),
});
export type StatisticsQuery = z.infer<typeof statisticsQuerySchema>;

/**
 * By place or legal basis a row carries every figure (the annual report's tables); `detail=value`
 * asks for the evictions alone (the dashboard's map sized by evictions: 400 sites of 34 figures
 * were 660 KB to build, send and parse).
 */
export const breakdownQuerySchema = statisticsQuerySchema.extend({ by: z.enum(BREAKDOWNS), detail: z.enum(['figures', 'value']).default('figures') });
export type BreakdownDetail = z.infer<typeof breakdownQuerySchema>['detail'];
export const seriesQuerySchema = statisticsQuerySchema.extend({
  bucket: z.enum(BUCKETS).default('month'),
  metric: z.string().trim().min(1).max(60).default('evictions'),
});
export const evictionListQuerySchema = statisticsQuerySchema.extend({
  itemType: z.string().trim().min(1).max(40).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const chartParamsSchema = z.object({ file: z.enum(CHART_FILES) });
export const chartQuerySchema = statisticsQuerySchema.extend({ bucket: z.enum(BUCKETS).default('month') });

export const figureSchema = z.object({ value: z.number(), atLeast: z.boolean(), unobserved: z.boolean().optional() });

/** A cited figure's filters (`FigureFilters`), as they cross HTTP in the publish checklist. */
export const figureFiltersSchema = z.object({
  forceCorps: z.string().optional(),
  forcesPresent: z.array(z.string()).optional(),
  forcesAbsent: z.array(z.string()).optional(),
});
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const filtersMatch: Same<z.infer<typeof figureFiltersSchema>, FigureFilters> = true;
void filtersMatch;

/** An organisation's choice to publish aggregated figures (off until an administrator turns it on). */
export const publicStatisticsSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  slug: z.string().trim().regex(/^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/).nullable(),
  threshold: z.number().int().min(1).max(100),
});
export type PublicStatisticsSettings = z.infer<typeof publicStatisticsSettingsSchema>;
