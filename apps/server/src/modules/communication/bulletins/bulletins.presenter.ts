import { z } from 'zod';
import { bulletinDocument, figureSchema, parisDate, type BulletinPhotoSlot, type FigureSetEntry } from '@vigie/domain';
import type { BulletinView } from './bulletins.service.js';

/** What leaves the server about a bulletin: its editable parts, what it says, and both languages written out. */

const bilingual = z.object({ fr: z.string(), en: z.string() });
export const figureSetEntry = z.object({
  metric: z.string(), part: z.string().nullable(),
  forces: z.object({ present: z.array(z.string()), absent: z.array(z.string()) }).optional(), finding: z.string().optional(),
  showZero: z.boolean().optional(),
});
const corpsName = z.object({ code: z.string(), fr: z.string(), en: z.string() });
const figureLine = z.object({
  metric: z.string(), figure: figureSchema, part: z.object({ metric: z.string(), figure: figureSchema }).nullable(),
  forces: z.object({ present: z.array(corpsName), absent: z.array(corpsName) }).optional(),
  showZero: z.boolean().optional(),
  reference: z.object({
    metric: z.string(), from: z.string(), to: z.string(), areaCode: z.string(),
    filters: z.object({ forcesPresent: z.array(z.string()).optional(), forcesAbsent: z.array(z.string()).optional() }),
  }).optional(),
});

export const bulletinContentSchema = z.object({
  format: z.literal(1),
  organisationName: z.string(),
  area: z.object({ code: z.string(), name: z.string() }),
  month: z.string(),
  evictions: figureSchema,
  coverage: z.object({ expectedDays: z.number(), observedDays: z.number(), missedDays: z.number() }).optional(),
  figures: z.array(figureLine),
  facts: z.array(z.object({ kind: z.enum(['violence', 'obstruction', 'finding']), type: z.string(), label: bilingual, days: z.array(z.string()) })),
  comparisons: z.object({
    previousMonth: z.string(), yearBeforeMonth: z.string(),
    rows: z.array(z.object({ metric: z.string(), current: figureSchema, previous: figureSchema, yearBefore: figureSchema })),
  }),
  text: z.object({ headline: bilingual, context: z.object({ fr: z.array(z.string()), en: z.array(z.string()) }) }),
  photos: z.array(z.object({ evidenceId: z.string(), sha256: z.string(), credit: z.string(), caption: bilingual })),
  quotes: z.array(z.string()).optional(),
});

export const documentSchema = z.object({
  lang: z.enum(['fr', 'en']), title: z.string(), headline: z.string(), intro: z.string(), figuresHeading: z.string(), coverage: z.string().nullable(),
  figures: z.array(z.string()), factsHeading: z.string(),
  factGroups: z.array(z.object({ heading: z.string(), sentences: z.array(z.string()) })), noFacts: z.string().nullable(),
  contextHeading: z.string(), context: z.array(z.string()), quotesHeading: z.string(), quotes: z.array(z.string()),
  photos: z.array(z.object({ evidenceId: z.string(), caption: z.string(), credit: z.string() })),
  comparisonsHeading: z.string(), comparisonColumns: z.array(z.string()), comparisonRows: z.array(z.array(z.string())), footer: z.string(),
});

export const bulletinViewSchema = z.object({
  id: z.string(),
  area: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  month: z.string(),
  status: z.enum(['draft', 'published']),
  version: z.number(),
  figureSet: z.array(figureSetEntry),
  headline: bilingual,
  context: z.object({ fr: z.array(z.string()), en: z.array(z.string()) }),
  photos: z.array(z.object({ evidenceId: z.string(), credit: z.string(), caption: bilingual })),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  snapshotSha256: z.string().nullable(),
  files: z.array(z.object({ locale: z.string(), format: z.string(), sha256: z.string() })),
  content: bulletinContentSchema,
  documents: z.object({ fr: documentSchema, en: documentSchema }),
  /** Quotes from testimonies, through the consent check: the text only while the person's consent to be quoted holds. */
  testimonyQuotes: z.array(z.object({ id: z.uuid(), testimonyId: z.uuid(), text: z.string().nullable(), consented: z.boolean(), insertedAt: z.string() })),
});

export function presentBulletin(v: BulletinView): z.infer<typeof bulletinViewSchema> {
  const { row, area, content } = v;
  const publication = row.published_at ? { publishedOn: parisDate(row.published_at) } : null;
  return {
    id: row.id,
    area: { id: area.id, code: area.code, name: area.name },
    month: row.month,
    status: row.status,
    version: row.version,
    figureSet: row.figures as FigureSetEntry[],
    headline: { fr: row.headline_fr, en: row.headline_en },
    context: { fr: row.context_fr as string[], en: row.context_en as string[] },
    photos: row.photos as BulletinPhotoSlot[],
    updatedAt: row.updated_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
    snapshotSha256: row.snapshot_sha256,
    files: v.files,
    content,
    documents: { fr: bulletinDocument(content, 'fr', publication), en: bulletinDocument(content, 'en', publication) },
    testimonyQuotes: v.testimonyQuotes,
  };
}
