import { z } from 'zod';

/**
 * Legal cases (dossiers juridiques) of the legal pole. Parties that are exiled people are only
 * references to pseudonymous persons: identities stay behind identities.read.
 */
import { recordVersionViewSchema } from '../field/record-page.js';
import { LEGAL_ACTION_TYPES, LEGAL_CASE_STATUSES, LEGAL_OUTCOMES, PARTY_KINDS, PARTY_ROLES } from './vocabulary.js';

export * from './vocabulary.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).transform((s) => (s === '' ? null : s)).nullable().optional();
export const calendarDateSchema = z.iso.date();

export const legalCaseCreateSchema = z.strictObject({
  title: text(200),
  actionType: z.enum(LEGAL_ACTION_TYPES),
  court: optionalText(200),
  externalReference: optionalText(100),
  summary: optionalText(10000),
  /** Opening a case from an eviction page links it at once. */
  evictionId: z.uuid().optional(),
  /** Opening a case from an incident page links the incident and its eviction at once. */
  incidentId: z.uuid().optional(),
});
export type LegalCaseCreate = z.infer<typeof legalCaseCreateSchema>;

export const legalCaseUpdateSchema = z.strictObject({
  title: text(200).optional(),
  actionType: z.enum(LEGAL_ACTION_TYPES).optional(),
  court: optionalText(200),
  externalReference: optionalText(100),
  summary: optionalText(10000),
});

/** A status change or an outcome goes into the timeline with the date it happened. */
export const legalCaseStatusChangeSchema = z.strictObject({
  status: z.enum(LEGAL_CASE_STATUSES).optional(),
  outcome: z.enum(LEGAL_OUTCOMES).nullable().optional(),
  outcomeNote: optionalText(5000),
  note: optionalText(5000),
  occurredOn: calendarDateSchema.optional(),
}).refine((v) => v.status !== undefined || v.outcome !== undefined || (v.note ?? null) !== null, { message: 'status, outcome or note is required', params: { problem: 'status_outcome_or_note' } });

export const legalCaseLinkSchema = z.strictObject({
  target: z.enum(['eviction', 'incident', 'evidence']),
  id: z.uuid(),
  note: optionalText(1000),
});

export const legalCasePartySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('person'), role: z.enum(PARTY_ROLES), personId: z.uuid(), note: optionalText(1000) }),
  z.strictObject({
    kind: z.enum(['association', 'lawyer', 'authority']), role: z.enum(PARTY_ROLES), name: text(200),
    contact: optionalText(200), note: optionalText(1000),
  }),
]);
export type LegalCaseParty = z.infer<typeof legalCasePartySchema>;

export const legalCaseTaskSchema = z.strictObject({
  title: text(300),
  ownerId: z.uuid().nullable().optional(),
  dueOn: calendarDateSchema.nullable().optional(),
});
export const legalCaseTaskUpdateSchema = z.strictObject({
  title: text(300).optional(),
  ownerId: z.uuid().nullable().optional(),
  dueOn: calendarDateSchema.nullable().optional(),
  done: z.boolean().optional(),
});

export const legalCaseGrantCreateSchema = z.strictObject({
  lawyerName: text(200),
  lawyerEmail: z.email().max(254).nullable().optional(),
  /** Read access lasts at most 90 days; a lawyer who needs longer gets a new link. */
  days: z.number().int().min(1).max(90),
});

const timelineEntry = z.object({
  id: z.string(), kind: z.enum(['opened', 'status', 'outcome', 'note']), status: z.string().nullable(), outcome: z.string().nullable(),
  note: z.string().nullable(), occurredOn: z.string(), actorName: z.string(), at: z.string(),
});
const partyView = z.object({
  id: z.string(), kind: z.enum(PARTY_KINDS), role: z.enum(PARTY_ROLES), personId: z.string().nullable(), pseudonym: z.string().nullable(),
  minor: z.boolean().nullable(), name: z.string().nullable(), contact: z.string().nullable(), note: z.string().nullable(),
});
const linkView = z.object({
  id: z.string(), target: z.enum(['eviction', 'incident', 'evidence']), targetId: z.string(),
  /** A short description: "B2 — 12/03/2026", "violence — 12/03/2026 09:10", "photo.jpg". */
  label: z.string(), date: z.string().nullable(), note: z.string().nullable(),
});
const taskView = z.object({
  id: z.string(), title: z.string(), ownerId: z.string().nullable(), ownerName: z.string().nullable(), dueOn: z.string().nullable(),
  done: z.boolean(), overdue: z.boolean(),
});
const documentView = z.object({
  id: z.string(), title: z.string(),
  versions: z.array(z.object({
    id: z.string(), version: z.number(), originalName: z.string(), contentType: z.string(), sizeBytes: z.number(), sha256: z.string(),
    uploadedByName: z.string(), uploadedAt: z.string(),
  })),
});

export const legalCaseSummaryViewSchema = z.object({
  id: z.string(), title: z.string(), actionType: z.enum(LEGAL_ACTION_TYPES), court: z.string().nullable(),
  externalReference: z.string().nullable(), status: z.enum(LEGAL_CASE_STATUSES), outcome: z.enum(LEGAL_OUTCOMES).nullable(),
  nextDeadline: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
});
export type LegalCaseSummaryView = z.infer<typeof legalCaseSummaryViewSchema>;

export const legalCaseViewSchema = legalCaseSummaryViewSchema.extend({
  summary: z.string().nullable(), outcomeNote: z.string().nullable(), openedByName: z.string(),
  parties: z.array(partyView), links: z.array(linkView), timeline: z.array(timelineEntry), tasks: z.array(taskView),
  documents: z.array(documentView),
  /** The case's own fields version by version (the web words them as sentences); not shown to lawyers. */
  history: z.array(recordVersionViewSchema),
});
export type LegalCaseView = z.infer<typeof legalCaseViewSchema>;

/**
 * What a lawyer's link shows (ADR 0006): the case, its timeline and documents, parties by pseudonym
 * (or an organisation's name) and linked records' labels — never a party's contact details, the notes
 * kept about parties and links, nor the association's internal tasks.
 */
export const legalSharedCaseViewSchema = legalCaseViewSchema.omit({ parties: true, links: true, tasks: true, history: true }).extend({
  parties: z.array(partyView.omit({ contact: true, note: true })),
  links: z.array(linkView.omit({ note: true })),
});
export type LegalSharedCaseView = z.infer<typeof legalSharedCaseViewSchema>;

export const legalCaseGrantViewSchema = z.object({
  id: z.string(), lawyerName: z.string(), lawyerEmail: z.string().nullable(), expiresAt: z.string(), revokedAt: z.string().nullable(),
  createdAt: z.string(), lastUsedAt: z.string().nullable(), active: z.boolean(),
});
export type LegalCaseGrantView = z.infer<typeof legalCaseGrantViewSchema>;
