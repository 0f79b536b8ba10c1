import { z } from 'zod';
import { CITABLE_METRIC_CODES } from '../statistics/metrics.js';

/**
 * Press releases. Every number cited comes from the statistics as a figure reference (metric,
 * period, area, filters) with the wording it had when inserted ("au moins 73 expulsions…").
 */
export const PRESS_RELEASE_STATUSES = ['draft', 'in_review', 'approved', 'sent', 'withdrawn'] as const;
export type PressReleaseStatus = (typeof PRESS_RELEASE_STATUSES)[number];
/** A release is written in one language; Arabic and Farsi ones are read right to left on the public site. */
export const PRESS_RELEASE_LANGUAGES = ['fr', 'en', 'ar', 'fa'] as const;
export type PressReleaseLanguage = (typeof PRESS_RELEASE_LANGUAGES)[number];
/** The fixed wording around a release (headings, embargo line, figures' wording) is French or English; other languages take English. */
export const releaseWordingLocale = (language: string): 'fr' | 'en' => (language === 'fr' ? 'fr' : 'en');

const optionalText = (max: number) => z.string().trim().max(max).transform((s) => (s === '' ? null : s)).nullable().optional();

export const pressReleaseInputSchema = z.strictObject({
  language: z.enum(PRESS_RELEASE_LANGUAGES).default('fr'),
  title: z.string().trim().min(1).max(300),
  lede: optionalText(2000),
  body: z.string().max(100000).default(''),
  quotes: optionalText(10000),
  pressContacts: optionalText(2000),
  embargoUntil: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type PressReleaseInput = z.infer<typeof pressReleaseInputSchema>;

/** An evictions' metric or an outreach rounds' figure (the latter by period and area only, never by force). */
export const figureReferenceInputSchema = z.strictObject({
  metric: z.enum(CITABLE_METRIC_CODES as unknown as [string, ...string[]]),
  from: z.iso.date(),
  to: z.iso.date(),
  areaCode: z.string().trim().min(1).max(40).optional(),
  forceCorps: z.string().trim().min(1).max(100).optional(),
});
export type FigureReferenceInput = z.infer<typeof figureReferenceInputSchema>;

export const figureReferenceViewSchema = z.object({
  id: z.uuid(), metric: z.string(), from: z.string(), to: z.string(), areaCode: z.string().nullable(), filters: z.record(z.string(), z.string()),
  value: z.number().int(), atLeast: z.boolean(), wording: z.string(), insertedAt: z.string(),
});
export const pressReleaseSummaryViewSchema = z.object({
  id: z.uuid(), title: z.string(), language: z.enum(PRESS_RELEASE_LANGUAGES), status: z.enum(PRESS_RELEASE_STATUSES),
  embargoUntil: z.string().nullable(), sentAt: z.string().nullable(), updatedAt: z.string(),
});
export type PressReleaseSummaryView = z.infer<typeof pressReleaseSummaryViewSchema>;
export const pressReleaseViewSchema = pressReleaseSummaryViewSchema.extend({
  lede: z.string().nullable(), body: z.string(), quotes: z.string().nullable(), pressContacts: z.string().nullable(),
  createdByName: z.string(), submittedByName: z.string().nullable(), approvedByName: z.string().nullable(), approvedAt: z.string().nullable(),
  createdById: z.uuid(), listId: z.uuid().nullable(), mailingId: z.uuid().nullable(), snapshotSha256: z.string().nullable(),
  figures: z.array(figureReferenceViewSchema),
  /** Quotes from testimonies, through the consent check: the text only while the person's consent to be quoted holds. */
  testimonyQuotes: z.array(z.object({ id: z.uuid(), testimonyId: z.uuid(), text: z.string().nullable(), consented: z.boolean(), insertedAt: z.string() })),
  corrections: z.array(z.object({ id: z.uuid(), text: z.string(), createdAt: z.string() })),
  publicUrl: z.string().nullable(),
});
export type PressReleaseView = z.infer<typeof pressReleaseViewSchema>;

/** "au moins 73 expulsions (Calaisis, 1er–30 avril 2024)": the reference's wording, in the release's language. */
export function figureSentence(wordedValue: string, metricLabel: string, period: string, area: string | null): string {
  return `${wordedValue} ${metricLabel.toLowerCase()} (${area ? `${area}, ` : ''}${period})`;
}

/** The plain-text version sent by mail and offered for download. */
export function pressReleaseText(r: {
  title: string; lede: string | null; body: string; quotes: string | null; pressContacts: string | null; language: PressReleaseLanguage;
  embargoUntil: string | null; embargoLabel: string | null; figures: Array<{ wording: string }>;
  testimonyQuotes?: Array<{ text: string | null }>;
}): string {
  const testimonyQuotes = (r.testimonyQuotes ?? []).flatMap((q) => (q.text ? [r.language === 'fr' ? `« ${q.text} »` : `“${q.text}”`] : []));
  const fr = r.language === 'fr';
  const parts = [
    ...(r.embargoLabel ? [fr ? `EMBARGO jusqu'au ${r.embargoLabel}` : `EMBARGOED until ${r.embargoLabel}`, ''] : []),
    r.title.toUpperCase(), '',
    ...(r.lede ? [r.lede, ''] : []),
    r.body.trim(), '',
    ...(r.figures.length ? [fr ? 'Chiffres cités (minimums observés) :' : 'Figures cited (observed minimums):', ...r.figures.map((f) => `- ${f.wording}`), ''] : []),
    ...(r.quotes ? [r.quotes, ''] : []),
    ...(testimonyQuotes.length ? [...testimonyQuotes, ''] : []),
    ...(r.pressContacts ? [fr ? 'Contacts presse :' : 'Press contacts:', r.pressContacts, ''] : []),
  ];
  return parts.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}
