import { textDirection, type BulletinDocument } from '@vigie/domain';

/**
 * The bulletin as one self-contained HTML file for the website: styles inline, photos as
 * data: URIs, no script, no outside resource. Every text is escaped; nothing a person typed
 * can become markup.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const STYLE = `
body{margin:0;background:#fff;color:#1d1d1d;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.vigie-bulletin{max-width:46rem;margin:0 auto;padding:2rem 1.25rem}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 .75rem}
h2{color:#8a1c1c;font-size:1.2rem;margin:2rem 0 .5rem}
h3{font-size:1rem;margin:1.25rem 0 .25rem}
.headline{font-size:1.2rem;font-weight:700}
.intro{font-style:italic}
figure{margin:1.5rem 0}
img{max-width:100%;height:auto}
figcaption{font-size:.875rem;color:#444}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:start}
footer{margin-top:2.5rem;font-size:.8rem;color:#555}
`.trim();

export function bulletinHtml(doc: BulletinDocument, photoSrc: string[]): string {
  const h = escapeHtml;
  const lines: string[] = [
    '<!doctype html>',
    `<html lang="${doc.lang}" dir="${textDirection(doc.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(doc.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<article class="vigie-bulletin">',
    '<header>',
    `<h1>${h(doc.title)}</h1>`,
    `<p class="headline">${h(doc.headline)}</p>`,
    '</header>',
    `<p class="intro">${h(doc.intro)}</p>`,
    '<section class="figures">',
    `<h2>${h(doc.figuresHeading)}</h2>`,
    ...(doc.coverage ? [`<p class="coverage">${h(doc.coverage)}</p>`] : []),
    '<ul>',
    ...doc.figures.map((f) => `<li>${h(f)}</li>`),
    '</ul>',
    '</section>',
    '<section class="facts">',
    `<h2>${h(doc.factsHeading)}</h2>`,
  ];
  for (const g of doc.factGroups) lines.push(`<h3>${h(g.heading)}</h3>`, '<ul>', ...g.sentences.map((s) => `<li>${h(s)}</li>`), '</ul>');
  if (doc.noFacts) lines.push(`<p>${h(doc.noFacts)}</p>`);
  lines.push('</section>');
  if (doc.context.length > 0) {
    lines.push('<section class="context">', `<h2>${h(doc.contextHeading)}</h2>`, ...doc.context.map((p) => `<p>${h(p)}</p>`), '</section>');
  }
  if (doc.quotes.length > 0) {
    // dir="auto": an excerpt in Arabic or Farsi reads right to left inside a French bulletin.
    lines.push('<section class="quotes">', `<h2>${h(doc.quotesHeading)}</h2>`, ...doc.quotes.map((q) => `<blockquote dir="auto">${h(q)}</blockquote>`), '</section>');
  }
  if (doc.photos.length > 0) {
    lines.push('<section class="photos">');
    doc.photos.forEach((p, i) => {
      lines.push('<figure>', `<img src="${h(photoSrc[i]!)}" alt="${h(p.caption)}">`,
        `<figcaption>${p.caption ? `${h(p.caption)} — ` : ''}${h(p.credit)}</figcaption>`, '</figure>');
    });
    lines.push('</section>');
  }
  if (doc.comparisonRows.length > 0) {
    lines.push('<section class="comparisons">', `<h2>${h(doc.comparisonsHeading)}</h2>`, '<table>',
      `<thead><tr>${doc.comparisonColumns.map((c) => `<th scope="col">${h(c)}</th>`).join('')}</tr></thead>`, '<tbody>',
      ...doc.comparisonRows.map(([label, ...cells]) => `<tr><th scope="row">${h(label)}</th>${cells.map((c) => `<td>${h(c)}</td>`).join('')}</tr>`),
      '</tbody>', '</table>', '</section>');
  }
  lines.push(`<footer>${h(doc.footer)}</footer>`, '</article>', '</body>', '</html>');
  return `${lines.join('\n')}\n`;
}
