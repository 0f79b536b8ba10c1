import MarkdownIt from 'markdown-it';

/**
 * Markdown written by the association, shown to the public. markdown-it with `html: false`
 * escapes any raw HTML and refuses javascript:/data: links, so a posting cannot inject script
 * into the public page or the JSON-LD description.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

export function markdownToHtml(source: string): string {
  return md.render(source);
}
