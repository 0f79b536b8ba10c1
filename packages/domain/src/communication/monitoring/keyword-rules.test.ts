import { describe, expect, it } from 'vitest';
import { guessLanguage, parseRule, ruleMatches } from './keyword-rules.js';
import { canonicalUrl } from './canonical-url.js';

const HRO = '"Human Rights Observers" OR "HRO" NOT "HRO Today"';

describe('keyword rules', () => {
  // [rule, text, expected matched terms or null]
  const cases: Array<[string, string, string[] | null]> = [
    [HRO, 'Les Human Rights Observers ont documenté 12 expulsions.', ['Human Rights Observers']],
    [HRO, 'Selon l’association HRO, la police est intervenue.', ['HRO']],
    [HRO, 'HRO Today: the best HR software of 2026', null],
    [HRO, 'human rights observers (HRO) were present', ['Human Rights Observers', 'HRO']],
    [HRO, 'The throne was empty', null],
    [HRO, 'Observers of human rights met in Geneva', null],
    ['expulsion Calais', 'Nouvelle EXPULSION à Calais ce matin', ['expulsion', 'Calais']],
    ['expulsion Calais', 'Nouvelle expulsion à Dunkerque', null],
    ['expuls* Calais', 'Les personnes expulsées de Calais', ['expuls*', 'Calais']],
    ['"Grande-Synthe"', 'Un campement évacué à Grande Synthe', ['Grande-Synthe']],
    ['évacuation', 'EVACUATION du camp', ['évacuation']],
    ['evacuation', 'Évacuation du camp', ['evacuation']],
    ['"Auberge des Migrants" OU Utopia56 SAUF football', 'L’Auberge des migrants alerte', ['Auberge des Migrants']],
    ['"Auberge des Migrants" OU Utopia56 SAUF football', 'Utopia56 organise un match de football', null],
    ['Calais -football', 'Calais Football Club wins', null],
    ['Calais AND police', 'À Calais, la police…', ['Calais', 'police']],
    ['Calais ET police', 'À Calais, les CRS…', null],
    ['« Human Rights Observers »', 'human-rights observers', ['Human Rights Observers']],
    ['cœur', 'Au coeur de la jungle', ['cœur']],
  ];
  it.each(cases)('%s on %j', (rule, text, expected) => {
    expect(ruleMatches(rule, text)).toEqual(expected);
  });

  // [rule, refusal]
  const refused: Array<[string, string]> = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['OR NOT', 'empty'],
    ['NOT football', 'only_exclusions'],
    ['-"HRO Today"', 'only_exclusions'],
    ['le', 'too_broad'],
    ['the OR Calais', 'too_broad'],
    ['"de la"', 'too_broad'],
    ['a*', 'too_broad'],
    ['*', 'empty'],
    ['"Human Rights', 'unbalanced_quote'],
  ];
  it.each(refused)('refuses %j (%s)', (rule, problem) => {
    const parsed = parseRule(rule);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.problem).toBe(problem);
  });

  it('accepts a common word next to a precise one', () => {
    expect(parseRule('le Calais').ok).toBe(true);
    expect(parseRule('exp*').ok).toBe(true);
  });

  it('guesses French and English from common words', () => {
    expect(guessLanguage('La police a procédé à une expulsion dans le camp des migrants')).toBe('fr');
    expect(guessLanguage('The police evicted people from the camp in Calais on Tuesday')).toBe('en');
    expect(guessLanguage('HRO')).toBeNull();
  });
});

describe('canonical URL', () => {
  const cases: Array<[string, string | null]> = [
    ['https://www.lavoixdunord.fr/123/article/calais/?utm_source=rss&utm_medium=feed#comments', 'https://lavoixdunord.fr/123/article/calais'],
    ['http://LaVoixDuNord.fr/123/article/calais', 'https://lavoixdunord.fr/123/article/calais'],
    ['https://www.google.com/url?rct=j&sa=t&url=https://www.bbc.co.uk/news/uk-1%3Fat_medium%3DRSS&ct=ga', 'https://bbc.co.uk/news/uk-1'],
    ['https://example.org/a?b=2&a=1', 'https://example.org/a?a=1&b=2'],
    ['ftp://example.org/file', null],
    ['not a url', null],
  ];
  it.each(cases)('%s → %s', (href, expected) => expect(canonicalUrl(href)).toBe(expected));
});
