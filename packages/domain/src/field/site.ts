import { z } from 'zod';

/** A living site: a stable record evicted again and again ("B2", "Hospital", "BMX"). */
export const siteInputSchema = z.strictObject({
  id: z.uuid(),
  code: z.string().trim().min(1).max(20),
  name: z.string().trim().min(1).max(120),
  aliases: z.array(z.string().trim().min(1).max(120)).max(20).default([]),
  areaId: z.uuid(),
  communeInsee: z.string().regex(/^[0-9][0-9AB][0-9]{3}$/),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  active: z.boolean().default(true),
  notes: z.string().trim().max(2000).nullable().default(null),
});
export type SiteInput = z.infer<typeof siteInputSchema>;

/** A coordinator's change to a site from the office: only what is given changes (a new version). */
export const siteEditSchema = z.strictObject({
  baseVersion: z.number().int().min(1),
  name: z.string().trim().min(1).max(120).optional(),
  aliases: z.array(z.string().trim().min(1).max(120)).max(20).optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  active: z.boolean().optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
}).refine((e) => (e.latitude === undefined) === (e.longitude === undefined) && (e.latitude === null) === (e.longitude === null), {
  message: 'latitude and longitude go together', path: ['longitude'],
});
export type SiteEdit = z.infer<typeof siteEditSchema>;

/** Folding a site into another: the same place known under two names. */
export const siteMergeSchema = z.strictObject({ intoSiteId: z.uuid() });
