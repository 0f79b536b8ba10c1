import { onFirstUse } from '../../../platform/on-first-use.js';

/**
 * Markdown written by the association, shown to the public. markdown-it with `html: false`
 * escapes any raw HTML and refuses javascript:/data: links, so a posting cannot inject script
 * into the public page or the JSON-LD description. Loaded on the first public posting page
 * (markdown-it, its entity table and linkify's Unicode patterns: ≈ 3 MiB an idle server need not hold).
 */
const renderer = onFirstUse(async () => {
  const { default: MarkdownIt } = await import('markdown-it');
  return new MarkdownIt({ html: false, linkify: true, typographer: false });
});

/** A function from Markdown to HTML, once markdown-it is loaded. */
export async function markdownRenderer(): Promise<(source: string) => string> {
  const md = await renderer();
  return (source) => md.render(source);
}
