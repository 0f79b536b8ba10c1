import type { Figure, FigureFilters } from '../statistics/metrics.js';

/**
 * What to check before anything is published or frozen — a bulletin before publication, a
 * press release before approval and before sending, an annual report before it is generated
 * for publication: texts missing in one language, photos without credit or caption, a period
 * observed on too few days, a cited figure whose value changed since the draft. Pure: the server
 * hands over the candidate (with each cited figure as drafted and as recomputed now), the screen
 * shows the list, and the person may publish anyway after reading it.
 */
export type ChecklistLang = 'fr' | 'en';

/** A figure reference as cited (metric, period, area, filters), with its value then and now. */
export type CitedFigure = {
  metric: string; from: string; to: string; areaCode: string | null; filters: FigureFilters;
  was: Figure; now: Figure;
};

export interface PublishCandidate {
  /** Each text a reader will see, in both languages (empty string = missing). A single-language output has none. */
  texts: { part: string; fr: string; en: string }[];
  photos: { credit: string; caption: { fr: string; en: string } }[];
  /** Share of the period's days with an observation (0..1), when known. */
  coverageShare?: number | null;
  /** Every figure the output cites, as drafted and as the statistics compute it now. */
  citedFigures?: CitedFigure[];
  /** Every testimony quote the output carries (by position) and whether its person's consent to be quoted holds now. */
  testimonyQuotes?: { quote: number; consented: boolean }[];
}

export type ChecklistItem =
  | { kind: 'missingTranslation'; part: string; lang: ChecklistLang }
  | { kind: 'photoWithoutCredit'; photo: number }
  | { kind: 'photoWithoutCaption'; photo: number; lang: ChecklistLang }
  | { kind: 'lowCoverage'; share: number }
  | { kind: 'figureChanged'; metric: string; from: string; to: string; areaCode: string | null; filters: FigureFilters; was: Figure; now: Figure }
  | { kind: 'quoteWithoutConsent'; quote: number };

/** Below this share of observed days, figures are much less complete than they look. */
export const LOW_COVERAGE = 0.5;

// "Non observé" becoming 0 changes what a reader is told, even though the value stays 0.
const sameFigure = (a: Figure, b: Figure) => a.value === b.value && a.atLeast === b.atLeast && Boolean(a.unobserved) === Boolean(b.unobserved);

export function publishChecklist(c: PublishCandidate): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  for (const t of c.texts) {
    const fr = t.fr.trim() !== '';
    const en = t.en.trim() !== '';
    // A text absent in both languages is a choice (no context this month), not a missing translation.
    if (fr && !en) items.push({ kind: 'missingTranslation', part: t.part, lang: 'en' });
    if (en && !fr) items.push({ kind: 'missingTranslation', part: t.part, lang: 'fr' });
  }
  c.photos.forEach((p, i) => {
    if (p.credit.trim() === '') items.push({ kind: 'photoWithoutCredit', photo: i + 1 });
    for (const lang of ['fr', 'en'] as const) {
      if (p.caption[lang].trim() === '') items.push({ kind: 'photoWithoutCaption', photo: i + 1, lang });
    }
  });
  if (c.coverageShare !== undefined && c.coverageShare !== null && c.coverageShare < LOW_COVERAGE) {
    items.push({ kind: 'lowCoverage', share: c.coverageShare });
  }
  for (const f of c.citedFigures ?? []) {
    if (sameFigure(f.was, f.now)) continue;
    items.push({ kind: 'figureChanged', metric: f.metric, from: f.from, to: f.to, areaCode: f.areaCode, filters: f.filters, was: f.was, now: f.now });
  }
  // A quote whose person withdrew (or never gave) consent to be quoted: never publishable, not even "anyway".
  for (const q of c.testimonyQuotes ?? []) if (!q.consented) items.push({ kind: 'quoteWithoutConsent', quote: q.quote });
  return items;
}
