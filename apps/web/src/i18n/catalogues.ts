/**
 * Every user-visible string of the web app, in French and English. The shared catalogue
 * (`fr.json`, `en.json`) holds the shell and the first poles; each later area keeps its own
 * pair of files under `messages/` (`<area>.fr.json`, `<area>.en.json`, one top-level key per
 * area) so that areas built side by side never edit the same file. Add a pair by spreading its
 * French file in `catalogue.fr.ts` and its English file in `catalogue.en.ts`; the parity check
 * below then covers it.
 *
 * The two languages are separate chunks, loaded on demand by `index.ts` (the active one before
 * the first render, the other on a switch): the catalogues are the largest part of the shell,
 * and a phone in the field needs one language (issue 16, the capture screens' 80 KB budget).
 */
import type { fr } from './catalogue.fr.js';
import type { en } from './catalogue.en.js';

export type { fr, en };
export type Catalogue = typeof fr;

// Compile-time parity check: both catalogues must have exactly the same keys.
type Assignable<A extends B, B> = A;
export type CataloguesHaveTheSameKeys = [Assignable<typeof en, typeof fr>, Assignable<typeof fr, typeof en>];
