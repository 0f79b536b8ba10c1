import type { BulletinDocument } from '@vigie/domain';

/**
 * The bulletin as Markdown (CommonMark + GFM tables) for a website editor or a newsletter tool.
 * Characters that would become formatting are escaped; photos are referenced by file name
 * (photo-1.jpg…), the names the HTML and PDF exports use for the same publication copies.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`)
    // At a line's start these would open a heading, a list, a quote or a numbered list.
    .replace(/^([#+\->])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

export function bulletinMarkdown(doc: BulletinDocument, photoFiles: string[]): string {
  const m = escapeMarkdown;
  const out: string[] = [`# ${m(doc.title)}`, '', `**${m(doc.headline)}**`, '', `*${m(doc.intro)}*`, '', `## ${m(doc.figuresHeading)}`, ''];
  if (doc.coverage) out.push(m(doc.coverage), '');
  out.push(...doc.figures.map((f) => `- ${m(f)}`), '', `## ${m(doc.factsHeading)}`, '');
  for (const g of doc.factGroups) out.push(`### ${m(g.heading)}`, '', ...g.sentences.map((s) => `- ${m(s)}`), '');
  if (doc.noFacts) out.push(m(doc.noFacts), '');
  if (doc.context.length > 0) out.push(`## ${m(doc.contextHeading)}`, '', ...doc.context.flatMap((p) => [m(p), '']));
  if (doc.quotes.length > 0) out.push(`## ${m(doc.quotesHeading)}`, '', ...doc.quotes.flatMap((q) => [`> ${m(q)}`, '']));
  doc.photos.forEach((p, i) => {
    out.push(`![${m(p.caption)}](${photoFiles[i]})`, '', `*${[p.caption, p.credit].filter(Boolean).map(m).join(' — ')}*`, '');
  });
  if (doc.comparisonRows.length > 0) {
    out.push(`## ${m(doc.comparisonsHeading)}`, '', `| ${doc.comparisonColumns.map(m).join(' | ')} |`, `|${' --- |'.repeat(4)}`,
      ...doc.comparisonRows.map((r) => `| ${r.map(m).join(' | ')} |`), '');
  }
  out.push('---', '', m(doc.footer), '');
  return out.join('\n');
}
