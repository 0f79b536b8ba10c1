import type { ConsentText, TestimonyLanguage } from '../vocabulary.js';
import { textDirection, type TextDirection } from '../../../formats/text-direction.js';
import { CONSENT_TEXT_2026_12_V1 } from './2026-12-v1.js';


/** Every version ever shown, by version name; the newest is the one offered. */
export const CONSENT_TEXTS: Record<string, Partial<Record<string, ConsentText>>> = {
  '2026-12-v1': CONSENT_TEXT_2026_12_V1,
};
export const CURRENT_CONSENT_TEXT_VERSION = '2026-12-v1';

export type ShownConsentText = { language: TestimonyLanguage; dir: TextDirection; text: ConsentText };

/**
 * What the person is shown: the text in their language, or — while no translator has provided
 * one — French and English together, with `missing` set so the screen says it and someone
 * interprets. Never a guessed translation.
 */
export function consentTextsFor(language: TestimonyLanguage, version = CURRENT_CONSENT_TEXT_VERSION): { shown: ShownConsentText[]; missing: boolean } {
  const texts = CONSENT_TEXTS[version] ?? {};
  const own = texts[language];
  if (own) return { shown: [{ language, dir: textDirection(language), text: own }], missing: false };
  const fallback = (['fr', 'en'] as const).flatMap((l) => (texts[l] ? [{ language: l, dir: 'ltr' as const, text: texts[l]! }] : []));
  return { shown: fallback, missing: true };
}

/** A consent names a version that exists and a language that version has a text in. */
export function knownConsentText(version: string, shownIn: string): boolean {
  return Boolean(CONSENT_TEXTS[version]?.[shownIn]);
}
