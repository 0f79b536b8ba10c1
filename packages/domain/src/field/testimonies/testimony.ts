import { z } from 'zod';
import { CONSENT_PURPOSES, TESTIMONY_LANGUAGES, TESTIMONY_LINK_TARGETS, TESTIMONY_STATUSES } from './vocabulary.js';

/** The testimonies' schemas as they cross HTTP (the rules are in vocabulary.ts, free of zod for the web). */
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).transform((s) => (s === '' ? null : s)).nullable().optional();

export const consentAnswersSchema = z.strictObject({
  kept: z.boolean(), quoted: z.boolean(), statistics: z.boolean(), court: z.boolean(), partners: z.boolean(),
});

/** The consent as given: the answers, the version of the text read, and the language it was shown in. */
export const consentInputSchema = z.strictObject({
  answers: consentAnswersSchema,
  textVersion: z.string().trim().min(1).max(40),
  shownIn: z.enum(TESTIMONY_LANGUAGES),
});
export type ConsentInput = z.infer<typeof consentInputSchema>;

export const testimonyLinkSchema = z.strictObject({ target: z.enum(TESTIMONY_LINK_TARGETS), id: z.uuid() });

export const testimonyCreateSchema = z.strictObject({
  /** The same rule as an incident's victims: a pseudonym, never a name. */
  pseudonym: text(60),
  minor: z.boolean().nullable().default(null),
  language: z.enum(TESTIMONY_LANGUAGES),
  givenOn: z.iso.date(),
  account: text(20000),
  /** The excerpt that may be quoted anonymously, chosen with the person (optional). */
  quote: optionalText(1000),
  links: z.array(testimonyLinkSchema).max(20).default([]),
  /** Absent: saved as a draft, usable nowhere, until consent is recorded. */
  consent: consentInputSchema.optional(),
});
export type TestimonyCreate = z.infer<typeof testimonyCreateSchema>;

/**
 * A testimony taken offline and sent by the phone's outbox (`testimony.save`). The id comes from
 * the phone (a retry never records twice) and so does the withdrawal code, made there so the
 * card can be handed over without a network: the phone sends only the code's hash — what the
 * server stores anyway — so the code itself never leaves the phone and is not kept in its outbox.
 */
export const testimonyOfflineSchema = z.strictObject({
  ...testimonyCreateSchema.shape,
  id: z.uuid(),
  withdrawalCodeHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type TestimonyOffline = z.infer<typeof testimonyOfflineSchema>;

export const withdrawalCodeSchema = z.strictObject({ code: z.string().trim().min(4).max(40) });

const consentEntry = z.object({
  purpose: z.enum(CONSENT_PURPOSES), granted: z.boolean(), textVersion: z.string().nullable(), shownIn: z.string().nullable(),
  recordedByName: z.string().nullable(), via: z.enum(['staff', 'code']), at: z.string(),
});
export const testimonySummaryViewSchema = z.object({
  id: z.uuid(), pseudonym: z.string(), language: z.enum(TESTIMONY_LANGUAGES), givenOn: z.string(), status: z.enum(TESTIMONY_STATUSES),
  consents: consentAnswersSchema, createdByName: z.string(), createdAt: z.string(),
});
export type TestimonySummaryView = z.infer<typeof testimonySummaryViewSchema>;
export const testimonyViewSchema = testimonySummaryViewSchema.extend({
  personId: z.uuid(), minor: z.boolean().nullable(), account: z.string().nullable(), quote: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  links: z.array(z.object({ target: z.enum(TESTIMONY_LINK_TARGETS), targetId: z.uuid(), label: z.string(), date: z.string().nullable() })),
  history: z.array(consentEntry),
});
export type TestimonyView = z.infer<typeof testimonyViewSchema>;
/** Given once, at creation: the code card. Only its hash is kept. */
export const testimonyCreatedSchema = z.object({ testimony: testimonyViewSchema, withdrawalCode: z.string() });
export const withdrawalResultSchema = z.object({ withdrawnAt: z.string(), alreadyWithdrawn: z.boolean() });
/** What the communication pole may see: the consented excerpts only, with nothing about the person. */
export const quotableTestimonySchema = z.object({ id: z.uuid(), quote: z.string(), language: z.enum(TESTIMONY_LANGUAGES), givenIn: z.string() });
export type QuotableTestimony = z.infer<typeof quotableTestimonySchema>;
