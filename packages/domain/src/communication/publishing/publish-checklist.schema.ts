import { z } from 'zod';
import type { ChecklistItem } from './publish-checklist.js';
import { figureFiltersSchema } from '../statistics/schemas.js';

/** The checklist as it crosses HTTP (kept apart so the zod-free rules bundle can import the checklist). */
const figure = z.object({ value: z.number().int(), atLeast: z.boolean(), unobserved: z.boolean().optional() });
export const checklistItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('missingTranslation'), part: z.string(), lang: z.enum(['fr', 'en']) }),
  z.object({ kind: z.literal('photoWithoutCredit'), photo: z.number().int() }),
  z.object({ kind: z.literal('photoWithoutCaption'), photo: z.number().int(), lang: z.enum(['fr', 'en']) }),
  z.object({ kind: z.literal('lowCoverage'), share: z.number() }),
  z.object({
    kind: z.literal('figureChanged'), metric: z.string(), from: z.string(), to: z.string(), areaCode: z.string().nullable(),
    filters: figureFiltersSchema, was: figure, now: figure,
  }),
  z.object({ kind: z.literal('quoteWithoutConsent'), quote: z.number().int() }),
]);
export const publishChecklistViewSchema = z.object({ items: z.array(checklistItemSchema) });


// The schema and the hand-written type must describe the same items.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.infer<typeof checklistItemSchema>, ChecklistItem> = true;
void sameShape;
