import { z } from 'zod';
import { termCodeSchema } from './taxonomy.js';

/** One police convoy's outing (a morning), containing the site evictions observed. */
export const operationInputSchema = z.strictObject({
  id: z.uuid(),
  areaId: z.uuid(),
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }).nullable().default(null),
  operationType: termCodeSchema.nullable().default(null),
  officerInCharge: z.string().trim().max(200).nullable().default(null),
  authoritiesPresent: z.string().trim().max(500).nullable().default(null),
  weatherAlert: z.boolean().nullable().default(null),
  observerIds: z.array(z.uuid()).max(20).default([]),
  notes: z.string().trim().max(5000).nullable().default(null),
});
export type OperationInput = z.infer<typeof operationInputSchema>;
