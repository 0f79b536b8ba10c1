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
});
