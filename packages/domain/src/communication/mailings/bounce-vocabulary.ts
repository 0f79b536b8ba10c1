/** The bounce types (no zod: the web's rules bundle imports these). */
export const BOUNCE_TYPES = ['invalid', 'host', 'quota', 'away', 'spam', 'relay', 'syntax', 'unknown'] as const;
export type BounceType = (typeof BOUNCE_TYPES)[number];
/** Types that suppress an address at the first hit when a person classifies a bounce by hand. */
export const HARD_BOUNCE_TYPES: readonly BounceType[] = ['invalid', 'host', 'spam', 'syntax'];
