import { z } from 'zod';
import { countSchema } from './count-schema.js';
import { termCodeSchema } from './taxonomy.js';

const isoDateTime = z.iso.datetime({ offset: true });
const shortText = (max: number) => z.string().trim().max(max);
const yesNoUnknown = z.boolean().nullable();

export const partCountSchema = z.strictObject({ term: termCodeSchema, n: z.number().int().min(0).max(100_000), atLeast: z.boolean() });

/**
 * An item recorded, with its parts under it ("25 tentes, dont 7 pleines d'affaires"): the
 * whole's count includes its parts (see parts.ts). A part larger than its whole is refused.
 */
export const tallySchema = z.strictObject({
  term: termCodeSchema, n: z.number().int().min(0).max(100_000), atLeast: z.boolean(),
  parts: z.array(partCountSchema).max(10).optional(),
}).superRefine((t, ctx) => {
  for (const [i, p] of (t.parts ?? []).entries()) {
    if (p.n > t.n) {
      ctx.addIssue({ code: 'custom', path: ['parts', i, 'n'], message: 'part_larger_than_whole', params: { problem: 'part_larger_than_whole' } });
    }
  }
});
export type Tally = z.infer<typeof tallySchema>;

export const forcePresenceSchema = z.strictObject({
  corps: termCodeSchema,
  unit: shortText(60).nullable().default(null),
  vehicles: z.array(z.strictObject({ type: termCodeSchema, n: z.number().int().min(0).max(1000) })).max(20).default([]),
  officers: countSchema.nullable().default(null),
  weapons: z.array(shortText(60)).max(20).default([]),
});
export type ForcePresence = z.infer<typeof forcePresenceSchema>;

export const timelineNoteSchema = z.strictObject({ id: z.uuid(), at: isoDateTime, text: shortText(2000).min(1) });

export const COVERAGES = ['full', 'partial', 'reported'] as const;
export const INTERPRETER = ['unknown', 'absent', 'present', 'used'] as const;
export const EVICTION_STATUSES = ['draft', 'submitted', 'verified', 'rejected'] as const;
export type EvictionStatus = (typeof EVICTION_STATUSES)[number];

/** One site's eviction within an operation, as the capture app sends it. */
export const evictionInputSchema = z.strictObject({
  id: z.uuid(),
  operationId: z.uuid(),
  siteId: z.uuid(),
  arrivedAt: isoDateTime,
  leftAt: isoDateTime.nullable().default(null),
  coverage: z.enum(COVERAGES).default('full'),
  quick: z.boolean().default(false),
  counts: z.strictObject({
    personsEvicted: countSchema.nullable().default(null),
    women: countSchema.nullable().default(null),
    children: countSchema.nullable().default(null),
    families: countSchema.nullable().default(null),
    unaccompaniedMinors: countSchema.nullable().default(null),
    arrests: countSchema.nullable().default(null),
    arrestsWithViolence: countSchema.nullable().default(null),
    idChecks: countSchema.nullable().default(null),
    shelterAccepted: countSchema.nullable().default(null),
  }).default({
    personsEvicted: null, women: null, children: null, families: null, unaccompaniedMinors: null, arrests: null,
    arrestsWithViolence: null, idChecks: null, shelterAccepted: null,
  }),
  seized: z.array(tallySchema).max(50).default([]),
  destroyed: z.array(tallySchema).max(50).default([]),
  legalBasisText: shortText(2000).nullable().default(null),
  legalBasisCategory: termCodeSchema.nullable().default(null),
  interpreter: z.enum(INTERPRETER).default('unknown'),
  bailiff: yesNoUnknown.default(null),
  cleaningCompany: yesNoUnknown.default(null),
  socialAssessment: yesNoUnknown.default(null),
  shelterOffered: yesNoUnknown.default(null),
  foodDistribution: yesNoUnknown.default(null),
  peopleMovingBack: yesNoUnknown.default(null),
  forces: z.array(forcePresenceSchema).max(30).default([]),
  notes: z.array(timelineNoteSchema).max(200).default([]),
});
export type EvictionInput = z.infer<typeof evictionInputSchema>;

