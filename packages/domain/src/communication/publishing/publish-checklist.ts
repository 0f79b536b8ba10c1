/**
 * What to check before anything is published or frozen (a bulletin now; press releases and
 * reports can hand over the same shape): texts missing in one language, photos without credit
 * or caption, a period observed on too few days. Pure: the screen shows the list and the person
 * may publish anyway after reading it.
 */
export type ChecklistLang = 'fr' | 'en';

export interface PublishCandidate {
  /** Each text a reader will see, in both languages (empty string = missing). */
  texts: { part: string; fr: string; en: string }[];
  photos: { credit: string; caption: { fr: string; en: string } }[];
  /** Share of the period's days with an observation (0..1), when known. */
  coverageShare?: number | null;
}

export type ChecklistItem =
  | { kind: 'missingTranslation'; part: string; lang: ChecklistLang }
  | { kind: 'photoWithoutCredit'; photo: number }
  | { kind: 'photoWithoutCaption'; photo: number; lang: ChecklistLang }
  | { kind: 'lowCoverage'; share: number };

/** Below this share of observed days, figures are much less complete than they look. */
export const LOW_COVERAGE = 0.5;

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
  return items;
}
