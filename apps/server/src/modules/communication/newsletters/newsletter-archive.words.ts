import type { Locale } from '@vigie/domain';

/**
 * The wording of the public newsletter archive in both languages. The list page and the feed
 * follow the visitor's language (`?lang=` or the browser's); an issue page speaks the language
 * the issue was written in, whatever the visitor's.
 */
export const ARCHIVE_WORDS = {
  fr: {
    archiveTitle: (org: string) => `${org} — lettre d’information`,
    subscribe: 'S’inscrire',
    none: 'Aucun numéro envoyé pour l’instant.',
    feed: 'Flux Atom',
    otherLanguage: { label: 'English', lang: 'en' as Locale },
    latestBulletin: 'Dernier bulletin',
    allIssues: 'Tous les numéros',
    inLanguage: { fr: 'en français', en: 'en anglais' } as Record<Locale, string>,
  },
  en: {
    archiveTitle: (org: string) => `${org} — newsletter`,
    subscribe: 'Subscribe',
    none: 'No issue sent yet.',
    feed: 'Atom feed',
    otherLanguage: { label: 'Français', lang: 'fr' as Locale },
    latestBulletin: 'Latest bulletin',
    allIssues: 'All issues',
    inLanguage: { fr: 'in French', en: 'in English' } as Record<Locale, string>,
  },
} as const;
