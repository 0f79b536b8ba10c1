import { phoneScopeSchema } from './phone.js';
import { z } from 'zod';
import { EVICTION_STATUSES, evictionInputSchema } from './eviction.js';
import { INCIDENT_STATUSES, incidentInputSchema } from './incident.js';
import { operationInputSchema } from './operation.js';
import { siteInputSchema } from './site.js';

/**
 * What the server says about each field record: the input the phone sends plus what only the
 * server knows (version, status, who and when). These are the response schemas of every field
 * route and the types the web imports; each server presenter returns exactly one of them.
 * Plain objects (not strict): the serializer keeps the listed keys and drops anything else.
 */
const serverSide = { version: z.number().int(), updatedAt: z.string() };

export const operationViewSchema = z.object({
  ...operationInputSchema.shape, ...serverSide, date: z.string(), createdBy: z.string(),
});
export type OperationView = z.infer<typeof operationViewSchema>;

export const evictionViewSchema = z.object({
  ...evictionInputSchema.shape, ...serverSide,
  status: z.enum(EVICTION_STATUSES), rejectionReason: z.string().nullable(), date: z.string(), createdBy: z.string(),
  /** Set when this record was folded into another as a duplicate: it no longer counts. */
  mergedInto: z.string().nullable(),
});
export type EvictionView = z.infer<typeof evictionViewSchema>;

export const incidentViewSchema = z.object({
  ...incidentInputSchema.shape, ...serverSide, createdBy: z.string(),
  /** Outside an eviction: the incident's own review state (null for an eviction's incident, which follows its eviction). */
  status: z.enum(INCIDENT_STATUSES).nullable(), rejectionReason: z.string().nullable(),
});
export type IncidentView = z.infer<typeof incidentViewSchema>;

export const siteViewSchema = z.object({
  ...siteInputSchema.shape, ...serverSide,
  /** Set when this site was merged into another (two names for one place): it is no longer offered. */
  mergedInto: z.string().nullable(),
});
export type SiteView = z.infer<typeof siteViewSchema>;

/** An incident as a reviewer sees it: with how much evidence backs it. */
export const incidentReviewViewSchema = incidentViewSchema.extend({
  evidence: z.object({ stored: z.number(), uploading: z.number(), rejected: z.number() }),
});
export type IncidentReviewView = z.infer<typeof incidentReviewViewSchema>;

/** GET /api/sync/pull: changes since a cursor, each record as its module presents it. */
export const syncPullViewSchema = z.object({
  cursor: z.number(), more: z.boolean(), scope: phoneScopeSchema,
  operations: z.array(operationViewSchema), evictions: z.array(evictionViewSchema),
  incidents: z.array(incidentViewSchema), sites: z.array(siteViewSchema),
  /**
   * Evictions in the phone's areas, changed since the cursor, that this person may no longer hold
   * (unverified and not theirs, or sent back after verification): the phone deletes its copies.
   */
  gone: z.object({ evictions: z.array(z.string()) }),
});
export type SyncPullView = z.infer<typeof syncPullViewSchema>;
