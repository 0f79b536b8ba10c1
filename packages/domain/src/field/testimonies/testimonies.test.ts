import { describe, expect, it } from 'vitest';
import { consentTextsFor, knownConsentText, CURRENT_CONSENT_TEXT_VERSION } from './consent-texts/consent-text.js';
import { mayQuote, normaliseWithdrawalCode, testimonyStatus, TESTIMONY_LANGUAGES } from './vocabulary.js';

const all = { kept: true, quoted: true, statistics: true, court: true, partners: true };

describe('testimonies', () => {
  it('shows the consent text in the person\'s language, right to left for Arabic', () => {
    const { shown, missing } = consentTextsFor('ar');
    expect(missing).toBe(false);
    expect(shown.map((s) => [s.language, s.dir])).toEqual([['ar', 'rtl']]);
  });
  it('never guesses a translation: a language without a text shows French and English and says so', () => {
    for (const language of TESTIMONY_LANGUAGES.filter((l) => !['fr', 'en', 'ar'].includes(l))) {
      const { shown, missing } = consentTextsFor(language);
      expect(missing, language).toBe(true);
      expect(shown.map((s) => [s.language, s.dir])).toEqual([['fr', 'ltr'], ['en', 'ltr']]);
    }
    expect(knownConsentText(CURRENT_CONSENT_TEXT_VERSION, 'ar')).toBe(true);
    expect(knownConsentText(CURRENT_CONSENT_TEXT_VERSION, 'ti')).toBe(false);
    expect(knownConsentText('1999-v0', 'fr')).toBe(false);
  });
  it('is a draft without consent to be kept, and quotable only when kept and quoted and not withdrawn', () => {
    expect(testimonyStatus({ ...all, kept: false }, false)).toBe('draft');
    expect(testimonyStatus(all, false)).toBe('consented');
    expect(testimonyStatus(all, true)).toBe('withdrawn');
    expect(mayQuote(all, false)).toBe(true);
    expect(mayQuote({ ...all, quoted: false }, false)).toBe(false);
    expect(mayQuote({ ...all, kept: false }, false)).toBe(false);
    expect(mayQuote(all, true)).toBe(false);
  });
  it('reads a code as typed from the card: case, dashes, spaces and look-alike letters', () => {
    expect(normaliseWithdrawalCode('ab0c-d1ef-ghjk')).toBe(normaliseWithdrawalCode('ABOC DIEF GHJK'));
    expect(normaliseWithdrawalCode('ab0c-dlef-ghjk')).toBe('AB0CD1EFGHJK');
  });
});
