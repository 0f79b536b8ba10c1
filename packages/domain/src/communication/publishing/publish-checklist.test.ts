import { describe, expect, it } from 'vitest';
import { publishChecklist } from './publish-checklist.js';

describe('publish checklist', () => {
  it('lists missing translations, photos without credit or caption, and low coverage', () => {
    const items = publishChecklist({
      texts: [{ part: 'headline', fr: 'Titre', en: 'Title' }, { part: 'context', fr: 'Contexte du mois', en: '' }, { part: 'other', fr: '', en: '' }],
      photos: [{ credit: '', caption: { fr: 'Tentes saisies', en: '' } }],
      coverageShare: 0.2,
    });
    expect(items).toEqual([
      { kind: 'missingTranslation', part: 'context', lang: 'en' },
      { kind: 'photoWithoutCredit', photo: 1 },
      { kind: 'photoWithoutCaption', photo: 1, lang: 'en' },
      { kind: 'lowCoverage', share: 0.2 },
    ]);
  });
  it('is empty for a complete bulletin', () => {
    expect(publishChecklist({ texts: [{ part: 'headline', fr: 'a', en: 'b' }], photos: [{ credit: 'HRO', caption: { fr: 'x', en: 'y' } }], coverageShare: 0.9 })).toEqual([]);
  });
  it('lists a cited figure whose value or minimum changed since the draft, with both values, and not one that stayed', () => {
    const ref = { metric: 'evictions', from: '2024-04-01', to: '2024-04-30', areaCode: 'calaisis', filters: {} };
    const items = publishChecklist({
      texts: [], photos: [],
      citedFigures: [
        { ...ref, was: { value: 73, atLeast: true }, now: { value: 74, atLeast: true } },
        { ...ref, metric: 'tentsSeized', was: { value: 12, atLeast: true }, now: { value: 12, atLeast: true } },
        { ...ref, metric: 'arrests', was: { value: 3, atLeast: false }, now: { value: 3, atLeast: true } },
        { ...ref, metric: 'bikesSeized', was: { value: 0, atLeast: true, unobserved: true }, now: { value: 0, atLeast: true } },
      ],
    });
    expect(items).toEqual([
      { kind: 'figureChanged', ...ref, was: { value: 73, atLeast: true }, now: { value: 74, atLeast: true } },
      { kind: 'figureChanged', ...ref, metric: 'arrests', was: { value: 3, atLeast: false }, now: { value: 3, atLeast: true } },
      // "Non observé" that becomes 0 tells the reader something else.
      { kind: 'figureChanged', ...ref, metric: 'bikesSeized', was: { value: 0, atLeast: true, unobserved: true }, now: { value: 0, atLeast: true } },
    ]);
  });
  it('names by position a testimony quote whose person does not (or no longer) agree to be quoted', () => {
    const items = publishChecklist({ texts: [], photos: [], testimonyQuotes: [{ quote: 1, consented: true }, { quote: 2, consented: false }] });
    expect(items).toEqual([{ kind: 'quoteWithoutConsent', quote: 2 }]);
  });
});
