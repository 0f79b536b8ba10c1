import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/**
 * The organisation's public pages (press releases, newsletter archive, and the like) are plain
 * server-rendered HTML that a WordPress site may frame. The app-wide headers forbid framing and
 * inline styles (observers' screens must not be clickjacked); a public page replaces them for
 * itself alone with a policy that allows no script at all, its one stylesheet by hash, images
 * from this server only when the page shows some, and framing by any site. Pages shown here hold
 * published material only and offer nothing to click that acts.
 */
export type PublicPageStyle = { css: string; csp: string };

export function publicPageStyle(css: string, options: { images?: boolean } = {}): PublicPageStyle {
  const hash = `sha256-${createHash('sha256').update(css).digest('base64')}`;
  const img = options.images ? "'self'" : "'none'";
  return { css, csp: `default-src 'none'; style-src '${hash}'; img-src ${img}; base-uri 'none'; form-action 'none'; frame-ancestors *` };
}

/** Sends a public page with its own policy in place of the app's "never framed". */
export function sendPublicPage(reply: FastifyReply, style: PublicPageStyle, html: string, headers: Record<string, string>) {
  reply.removeHeader('x-frame-options');
  return reply.headers({ ...headers, 'content-security-policy': style.csp }).type('text/html; charset=utf-8').send(html);
}

/**
 * Text written by people, on a page whose own language is French or English: `dir="auto"` lets
 * the browser set each paragraph right to left when it is written in Arabic, Farsi or another
 * right-to-left script, and left to right otherwise.
 */
export const AUTO_DIR = 'dir="auto"';
