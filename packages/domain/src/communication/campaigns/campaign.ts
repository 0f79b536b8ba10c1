import { z } from 'zod';
import { clippingEchoViewSchema } from '../monitoring/schemas.js';
import { POST_CHANNELS } from './post-length.js';
import { CALENDAR_ITEM_KINDS, CALENDAR_POLES, CAMPAIGN_TARGETS, EVENT_KINDS, POST_STATUSES } from './vocabulary.js';

/**
 * Campaigns and the editorial calendar (issue 14, d.2): a campaign (objectives, key messages,
 * targets, period) groups press releases (linked by id), social posts and events. A post is a
 * draft for one network, approved by a second person, then marked published with its address:
 * Vigie never posts itself. Events and trainings take registrations.
 */
const text = (max: number) => z.string().trim().max(max);
const orNull = (max: number) => text(max).transform((s) => (s === '' ? null : s)).nullable().default(null);
const datetime = z.iso.datetime({ offset: true });

export const campaignInputSchema = z.strictObject({
  name: text(200).min(1),
  objectives: text(10_000).default(''),
  keyMessages: z.array(text(500).min(1)).max(20).default([]),
  targets: z.array(z.enum(CAMPAIGN_TARGETS)).max(CAMPAIGN_TARGETS.length).default([]),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
});
export type CampaignInput = z.infer<typeof campaignInputSchema>;

/** Length and alt text are checked by the service (postProblems) so that each refusal says what is wrong. */
export const postInputSchema = z.strictObject({
  campaignId: z.uuid().nullable().default(null),
  channel: z.enum(POST_CHANNELS),
  body: z.string().max(70_000),
  imageEvidenceId: z.uuid().nullable().default(null),
  /** Or an image uploaded for posts (POST /api/campaigns/post-images), never both. */
  imageUploadId: z.uuid().nullable().default(null),
  imageAlt: z.string().max(5000).nullable().default(null),
  plannedAt: datetime.nullable().default(null),
});
export type PostInput = z.infer<typeof postInputSchema>;

export const postPublishedSchema = z.strictObject({
  url: z.string().trim().max(2000).url().refine((u) => /^https?:\/\//i.test(u), { message: 'http(s) address expected' }),
  publishedAt: datetime.nullable().default(null),
});

export const eventInputSchema = z.strictObject({
  campaignId: z.uuid().nullable().default(null),
  kind: z.enum(EVENT_KINDS),
  pole: z.enum(CALENDAR_POLES).default('communication'),
  title: text(200).min(1),
  description: text(10_000).default(''),
  place: orNull(300),
  startsAt: datetime,
  endsAt: datetime,
  capacity: z.number().int().min(1).max(100_000).nullable().default(null),
});
export type EventInput = z.infer<typeof eventInputSchema>;

/** A team member registers with their account (no name or e-mail); anyone else with both. */
export const registrationInputSchema = z.strictObject({
  self: z.boolean().default(false),
  name: text(200).default(''),
  email: text(320).default(''),
});
export type RegistrationInput = z.infer<typeof registrationInputSchema>;

export const calendarQuerySchema = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  pole: z.enum(CALENDAR_POLES).optional(),
  campaignId: z.uuid().optional(),
});
export type CalendarQuery = z.infer<typeof calendarQuerySchema>;

export const campaignSummaryViewSchema = z.object({
  id: z.uuid(), name: z.string(), startsOn: z.string(), endsOn: z.string(), targets: z.array(z.enum(CAMPAIGN_TARGETS)),
  posts: z.number().int(), events: z.number().int(), pressReleases: z.number().int(),
});
export type CampaignSummaryView = z.infer<typeof campaignSummaryViewSchema>;

export const postViewSchema = z.object({
  id: z.uuid(), campaignId: z.uuid().nullable(), channel: z.enum(POST_CHANNELS), body: z.string(),
  length: z.number().int(), limit: z.number().int(),
  imageEvidenceId: z.uuid().nullable(), imageUploadId: z.uuid().nullable(), imageAlt: z.string().nullable(), plannedAt: z.string().nullable(), status: z.enum(POST_STATUSES),
  createdById: z.uuid(), createdByName: z.string(), approvedByName: z.string().nullable(), approvedAt: z.string().nullable(),
  publishedAt: z.string().nullable(), publishedUrl: z.string().nullable(), updatedAt: z.string(),
  /** Once published: what media monitoring found about its address (the post seen by a feed, articles naming it). */
  echoes: z.array(clippingEchoViewSchema),
});
export type PostView = z.infer<typeof postViewSchema>;

/** An image uploaded for posts: what the intake found, and the alt text it was given. */
export const postImageQuerySchema = z.strictObject({
  name: z.string().trim().min(1).max(255),
  /** Checked by the service, so that a missing one gets the catalogue's words rather than a validation list. */
  alt: z.string().max(5000).default(''),
});
export const postImageViewSchema = z.object({
  id: z.uuid(), originalName: z.string(), alt: z.string(), type: z.string(), width: z.number().int(), height: z.number().int(),
  sizeBytes: z.number().int(), publicCopySha256: z.string(), createdAt: z.string(),
});
export type PostImageView = z.infer<typeof postImageViewSchema>;

export const registrationViewSchema = z.object({
  id: z.uuid(), name: z.string(), email: z.string(), userId: z.uuid().nullable(), createdAt: z.string(),
});
export type RegistrationView = z.infer<typeof registrationViewSchema>;

export const eventViewSchema = z.object({
  id: z.uuid(), campaignId: z.uuid().nullable(), kind: z.enum(EVENT_KINDS), pole: z.enum(CALENDAR_POLES), title: z.string(),
  description: z.string(), place: z.string().nullable(), startsAt: z.string(), endsAt: z.string(), capacity: z.number().int().nullable(),
  /** Set when the event was called off: it stays listed, takes no registration and no edit. */
  cancelledAt: z.string().nullable(),
  registrations: z.array(registrationViewSchema),
});
export type EventView = z.infer<typeof eventViewSchema>;

export const campaignViewSchema = z.object({
  id: z.uuid(), name: z.string(), objectives: z.string(), keyMessages: z.array(z.string()), targets: z.array(z.enum(CAMPAIGN_TARGETS)),
  startsOn: z.string(), endsOn: z.string(), createdByName: z.string(), updatedAt: z.string(),
  pressReleases: z.array(z.object({ id: z.uuid(), title: z.string(), status: z.string(), embargoUntil: z.string().nullable(), sentAt: z.string().nullable() })),
  posts: z.array(postViewSchema),
  events: z.array(eventViewSchema),
});
export type CampaignView = z.infer<typeof campaignViewSchema>;

export const calendarItemViewSchema = z.object({
  /** Stable: the same item keeps it from one fetch to the next (the iCal UID is built from it). */
  uid: z.string(),
  kind: z.enum(CALENDAR_ITEM_KINDS), title: z.string(), startsAt: z.string(), endsAt: z.string().nullable(),
  pole: z.enum(CALENDAR_POLES), campaignId: z.uuid().nullable(), campaignName: z.string().nullable(),
  status: z.string().nullable(), channel: z.enum(POST_CHANNELS).nullable(), path: z.string(),
});
export type CalendarItemView = z.infer<typeof calendarItemViewSchema>;
