/** The grants' vocabulary, zod-free (the web imports it through `@vigie/domain/rules`). */

/**
 * Where an indicator's actual comes from: a statistics figure reference, a count Vigie keeps in
 * another communication module, or a value a person enters with its source ('manual').
 */
export const INDICATOR_SOURCES = [
  'statistics', 'bulletins_published', 'press_releases_sent', 'clippings', 'newsletter_subscribers', 'trainings_held', 'events_held', 'manual',
] as const;
export type IndicatorSource = (typeof INDICATOR_SOURCES)[number];

/** Why a computed actual could not be computed: its source figure no longer exists. */
export const INDICATOR_PROBLEMS = ['unknown_area', 'unknown_force', 'unknown_metric'] as const;
export type IndicatorProblem = (typeof INDICATOR_PROBLEMS)[number];

/** "12 500,00 €" / "€12,500.00": an amount in euro cents. */
export function formatEuros(cents: number, lang: 'fr' | 'en'): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}
