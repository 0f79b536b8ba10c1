import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage } from './locale.js';

describe('localeFromAcceptLanguage', () => {
  it('defaults to French', () => {
    expect(localeFromAcceptLanguage(undefined)).toBe('fr');
    expect(localeFromAcceptLanguage('de-DE,de;q=0.9')).toBe('fr');
  });
  it('follows the browser preference between French and English', () => {
    expect(localeFromAcceptLanguage('en-GB,en;q=0.9,fr;q=0.8')).toBe('en');
    expect(localeFromAcceptLanguage('de;q=1,fr;q=0.5,en;q=0.7')).toBe('en');
    expect(localeFromAcceptLanguage('fr-FR')).toBe('fr');
  });
});
