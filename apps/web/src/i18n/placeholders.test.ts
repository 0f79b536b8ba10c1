import { describe, expect, it } from 'vitest';
import { fr } from './catalogue.fr';
import { en } from './catalogue.en';

/** Every string of a catalogue, with its dotted key. */
function strings(tree: unknown, prefix = ''): Array<[string, string]> {
  if (typeof tree === 'string') return [[prefix, tree]];
  if (tree && typeof tree === 'object') return Object.entries(tree).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
  return [];
}

describe('message catalogues', () => {
  // i18next fills {{name}}; a single-brace {name} would reach the screen as it is written.
  it.each([['fr', fr], ['en', en]] as const)('uses only {{…}} placeholders (%s)', (_lang, catalogue) => {
    const single = strings(catalogue).filter(([, s]) => /(^|[^{])\{[A-Za-z_]\w*\}(?!\})/.test(s)).map(([k, s]) => `${k}: ${s}`);
    expect(single).toEqual([]);
  });

  // Plural forms may leave the count out ("one every hour"), so they are not compared.
  it('gives each placeholder in French its English twin', () => {
    const names = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort().join(',');
    const english = new Map(strings(en));
    const differ = strings(fr).filter(([k, s]) => english.has(k) && !/_(zero|one|two|few|many|other)$/.test(k) && names(s) !== names(english.get(k)!)).map(([k]) => k);
    expect(differ).toEqual([]);
  });
});
