import { z } from 'zod';
import { jsonValueSchema } from '../json-value.js';
import { evictionViewSchema, incidentReviewViewSchema, incidentViewSchema, operationViewSchema } from './record-views.js';
import { INCIDENT_STATUSES } from './incident.js';

/**
 * The pages that show one field record whole (docs/glossary.md "fiche"): what a coordinator
 * verifies from, what the legal pole opens from a case, where every drill-down lands.
 */

/** One field's change between two versions; values are what was saved (counts, lists, text). */
export const recordChangeSchema = z.object({ field: z.string(), before: jsonValueSchema, after: jsonValueSchema });
export type RecordChange = z.infer<typeof recordChangeSchema>;

export const recordVersionViewSchema = z.object({
  version: z.number(), changedAt: z.string(),
  changedBy: z.object({ id: z.string().nullable(), displayName: z.string().nullable() }),
  changes: z.array(recordChangeSchema),
});
export type RecordVersionView = z.infer<typeof recordVersionViewSchema>;
export const recordHistoryViewSchema = z.object({ versions: z.array(recordVersionViewSchema) });

const person = z.object({ id: z.string(), displayName: z.string() });
const siteRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

/**
 * A file attached to the eviction: the thumbnail is the publication copy, never the original (only
 * photos have one); other kinds are shown by their type, as found in the bytes, and their size.
 */
export const evidenceItemViewSchema = z.object({
  id: z.string(), incidentId: z.string().nullable(), kind: z.string(), originalName: z.string(), capturedAt: z.string().nullable(),
  status: z.string(), hasPublicCopy: z.boolean(), publicCopyPending: z.boolean(), publicCopyFailed: z.boolean(), sizeBytes: z.number(), detectedType: z.string().nullable(),
});
export type EvidenceItemView = z.infer<typeof evidenceItemViewSchema>;

/** What the person reading may do from the page: the permission table applied to this record. */
export const evictionActionsSchema = z.object({
  edit: z.boolean(), verify: z.boolean(), reject: z.boolean(), merge: z.boolean(), openCase: z.boolean(),
  witnessStatement: z.boolean(), readOriginals: z.boolean(), resolveConflicts: z.boolean(),
});
export type EvictionActions = z.infer<typeof evictionActionsSchema>;

/** A probable duplicate shown as a full row beside the record (never a bare identifier). */
export const evictionRowViewSchema = evictionViewSchema.extend({ site: siteRef, createdByName: z.string().nullable() });
export type EvictionRowView = z.infer<typeof evictionRowViewSchema>;

export const evictionPageViewSchema = z.object({
  eviction: evictionRowViewSchema,
  operation: z.object({ id: z.string(), date: z.string(), startedAt: z.string(), endedAt: z.string().nullable(), observers: z.array(person) }),
  incidents: z.array(incidentReviewViewSchema),
  evidence: z.array(evidenceItemViewSchema),
  history: z.array(recordVersionViewSchema),
  /** Cases this eviction is linked to; empty for roles without legal.manage. */
  cases: z.array(z.object({ id: z.string(), title: z.string(), status: z.string() })),
  duplicates: z.array(evictionRowViewSchema),
  openConflicts: z.number(),
  actions: evictionActionsSchema,
  /** Labels of the organisation's list values, so the page and its history speak words, not codes. */
  terms: z.array(z.object({ kind: z.string(), code: z.string(), labelFr: z.string(), labelEn: z.string() })),
});
export type EvictionPageView = z.infer<typeof evictionPageViewSchema>;

const termLabels = z.array(z.object({ kind: z.string(), code: z.string(), labelFr: z.string(), labelEn: z.string() }));
const linkedCases = z.array(z.object({ id: z.string(), title: z.string(), status: z.string() }));

/** What happened during an operation, in time order: the page words each entry in the reader's language. */
export const operationTimelineEntrySchema = z.object({
  at: z.string(),
  event: z.enum(['operation_started', 'eviction_arrived', 'eviction_left', 'incident', 'operation_ended']),
  evictionId: z.string().nullable(), incidentId: z.string().nullable(), site: siteRef.nullable(),
  incidentKind: z.string().nullable(), incidentType: z.string().nullable(),
});
export type OperationTimelineEntry = z.infer<typeof operationTimelineEntrySchema>;

/**
 * GET /api/operations/:id: one outing whole — its evictions (those the reader may open), its
 * observers (each may make a witness statement), its timeline and its version history.
 */
export const operationPageViewSchema = z.object({
  operation: operationViewSchema.extend({ areaName: z.string().nullable(), createdByName: z.string().nullable() }),
  observers: z.array(person),
  evictions: z.array(evictionRowViewSchema),
  incidents: z.array(incidentReviewViewSchema),
  timeline: z.array(operationTimelineEntrySchema),
  history: z.array(recordVersionViewSchema),
  /** The areas and people its history names (an earlier area, an observer since removed), so it reads as names. */
  historyNames: z.object({ areas: z.array(z.object({ id: z.string(), name: z.string() })), people: z.array(person) }),
  actions: z.object({ witnessStatement: z.boolean() }),
  terms: termLabels,
});
export type OperationPageView = z.infer<typeof operationPageViewSchema>;

/**
 * GET /api/incidents/:id: everything recorded about one incident, the eviction and operation it
 * happened in, its evidence (thumbnails are publication copies), its cases and its history.
 */
export const incidentPageViewSchema = z.object({
  incident: incidentReviewViewSchema,
  /** Null for an incident outside an eviction, which has its own place instead. */
  eviction: evictionRowViewSchema.nullable(),
  operation: z.object({ id: z.string(), date: z.string(), startedAt: z.string(), endedAt: z.string().nullable(), observers: z.array(person) }).nullable(),
  /** Outside an eviction: where it happened (the area, and the site or the place in words). */
  place: z.object({ area: z.object({ code: z.string(), name: z.string() }), site: siteRef.nullable(), place: z.string().nullable() }).nullable(),
  evidence: z.array(evidenceItemViewSchema),
  /** Cases this incident is linked to; empty for roles without legal.manage. */
  cases: linkedCases,
  history: z.array(recordVersionViewSchema),
  actions: z.object({ openCase: z.boolean(), witnessStatement: z.boolean(), readOriginals: z.boolean(), review: z.boolean() }),
  terms: termLabels,
});
export type IncidentPageView = z.infer<typeof incidentPageViewSchema>;

/** GET /api/incidents: incidents outside an eviction (during a round, at a distribution, in town). */
export const outsideIncidentsQuerySchema = z.strictObject({
  from: z.iso.date().optional(), to: z.iso.date().optional(),
  areaCode: z.string().trim().min(1).max(40).optional(),
  status: z.enum(INCIDENT_STATUSES).optional(),
});
export const outsideIncidentRowViewSchema = incidentViewSchema.extend({ areaName: z.string(), site: siteRef.nullable() });
export type OutsideIncidentRowView = z.infer<typeof outsideIncidentRowViewSchema>;

/** GET /api/review/queue: submitted records in full, and groups of probable duplicates as full rows. */
export const reviewQueueViewSchema = z.object({
  evictions: z.array(evictionRowViewSchema),
  duplicateGroups: z.array(z.array(z.string())),
  /** Members of a duplicate group that are not themselves waiting (already verified, say). */
  related: z.array(evictionRowViewSchema),
});
export type ReviewQueueView = z.infer<typeof reviewQueueViewSchema>;

/** How much waits for a coordinator: shown in the navigation. */
/** What waits for a coordinator: submitted records, kept conflicts, and those sent back in the last 30 days. */
export const reviewCountsViewSchema = z.object({ submitted: z.number(), conflicts: z.number(), rejectedRecently: z.number() });
export type ReviewCountsView = z.infer<typeof reviewCountsViewSchema>;

/**
 * A kept conflicting version (sync_conflicts): what the phone sent, field by field against the
 * record as it is now. A coordinator takes one side per field; the result is a new version.
 */
export const conflictViewSchema = z.object({
  id: z.string(), entityType: z.string(), entityId: z.string().nullable(), reason: z.string(),
  sentBy: person, receivedAt: z.string(), baseVersion: z.number().nullable(), currentVersion: z.number().nullable(),
  resolvedAt: z.string().nullable(), resolvedByName: z.string().nullable(),
  fields: z.array(z.object({ field: z.string(), current: jsonValueSchema, proposed: jsonValueSchema })),
});
export type ConflictView = z.infer<typeof conflictViewSchema>;

/** Resolving: for each differing field, which side is kept. `version` is the record's version the coordinator saw. */
export const conflictResolutionSchema = z.strictObject({
  version: z.number().int().min(1),
  take: z.record(z.string().max(80), z.enum(['current', 'proposed'])),
});
export type ConflictResolution = z.infer<typeof conflictResolutionSchema>;

/**
 * The legal pole's pickers: find evictions, incidents or evidence files by date, site, force or incident type
 * and link the one chosen (never a pasted identifier). `q` is free text over site names and texts.
 */
export const recordSearchQuerySchema = z.object({
  target: z.enum(['eviction', 'incident', 'evidence']).default('eviction'),
  from: z.iso.date().optional(), to: z.iso.date().optional(),
  siteId: z.uuid().optional(), corps: z.string().regex(/^[a-z0-9_]{1,40}$/).optional(),
  incidentType: z.string().regex(/^[a-z0-9_]{1,40}$/).optional(),
  q: z.string().trim().max(100).optional(),
});
export type RecordSearchQuery = z.infer<typeof recordSearchQuerySchema>;

const option = z.object({ code: z.string(), labelFr: z.string(), labelEn: z.string() });
export const recordSearchViewSchema = z.object({
  results: z.array(z.object({
    // An incident outside an eviction (or a file taken at one) has no eviction, and a site or only a place in words.
    target: z.enum(['eviction', 'incident', 'evidence']), id: z.string(), evictionId: z.string().nullable(), incidentId: z.string().nullable(), at: z.string(),
    site: siteRef.nullable(), place: z.string().nullable(), status: z.string(), detail: z.string().nullable(),
  })),
  options: z.object({ sites: z.array(siteRef), corps: z.array(option), incidentTypes: z.array(option) }),
});
export type RecordSearchView = z.infer<typeof recordSearchViewSchema>;
