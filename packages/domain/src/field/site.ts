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
