import type { BulletinDocument } from '@vigie/domain';
import { escapeTypst as e, escapeTypstString } from './typst-escape.js';

/**
 * The bulletin as Typst source, print-ready on A4. Every piece of text goes through the
 * escaping function, generated sentences included: a site or area name is data too. No
 * justification and no hyphenation, so figures are never cut ("expul-sions") in print or in
 * the text a screen reader or pdftotext extracts.
 */
export function bulletinTypst(doc: BulletinDocument, photoFiles: string[]): string {
  const out: string[] = [
    `#set document(title: "${escapeTypstString(doc.title)}")`,
    `#set page(paper: "a4", margin: (x: 2.2cm, top: 2cm, bottom: 2.4cm), footer: align(center, text(size: 8pt, fill: rgb("#555555"))[${e(doc.footer)}]))`,
    `#set text(lang: "${doc.lang}", size: 10.5pt, hyphenate: false)`,
    '#set par(justify: false, leading: 0.6em)',
    '#show heading: set text(fill: rgb("#8a1c1c"))',
    '',
    `#text(size: 17pt, weight: "bold")[${e(doc.title)}]`,
    '',
    `#text(size: 12.5pt, weight: "bold")[${e(doc.headline)}]`,
    '',
    `#text(style: "italic")[${e(doc.intro)}]`,
    '',
    `#heading(level: 2)[${e(doc.figuresHeading)}]`,
    ...(doc.coverage ? [`${e(doc.coverage)}`, ''] : []),
    ...doc.figures.map((f) => `#list.item[${e(f)}]`),
    '',
    `#heading(level: 2)[${e(doc.factsHeading)}]`,
  ];
  for (const group of doc.factGroups) {
    out.push(`#heading(level: 3)[${e(group.heading)}]`, ...group.sentences.map((s) => `#list.item[${e(s)}]`), '');
  }
  if (doc.noFacts) out.push(`#par[${e(doc.noFacts)}]`, '');
  if (doc.context.length > 0) {
    out.push(`#heading(level: 2)[${e(doc.contextHeading)}]`, ...doc.context.map((p) => `#par[${e(p)}]`), '');
  }
  if (doc.quotes.length > 0) {
    out.push(`#heading(level: 2)[${e(doc.quotesHeading)}]`, ...doc.quotes.map((q) => `#pad(left: 1.2em)[#text(style: "italic")[${e(q)}]]`), '');
  }
  doc.photos.forEach((p, i) => {
    const caption = [p.caption, p.credit].filter(Boolean).map(e).join(' — ');
    out.push(`#figure(image("${photoFiles[i]}", width: 75%), caption: [${caption}])`, '');
  });
  if (doc.comparisonRows.length > 0) {
    out.push(
      `#heading(level: 2)[${e(doc.comparisonsHeading)}]`,
      '#table(columns: (2fr, 1fr, 1fr, 1fr), stroke: 0.4pt + rgb("#999999"), inset: 5pt,',
      `  ${doc.comparisonColumns.map((c) => `[*${e(c)}*]`).join(', ')},`,
      ...doc.comparisonRows.map((r) => `  ${r.map((c) => `[${e(c)}]`).join(', ')},`),
      ')',
    );
  }
  return `${out.join('\n')}\n`;
}
