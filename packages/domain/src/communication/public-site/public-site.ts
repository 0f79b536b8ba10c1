import { z } from 'zod';

/**
 * The organisation's public site index (`GET /api/public/<slug>`): every public page by a stable
 * name, its absolute address, and what a website can do with it — frame it (an iframe WordPress
 * accepts), follow it as a feed (WordPress's RSS block), read it as data, or only link to it.
 */
export const publicPageKindSchema = z.enum(['frame', 'feed', 'data', 'link']);
export type PublicPageKind = z.infer<typeof publicPageKindSchema>;

export const publicSiteIndexSchema = z.object({
  organisation: z.string(),
  pages: z.record(z.string(), z.string()),
  kinds: z.record(z.string(), publicPageKindSchema),
});
export type PublicSiteIndex = z.infer<typeof publicSiteIndexSchema>;
