import { z } from 'zod';
import { figureSchema, METRIC_CODES, ROUND_METRIC_CODES } from '@vigie/domain';
import type { Locale } from '@vigie/domain';
import type { EvictionListRow, filterOptions } from './statistics.queries.js';

/** What leaves the server: figures only, and for the drill-down list the eviction's place and day (no people, no notes). */
export const figuresSchema = z.record(z.enum(METRIC_CODES), figureSchema);
const periodFigures = z.object({ from: z.string(), to: z.string(), figures: figuresSchema });

export const summarySchema = z.object({
  from: z.string(), to: z.string(), figures: figuresSchema,
  coverage: z.object({ daysInPeriod: z.number(), expectedDays: z.number(), daysObserved: z.number(), daysNotObserved: z.number(), share: z.number() }),
  rates: z.object({ hoursPerEviction: z.number().nullable(), perDay: z.number(), perWeek: z.number(), perMonth: z.number(), atLeast: z.boolean() }),
  /** Outreach rounds: their own figures (no forces, so null under a force filter). */
  rounds: z.record(z.enum(ROUND_METRIC_CODES), figureSchema).nullable(),
  comparisons: z.object({ previousPeriod: periodFigures, yearBefore: periodFigures }),
});

export const breakdownSchema = z.object({
  by: z.string(),
  rows: z.array(z.object({
    key: z.string(), label: z.string(), value: z.number(), atLeast: z.boolean(),
    figures: figuresSchema.optional(), days: z.array(z.string()).optional(),
    site: z.object({ code: z.string(), name: z.string(), communeInsee: z.string(), latitude: z.number().nullable(), longitude: z.number().nullable() }).optional(),
  })),
});

export const seriesSchema = z.object({
  bucket: z.string(), metric: z.string(),
  points: z.array(z.object({ key: z.string(), from: z.string(), to: z.string(), value: z.number(), atLeast: z.boolean() })),
});

const evictionItem = z.object({
  id: z.string(), date: z.string(), arrivedAt: z.string(), status: z.string(), coverage: z.string(),
  site: z.object({ id: z.string(), code: z.string(), name: z.string(), communeInsee: z.string() }),
  personsEvicted: figureSchema.nullable(),
});
export const evictionListSchema = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), evictions: z.array(evictionItem) });

export function presentEvictionRow(r: EvictionListRow): z.infer<typeof evictionItem> {
  return {
    id: r.id, date: r.date, arrivedAt: new Date(r.arrived_at).toISOString(), status: r.status, coverage: r.coverage,
    site: { id: r.site_id, code: r.site_code, name: r.site_name, communeInsee: r.commune_insee },
    personsEvicted: r.persons_evicted === null ? null : { value: r.persons_evicted, atLeast: r.persons_evicted_at_least },
  };
}

export const filterOptionsSchema = z.object({
  areas: z.array(z.object({ code: z.string(), name: z.string() })),
  communes: z.array(z.object({ insee: z.string(), name: z.string(), areaCode: z.string() })),
  sites: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), areaCode: z.string(), communeInsee: z.string() })),
  forces: z.array(z.object({ code: z.string(), label: z.string() })),
});

export function presentFilterOptions(o: Awaited<ReturnType<typeof filterOptions>>, locale: Locale): z.infer<typeof filterOptionsSchema> {
  const areaCode = new Map(o.areas.map((a) => [a.id, a.code]));
  return {
    areas: o.areas.map((a) => ({ code: a.code, name: a.name })),
    communes: o.communes.filter((c) => areaCode.has(c.area_id)).map((c) => ({ insee: c.insee_code, name: c.name, areaCode: areaCode.get(c.area_id)! })),
    sites: o.sites.filter((s) => areaCode.has(s.area_id)).map((s) => ({ id: s.id, code: s.code, name: s.name, areaCode: areaCode.get(s.area_id)!, communeInsee: s.commune_insee })),
    forces: o.forces.map((f) => ({ code: f.code, label: locale === 'fr' ? f.label_fr : f.label_en })),
  };
}
