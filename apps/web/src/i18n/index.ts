import i18next from 'i18next';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale } from '@vigie/domain/rules';
import type { Catalogue } from './catalogues.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
  }
}

/** Each language is its own chunk: only the one shown is downloaded (see catalogues.ts). */
const CATALOGUES: Record<Locale, () => Promise<Catalogue>> = {
  fr: () => import('./catalogue.fr.js').then((m) => m.fr),
  en: () => import('./catalogue.en.js').then((m) => m.en),
};

/** Makes a language's strings available; resolves at once when they already are. */
export async function loadCatalogue(locale: Locale): Promise<void> {
  if (i18next.hasResourceBundle(locale, 'translation')) return;
  i18next.addResourceBundle(locale, 'translation', await CATALOGUES[locale]());
}

const STORAGE_KEY = 'vigie.locale';
export const DEFAULT_LOCALE: Locale = 'fr';
export const UI_LOCALES: readonly Locale[] = ['fr', 'en'];

function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en';
}

function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

void i18next.init({
  lng: storedLocale(),
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: UI_LOCALES as Locale[],
  // Filled by loadCatalogue: `ready` below, before the first render; applyLocale on a switch.
  resources: {},
  initAsync: false,
  // Preact escapes text content itself; escaping here would double-encode apostrophes.
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18next.language;

export const i18n = i18next;
/** Resolves once the language this device shows has its strings: main.tsx renders after it. */
export const ready: Promise<void> = loadCatalogue(currentLocaleOf(i18next.language));

function currentLocaleOf(language: string | undefined): Locale {
  return isLocale(language) ? language : DEFAULT_LOCALE;
}
export const t = i18next.t.bind(i18next);

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : DEFAULT_LOCALE;
}

/** Switches the UI language, remembers it on this device and updates `<html lang>`. */
export async function applyLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private browsing can refuse storage; the switch still applies to this visit.
  }
  await loadCatalogue(locale);
  await i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
}

/**
 * A language chosen on this device that the account has not recorded yet (the PATCH may not
 * have reached the server before a reload, or the phone was offline). While it is pending, the
 * device's choice wins over the account's on the next session start.
 */
const PENDING_KEY = 'vigie.locale.pending';
export function markLocalePending(locale: Locale | null): void {
  try {
    if (locale) localStorage.setItem(PENDING_KEY, locale);
    else localStorage.removeItem(PENDING_KEY);
  } catch {
    // Without storage there is nothing to remember across reloads.
  }
}
export function pendingLocale(): Locale | null {
  try {
    const value = localStorage.getItem(PENDING_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

/** Components read the language through this context so that they re-render when it changes. */
export const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

export function useT(): typeof t {
  useContext(LocaleContext);
  return t;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}
