/** The needs an outreach round records as aggregates (kept apart from the zod schemas for the rules bundle). */
export const ROUND_NEEDS = ['food', 'water', 'medical', 'clothes', 'legalInformation'] as const;
export type RoundNeed = (typeof ROUND_NEEDS)[number];
