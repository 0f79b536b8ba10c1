/**
 * Which way a language is written. Arabic, Farsi, Dari, Pashto, Sorani, Urdu and Hebrew are
 * written right to left; a page, a paragraph or a consent text in one of them carries
 * `dir="rtl"`, everything else `dir="ltr"`.
 */
export const RTL_LANGUAGES = ['ar', 'fa', 'prs', 'ps', 'ckb', 'ur', 'he'] as const;

export type TextDirection = 'rtl' | 'ltr';

/** Accepts a bare code (`ar`) or a tagged one (`fa-IR`), in any case. */
export const isRightToLeft = (language: string) =>
  (RTL_LANGUAGES as readonly string[]).includes(language.trim().toLowerCase().split(/[-_]/)[0] ?? '');

export const textDirection = (language: string): TextDirection => (isRightToLeft(language) ? 'rtl' : 'ltr');
