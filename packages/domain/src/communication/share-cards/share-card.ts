import { z } from 'zod';
import { figureReferenceInputSchema } from '../press-releases/press-release.js';

/**
 * Share cards: a figure (or a bulletin's headline figure) as an image sized for the networks,
 * with the organisation's name, colours and logo — what the team made in Canva. The figure is
 * worded as everywhere else (`wordFigure`, "au moins", the period), never typed by hand.
 */
export const SHARE_CARD_SIZES = {
  square: { width: 1080, height: 1080 },
  portrait: { width: 1080, height: 1350 },
  landscape: { width: 1200, height: 675 },
} as const;
export type ShareCardSize = keyof typeof SHARE_CARD_SIZES;
export const SHARE_CARD_SIZE_NAMES = Object.keys(SHARE_CARD_SIZES) as ShareCardSize[];

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour as #RRGGBB').transform((s) => s.toLowerCase());

export const shareCardOptionsSchema = z.strictObject({
  lang: z.enum(['fr', 'en']).default('fr'),
  size: z.enum(['square', 'portrait', 'landscape']).default('square'),
  format: z.enum(['png', 'svg']).default('png'),
});
export const figureShareCardQuerySchema = shareCardOptionsSchema.extend(figureReferenceInputSchema.shape);
export type FigureShareCardQuery = z.infer<typeof figureShareCardQuerySchema>;

export const brandingInputSchema = z.strictObject({
  primaryColour: hexColour,
  accentColour: hexColour,
  /** A PNG, JPEG or SVG logo as base64; null removes it; absent keeps the current one. */
  logo: z.strictObject({ contentType: z.enum(['image/png', 'image/jpeg', 'image/svg+xml']), base64: z.string().max(700_000) }).nullable().optional(),
});
export type BrandingInput = z.infer<typeof brandingInputSchema>;
export const brandingViewSchema = z.object({
  organisationName: z.string(), primaryColour: z.string(), accentColour: z.string(), hasLogo: z.boolean(),
});
export type BrandingView = z.infer<typeof brandingViewSchema>;
export const DEFAULT_BRANDING = { primaryColour: '#1d3557', accentColour: '#e63946' } as const;

/**
 * Splits text into lines of at most `maxChars` characters, on spaces (a longer word stays
 * whole), and at most `maxLines` lines, the last one ending with "…" when text was left out.
 */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (let i = 0; i < words.length; i += 1) {
    const w = words[i]!;
    const next = current ? `${current} ${w}` : w;
    if (next.length <= maxChars || !current) { current = next; continue; }
    lines.push(current);
    current = w;
    if (lines.length === maxLines) { current = ''; lines[maxLines - 1] = `${lines[maxLines - 1]!.replace(/[.,;:]?$/, '')}…`; break; }
  }
  if (current && lines.length < maxLines) lines.push(current);
  return lines;
}
