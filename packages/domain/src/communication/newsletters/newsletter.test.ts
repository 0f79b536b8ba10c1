import { describe, expect, it } from 'vitest';
import { blockInputOf, newsletterText, type NewsletterBlockView } from './newsletter.js';

const blocks: NewsletterBlockView[] = [
  { kind: 'text', text: 'Chères et chers membres,\n\nVoici le mois.' },
  { kind: 'figure', metric: 'evictions', from: '2026-02-01', to: '2026-02-28', areaCode: 'calaisis', forceCorps: null, value: 73, atLeast: true, wording: 'au moins 73 expulsions (calaisis, du 1 février 2026 au 28 février 2026)' },
  { kind: 'bulletin', bulletin: null },
  { kind: 'photo', evidenceId: '00000000-0000-4000-8000-000000000001', caption: 'Tentes saisies', credit: 'HRO', available: true },
  { kind: 'photo', evidenceId: '00000000-0000-4000-8000-000000000002', caption: 'Retirée', credit: null, available: false },
  { kind: 'link', url: 'https://hro.example/agir', label: 'Agir avec nous' },
];

describe('newsletter text', () => {
  it('reads the blocks in order, leaves out what cannot be shown, and ends with the archive address', () => {
    const text = newsletterText({ title: 'Lettre de mars', language: 'fr', blocks, sentOn: '2026-03-02' }, {
      archiveUrl: 'https://vigie.example/api/public/hro/newsletter/1', photoUrl: (id) => `https://vigie.example/p/${id}.jpg`,
    });
    expect(text).toBe([
      'LETTRE DE MARS', '2 mars 2026', '', 'Chères et chers membres,', '', 'Voici le mois.', '',
      '• au moins 73 expulsions (calaisis, du 1 février 2026 au 28 février 2026)', '',
      '[Photo : Tentes saisies (© HRO)]', 'https://vigie.example/p/00000000-0000-4000-8000-000000000001.jpg', '',
      'Agir avec nous', 'https://hro.example/agir', '', 'Lire en ligne : https://vigie.example/api/public/hro/newsletter/1', '',
    ].join('\n'));
  });

  it('keeps a figure as its reference when edited again, never its wording', () => {
    expect(blockInputOf(blocks[1]!)).toEqual({ kind: 'figure', metric: 'evictions', from: '2026-02-01', to: '2026-02-28', areaCode: 'calaisis' });
    expect(blockInputOf(blocks[3]!)).toEqual({ kind: 'photo', evidenceId: '00000000-0000-4000-8000-000000000001', caption: 'Tentes saisies' });
  });
});
