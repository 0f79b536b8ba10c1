import { createHash } from 'node:crypto';
import { onFirstUse } from '../../../platform/on-first-use.js';

/**
 * An article page reduced to its readable text (Mozilla's Readability, the Firefox reader view,
 * on a linkedom document: no browser, no script run), with the SHA-256 of that text as proof
 * of what was published when it was found.
 */
export type ArticleText = { title: string | null; text: string; byline: string | null; canonical: string | null };

const MAX_TEXT = 200_000;

/** linkedom and Readability (about 25 MiB), loaded with the first feed or page read. */
export const loadHtmlTools = onFirstUse(async () => {
  const [{ parseHTML }, { Readability }] = await Promise.all([import('linkedom'), import('@mozilla/readability')]);
  return { parseHTML, Readability };
});
export type HtmlTools = Awaited<ReturnType<typeof loadHtmlTools>>;

export function htmlToText({ parseHTML }: HtmlTools, html: string): string {
  if (!html) return '';
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim();
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return (document.body?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export async function articleText(html: string, url: string): Promise<ArticleText | null> {
  const { parseHTML, Readability } = await loadHtmlTools();
  const { document } = parseHTML(html);
  const canonicalHref = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  let canonical: string | null = null;
  if (canonicalHref) { try { canonical = new URL(canonicalHref, url).toString(); } catch { canonical = null; } }
  const article = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
  if (!article?.textContent) return null;
  const text = article.textContent.replace(/[ \t\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '\n').replace(/\n{3,}/g, '\n\n').trim().slice(0, MAX_TEXT);
  if (!text) return null;
  return { title: article.title ?? null, text, byline: article.byline?.trim() || null, canonical };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
