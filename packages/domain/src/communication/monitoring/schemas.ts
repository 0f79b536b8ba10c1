import { z } from 'zod';

/** What crosses HTTP for the media monitoring desk (sources, keyword rules, clippings, digest). */

export const CLIPPING_TONES = ['positive', 'neutral', 'negative', 'mixed'] as const;
export type ClippingTone = (typeof CLIPPING_TONES)[number];
export const RULE_LANGUAGES = ['any', 'fr', 'en'] as const;
export const SOURCE_FORMATS = ['rss', 'atom', 'json', 'rdf'] as const;

const httpUrl = z.string().trim().max(2000).url().refine((u) => /^https?:\/\//i.test(u), { message: 'http(s) address expected' });

export const monitoringSourceInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  url: httpUrl,
  /** The outlet the articles are credited to; the feed's own title when left empty. */
  outlet: z.string().trim().max(200).transform((s) => (s === '' ? null : s)).nullable().optional(),
  active: z.boolean().default(true),
});
export type MonitoringSourceInput = z.infer<typeof monitoringSourceInputSchema>;

export const monitoringSourceViewSchema = z.object({
  id: z.uuid(), name: z.string(), url: z.string(), outlet: z.string().nullable(), active: z.boolean(),
  format: z.enum(SOURCE_FORMATS).nullable(),
  lastFetchedAt: z.string().nullable(), lastSuccessAt: z.string().nullable(), lastError: z.string().nullable(),
  consecutiveFailures: z.number().int(), nextFetchAt: z.string(), itemsSeen: z.number().int(), clippings: z.number().int(),
});
export type MonitoringSourceView = z.infer<typeof monitoringSourceViewSchema>;

export const monitoringRuleInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  expression: z.string().trim().min(1).max(2000),
  /** null: every source (a global rule). */
  sourceId: z.uuid().nullable().default(null),
  language: z.enum(RULE_LANGUAGES).default('any'),
  active: z.boolean().default(true),
});
export type MonitoringRuleInput = z.infer<typeof monitoringRuleInputSchema>;

export const monitoringRuleViewSchema = z.object({
  id: z.uuid(), name: z.string(), expression: z.string(), sourceId: z.uuid().nullable(), sourceName: z.string().nullable(),
  language: z.enum(RULE_LANGUAGES), active: z.boolean(), createdAt: z.string(),
});
export type MonitoringRuleView = z.infer<typeof monitoringRuleViewSchema>;

/** A clipping about a published address (a social post's): the post itself seen by a feed (own), or an article naming it. */
export const clippingEchoViewSchema = z.object({
  id: z.uuid(), title: z.string(), outlet: z.string(), url: z.string(), publishedAt: z.string(), own: z.boolean(),
});
export type ClippingEchoView = z.infer<typeof clippingEchoViewSchema>;

export const clippingViewSchema = z.object({
  id: z.uuid(), title: z.string(), outlet: z.string(), author: z.string().nullable(), publishedAt: z.string().nullable(),
  url: z.string(), language: z.enum(['fr', 'en']).nullable(), matchedTerms: z.array(z.string()), excerpt: z.string(),
  snapshotSha256: z.string().nullable(), snapshotFetchedAt: z.string().nullable(), snapshotSource: z.enum(['article', 'feed']).nullable(),
  tags: z.array(z.string()), tone: z.enum(CLIPPING_TONES).nullable(), toneBy: z.string().nullable(),
  storyId: z.uuid(), storySize: z.number().int(), pressReleaseId: z.uuid().nullable(), sources: z.array(z.string()), foundAt: z.string(),
});
export type ClippingView = z.infer<typeof clippingViewSchema>;
export const clippingDetailViewSchema = clippingViewSchema.extend({ snapshotText: z.string().nullable() });
export type ClippingDetailView = z.infer<typeof clippingDetailViewSchema>;

export const clippingUpdateSchema = z.strictObject({
  tone: z.enum(CLIPPING_TONES).nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(60)).max(20).optional(),
  pressReleaseId: z.uuid().nullable().optional(),
});
export type ClippingUpdate = z.infer<typeof clippingUpdateSchema>;

export const clippingQuerySchema = z.strictObject({
  q: z.string().trim().max(300).optional(),
  tag: z.string().trim().max(60).optional(),
  tone: z.enum(CLIPPING_TONES).optional(),
  storyId: z.uuid().optional(),
  pressReleaseId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100000).default(0),
});
export type ClippingQuery = z.infer<typeof clippingQuerySchema>;

export const pollResultSchema = z.object({
  sourceId: z.uuid(), status: z.enum(['fetched', 'not_modified', 'failed']), items: z.number().int(), clippings: z.number().int(), error: z.string().nullable(),
});
export type PollResult = z.infer<typeof pollResultSchema>;

export const digestSettingsSchema = z.strictObject({ recipientIds: z.array(z.uuid()).max(100) });
export const digestSettingsViewSchema = z.object({
  recipients: z.array(z.object({ id: z.uuid(), displayName: z.string(), email: z.string() })),
  candidates: z.array(z.object({ id: z.uuid(), displayName: z.string(), email: z.string() })),
});
export type DigestSettingsView = z.infer<typeof digestSettingsViewSchema>;
