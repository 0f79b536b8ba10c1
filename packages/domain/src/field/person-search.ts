import { z } from 'zod';

/**
 * The party picker of a legal case: pseudonymous persons found by their pseudonym, each with where
 * they appear (the latest incidents naming them), since "Homme 1" is rarely unique. Identities are
 * never searched nor shown here: they stay behind identities.read on the person.
 */
export const personSearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(60),
});
export type PersonSearchQuery = z.infer<typeof personSearchQuerySchema>;

const appearance = z.object({
  incidentId: z.string(), evictionId: z.string(), at: z.string(),
  site: z.object({ id: z.string(), code: z.string(), name: z.string() }),
});

export const personSearchViewSchema = z.object({
  persons: z.array(z.object({
    id: z.string(), pseudonym: z.string(), minor: z.boolean().nullable(),
    /** How many incidents name them, and the latest three. */
    incidentCount: z.number(), appearances: z.array(appearance),
  })),
});
export type PersonSearchView = z.infer<typeof personSearchViewSchema>;
