import { stringify } from 'csv-stringify/sync';
import { neutralise } from '../../../platform/csv/formula.js';
import { publicPageStyle } from '../../../platform/http/public-page.js';
import { formatMonth, formatPeriod, textDirection } from '@vigie/domain/rules';
import type { Locale } from '@vigie/domain';
import type { PublicStatistics } from './public-statistics.service.js';

/**
 * The public page an organisation embeds in its website by iframe: plain HTML, no script, one
 * inline style allowed by its hash. It is the only page that may be framed by other sites
 * (frame-ancestors *): it shows published aggregates only and offers nothing to click on.
 */
const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1b1b1b;background:#fff}
h1{font-size:1.25rem;margin:0 0 .25rem}p.period{margin:0 0 1rem;color:#444}
table{border-collapse:collapse;width:100%;margin-bottom:1.25rem}th,td{text-align:start;padding:.35rem .5rem;border-bottom:1px solid #ddd}
td.n{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}caption{text-align:start;font-weight:600;padding:.25rem 0}
footer{font-size:.85rem;color:#555}`;

export const STATISTICS_PAGE_STYLE = publicPageStyle(STYLE);

const WORDS = {
  fr: {
    title: 'Observations des expulsions', figure: 'Indicateur', value: 'Nombre',
    months: 'Expulsions par mois', month: 'Mois', areas: 'Expulsions par secteur', area: 'Secteur',
    note: (n: number) => `Chiffres minimaux (« au moins ») : les observateur·ices sont souvent tenu·es à l'écart. Les nombres inférieurs à ${n} sont affichés « < ${n} », et d'autres sont « masqués » quand une soustraction permettrait de les retrouver.`,
    generated: 'Données vérifiées au',
  },
  en: {
    title: 'Eviction observations', figure: 'Figure', value: 'Number',
    months: 'Evictions per month', month: 'Month', areas: 'Evictions per area', area: 'Area',
    note: (n: number) => `Minimum figures ("at least"): observers are often kept away. Numbers below ${n} are shown as "< ${n}", and others are "hidden" where a subtraction would give them back.`,
    generated: 'Verified data as of',
  },
} as const;

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase('fr') + s.slice(1);
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderPublicPage(s: PublicStatistics, locale: Locale): string {
  const w = WORDS[locale];
  const row = (label: string, display: string) => `<tr><th scope="row">${escapeHtml(label)}</th><td class="n">${escapeHtml(display)}</td></tr>`;
  const table = (caption: string, head: string, rows: string[]) => rows.length === 0 ? '' :
    `<table><caption>${escapeHtml(caption)}</caption><thead><tr><th scope="col">${escapeHtml(head)}</th><th scope="col" class="n">${escapeHtml(w.value)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  return `<!doctype html>
<html lang="${locale}" dir="${textDirection(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(`${w.title} — ${s.organisation}`)}</title><style>${STYLE}</style></head>
<body><main>
<h1>${escapeHtml(`${w.title} — ${s.organisation}`)}</h1>
<p class="period">${escapeHtml(capitalise(formatPeriod(s.from, s.to, locale)))}</p>
<p class="coverage">${escapeHtml(s.coverage.display)}</p>
${table(w.title, w.figure, s.figures.map((f) => row(f.label, f.display)))}
${table(w.months, w.month, s.byMonth.map((m) => row(capitalise(formatMonth(m.month, locale)), m.display)))}
${table(w.areas, w.area, s.byArea.map((a) => row(a.area, a.display)))}
<footer><p>${escapeHtml(w.note(s.threshold))}</p><p>${escapeHtml(`${w.generated} ${s.generatedAt.slice(0, 10)}`)}</p></footer>
</main></body></html>`;
}

/** One row per figure, then per month and per area; suppressed values are written "< N" or "masqué". */
export function publicCsv(s: PublicStatistics, locale: Locale): string {
  const header = locale === 'fr' ? ['section', 'clé', 'libellé', 'valeur', 'au_moins'] : ['section', 'key', 'label', 'value', 'at_least'];
  const rows = [
    ...s.figures.map((f) => ['figure', f.code, f.label, f.value === null ? f.display : String(f.value), String(f.atLeast)]),
    ...s.byMonth.map((m) => ['month', m.month, m.month, m.value === null ? m.display : String(m.value), String(m.atLeast)]),
    ...s.byArea.map((a) => ['area', a.area, a.area, a.value === null ? a.display : String(a.value), String(a.atLeast)]),
  ];
  // Area names and labels are typed by people: neutralised against formulas like every export.
  return stringify([header, ...rows.map(([section, key, label, value, atLeast]) => [section!, neutralise(key!), neutralise(label!), value!, atLeast!])]);
}
