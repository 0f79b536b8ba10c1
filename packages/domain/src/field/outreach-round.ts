import { z } from 'zod';
import { countSchema } from './count-schema.js';
import { ROUND_NEEDS } from './round-needs.js';

/**
 * An outreach round (maraude, distribution round): an area, a time, the team, the sites visited,
 * approximate numbers of people met (a count with its "at least" flag, as everywhere), needs
 * observed as aggregates (how many people said they needed food, water…), what was distributed,
 * and notes. Never a person's location, never a name: a round holds no coordinates and no
 * person, only sites already on the list and counts.
 */
export { ROUND_NEEDS, type RoundNeed } from './round-needs.js';

export const roundInputSchema = z.strictObject({
  /** Generated on the phone, like every field record, so a retry never records twice. */
  id: z.uuid(),
  areaCode: z.string().trim().min(1).max(40),
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }).nullable().default(null),
  /** Team members by user id; the person recording is always in it. */
  team: z.array(z.uuid()).max(20).default([]),
  siteIds: z.array(z.uuid()).max(50).default([]),
  peopleMet: countSchema.nullable().default(null),
  /** People who expressed each need, approximately; a need not asked about is absent. */
  needs: z.partialRecord(z.enum(ROUND_NEEDS), countSchema).default({}),
  /** What was handed out, as "thing → how many" lines (counts may be approximate too). */
  distributed: z.array(z.strictObject({ item: z.string().trim().min(1).max(80), count: countSchema.nullable().default(null) })).max(30).default([]),
  notes: z.string().trim().max(5000).nullable().default(null),
}).refine((r) => r.endedAt === null || r.endedAt >= r.startedAt, { path: ['endedAt'], message: 'ends_before_it_starts' });
export type RoundInput = z.infer<typeof roundInputSchema>;

export const roundViewSchema = z.object({
  id: z.uuid(),
  area: z.object({ code: z.string(), name: z.string() }),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  team: z.array(z.object({ id: z.uuid(), name: z.string() })),
  sites: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
  peopleMet: countSchema.nullable(),
  needs: z.partialRecord(z.enum(ROUND_NEEDS), countSchema),
  distributed: z.array(z.object({ item: z.string(), count: countSchema.nullable() })),
  notes: z.string().nullable(),
  createdById: z.uuid(),
  createdAt: z.string(),
});
export type RoundView = z.infer<typeof roundViewSchema>;
