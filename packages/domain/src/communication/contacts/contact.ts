import { z } from 'zod';
import {
  CHANNEL_KINDS, CONSENT_METHODS, CONSENT_STATUSES, CONTACT_KINDS, CONTACT_ROLES, INTERACTION_KINDS, LEGAL_BASES, ORGANISATION_TYPES,
} from './vocabulary.js';

export * from './vocabulary.js';

/**
 * Contacts: one registry of people and organisations for the whole association (journalists,
 * partners, authorities, researchers, funders, members…), with the consent and objection ledger.
 */
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).transform((s) => (s === '' ? null : s)).nullable().optional();
const tagSchema = z.string().trim().toLowerCase().min(1).max(50);

export const contactChannelInputSchema = z.strictObject({
  kind: z.enum(CHANNEL_KINDS),
  value: text(320),
  label: optionalText(100),
});
export type ContactChannelInput = z.infer<typeof contactChannelInputSchema>;

export const contactInputSchema = z.strictObject({
  kind: z.enum(CONTACT_KINDS),
  displayName: text(200),
  employerId: z.uuid().nullable().optional(),
  organisationType: z.enum(ORGANISATION_TYPES).nullable().optional(),
  jobTitle: optionalText(200),
  beat: optionalText(200),
  languages: z.array(z.string().trim().toLowerCase().regex(/^[a-z]{2}$/)).max(10).default([]),
  roles: z.array(z.enum(CONTACT_ROLES)).max(9).default([]),
  tags: z.array(tagSchema).max(30).default([]),
  notes: optionalText(10000),
  source: optionalText(500),
  channels: z.array(contactChannelInputSchema).max(20).default([]),
});
export type ContactInput = z.infer<typeof contactInputSchema>;

export const contactFilterSchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  role: z.enum(CONTACT_ROLES).optional(),
  tag: tagSchema.optional(),
  kind: z.enum(CONTACT_KINDS).optional(),
  language: z.string().trim().toLowerCase().regex(/^[a-z]{2}$/).optional(),
  listId: z.uuid().optional(),
});
export type ContactFilter = z.infer<typeof contactFilterSchema>;

export const consentEventInputSchema = z.strictObject({
  listId: z.uuid().nullable().optional(),
  channel: z.enum(CHANNEL_KINDS).default('email'),
  status: z.enum(CONSENT_STATUSES),
  method: z.enum(CONSENT_METHODS),
  formVersion: optionalText(100),
  formText: optionalText(5000),
  note: optionalText(1000),
});
export type ConsentEventInput = z.infer<typeof consentEventInputSchema>;

export const doNotContactInputSchema = z.strictObject({
  channel: z.enum([...CHANNEL_KINDS, 'any']),
  reason: z.string().trim().max(500).nullable(),
});

export const interactionInputSchema = z.strictObject({
  kind: z.enum(INTERACTION_KINDS),
  summary: text(2000),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});

export const contactListInputSchema = z.strictObject({
  name: text(200),
  kind: z.enum(['static', 'saved_filter']),
  filter: contactFilterSchema.omit({ listId: true }).optional(),
  legalBasis: z.enum(LEGAL_BASES),
  purpose: optionalText(1000),
}).refine((l) => (l.kind === 'saved_filter') === (l.filter !== undefined), { path: ['filter'], message: 'filter_required_for_saved_filter' });
export type ContactListInput = z.infer<typeof contactListInputSchema>;

const channelView = z.object({ id: z.uuid(), kind: z.enum(CHANNEL_KINDS), value: z.string(), label: z.string().nullable() });
export const consentEventViewSchema = z.object({
  id: z.uuid(), listId: z.uuid().nullable(), listName: z.string().nullable(), channel: z.enum(CHANNEL_KINDS),
  status: z.enum(CONSENT_STATUSES), method: z.enum(CONSENT_METHODS), formVersion: z.string().nullable(), formText: z.string().nullable(),
  note: z.string().nullable(), recordedByName: z.string().nullable(), at: z.string(),
});
export const contactSummaryViewSchema = z.object({
  id: z.uuid(), kind: z.enum(CONTACT_KINDS), displayName: z.string(), employerName: z.string().nullable(), jobTitle: z.string().nullable(),
  beat: z.string().nullable(), roles: z.array(z.enum(CONTACT_ROLES)), tags: z.array(z.string()), languages: z.array(z.string()),
  email: z.string().nullable(), doNotContact: z.boolean(),
});
export type ContactSummaryView = z.infer<typeof contactSummaryViewSchema>;
export const contactViewSchema = contactSummaryViewSchema.extend({
  employerId: z.uuid().nullable(), organisationType: z.enum(ORGANISATION_TYPES).nullable(), notes: z.string().nullable(),
  source: z.string().nullable(), channels: z.array(channelView),
  doNotContactFlags: z.array(z.object({ channel: z.string(), reason: z.string(), setAt: z.string() })),
  consents: z.array(consentEventViewSchema),
  lists: z.array(z.object({ id: z.uuid(), name: z.string(), legalBasis: z.enum(LEGAL_BASES), status: z.enum(CONSENT_STATUSES).nullable(), mayMail: z.boolean() })),
  timeline: z.array(z.object({ id: z.uuid(), kind: z.enum(INTERACTION_KINDS), summary: z.string(), occurredAt: z.string(), recordedByName: z.string().nullable() })),
  createdAt: z.string(), updatedAt: z.string(),
});
export type ContactView = z.infer<typeof contactViewSchema>;
export const contactListViewSchema = z.object({
  id: z.uuid(), name: z.string(), kind: z.enum(['static', 'saved_filter']), legalBasis: z.enum(LEGAL_BASES), purpose: z.string().nullable(),
  filter: contactFilterSchema.omit({ listId: true }).nullable(), members: z.number().int(), mailable: z.number().int(),
});
export type ContactListView = z.infer<typeof contactListViewSchema>;

/** What a person gets when they ask for their data (RGPD art. 15/20): everything we hold. */
export const contactExportSchema = z.object({
  exportedAt: z.string(), contact: contactViewSchema,
  deliveries: z.array(z.object({ subject: z.string(), status: z.string(), sentAt: z.string().nullable() })),
});
