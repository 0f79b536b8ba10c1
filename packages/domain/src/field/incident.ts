import { z } from 'zod';
import { termCodeSchema } from './taxonomy.js';

export const INCIDENT_STATUSES = ['submitted', 'verified', 'rejected'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/**
 * Violence against exiled people, or obstruction of observers: during an eviction (`evictionId`),
 * or outside any eviction — during a round, at a distribution, in town — with its own place: an
 * area (`areaCode`) and a known site (`siteId`) or a place in words (`place`), never a person's
 * location. The time is always the incident's own (`occurredAt`).
 */
export const incidentInputSchema = z.strictObject({
  id: z.uuid(),
  evictionId: z.uuid().nullable(),
  kind: z.enum(['violence', 'obstruction']),
  incidentType: termCodeSchema,
  occurredAt: z.iso.datetime({ offset: true }),
  unit: z.string().trim().max(60).nullable().default(null),
  description: z.string().trim().max(5000).nullable().default(null),
  /** Pseudonyms only ("Homme 1", "A."): identities, if ever needed, are recorded by the legal pole. */
  victims: z.array(z.strictObject({ id: z.uuid(), pseudonym: z.string().trim().min(1).max(60), minor: z.boolean().nullable().default(null) })).max(50).default([]),
  /** Outside an eviction only: the area it happened in. */
  areaCode: z.string().trim().min(1).max(40).nullable().default(null),
  /** Outside an eviction only: a known site of that area… */
  siteId: z.uuid().nullable().default(null),
  /** …or the place in words ("distribution rue des Garennes", "gare de Calais"). */
  place: z.string().trim().min(1).max(200).nullable().default(null),
});
export type IncidentInput = z.infer<typeof incidentInputSchema>;
