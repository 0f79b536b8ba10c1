import { z } from 'zod';
import { termCodeSchema } from './taxonomy.js';

/** Violence against exiled people, or obstruction of observers, during an eviction. */
export const incidentInputSchema = z.strictObject({
  id: z.uuid(),
  evictionId: z.uuid(),
  kind: z.enum(['violence', 'obstruction']),
  incidentType: termCodeSchema,
  occurredAt: z.iso.datetime({ offset: true }),
  unit: z.string().trim().max(60).nullable().default(null),
  description: z.string().trim().max(5000).nullable().default(null),
  /** Pseudonyms only ("Homme 1", "A."): identities, if ever needed, are recorded by the legal pole. */
  victims: z.array(z.strictObject({ id: z.uuid(), pseudonym: z.string().trim().min(1).max(60), minor: z.boolean().nullable().default(null) })).max(50).default([]),
});
export type IncidentInput = z.infer<typeof incidentInputSchema>;
