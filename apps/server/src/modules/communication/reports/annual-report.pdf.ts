import { formatDate, formatDateTime, formatMonth, formatPercent, formatPeriod, formatQuantity, metricLabel as citableLabel, type Locale } from '@vigie/domain';
import { renderTypstPdf } from '../../../platform/pdf/typst.js';
import type { BreakdownRow } from '../statistics/statistics.breakdown.js';
import { MONTHLY_METRICS, metricLabel, type AnnualReportContent } from './annual-report.content.js';
import { WORDS, periodTitle, worded } from './annual-report.words.js';

/**
 * The print version of the pack (A4): headline figures with the year before, the tables and
 * the charts. Text is prepared here (wording, "au moins") and handed to Typst as data.
 */
type Table = { title: string; columns: string[]; rows: string[][] };

const TEMPLATE = String.raw`
#let d = json(bytes(sys.inputs.data))
#set document(title: d.title)
#set page(paper: "a4", margin: (x: 1.8cm, y: 2cm), footer: context [#text(size: 8pt, fill: gray)[#d.footer #h(1fr) #counter(page).display()]])
#set text(lang: d.lang, size: 9.5pt)
#set table(stroke: 0.4pt + gray, inset: 4pt)
#text(size: 20pt, weight: "bold")[#d.title]
#v(2pt)
#text(size: 12pt)[#d.subtitle]
#v(4pt)
#text(size: 9pt, fill: gray)[#d.source]
// Headings stick to the table that follows; the header row repeats on each page and is never
// left alone at a page end (Typst moves an orphaned header with its first row). Header cells
// are smaller and hyphenated so that long French labels wrap instead of running into the next.
#show heading: set block(sticky: true)
#for t in d.tables [
  == #t.title
  #table(
    columns: (2fr,) + range(t.columns.len() - 1).map(_ => 1fr),
    align: (left,) + range(t.columns.len() - 1).map(_ => right),
    table.header(repeat: true, ..t.columns.map(c => text(size: 8pt, hyphenate: true, strong(c)))),
    ..t.rows.flatten(),
  )
  #if t.rows.len() == 0 [#emph(d.none)]
]
#pagebreak()
== #d.chartsHeading
#for c in d.charts [
  #block(breakable: false)[#image(c, width: 100%)]
  #v(8pt)
]
`;

function breakdownTable(title: string, first: string, valueLabel: string, rows: BreakdownRow[], locale: Locale, withDays = false): Table {
  return {
    title,
    columns: [first, valueLabel, ...(withDays ? [WORDS[locale].days] : [])],
    rows: rows.map((r) => [r.label, worded(r, locale), ...(withDays ? [(r.days ?? []).map((d) => formatDate(d, locale, { now: new Date(`${d.slice(0, 4)}-07-01T12:00:00Z`) })).join(', ')] : [])]),
  };
}

export function annualReportPdf(c: AnnualReportContent, charts: Record<string, string>, generatedAt: Date): Buffer {
  const w = WORDS[c.locale];
  const l = c.locale;
  const before = c.summary.comparisons.yearBefore.figures;
  const headline: Table = {
    title: w.sheets.summary, columns: [w.figure, w.value, w.previousYear],
    rows: MONTHLY_METRICS.map((m) => [metricLabel(m, l), worded(c.summary.figures[m], l), worded(before[m], l)]),
  };
  const short = ['evictions', 'personsEvicted', 'arrests', 'itemsSeized', 'incidentsViolence', 'incidentsObstruction'] as const;
  const months: Table = {
    title: w.sheets.months, columns: [w.month, ...short.map((m) => metricLabel(m, l))],
    rows: c.months.map((m) => [formatMonth(m.month, l), ...short.map((k) => worded(m.figures[k], l))]),
  };
  const places = (title: string, first: string, rows: BreakdownRow[]): Table => ({
    title, columns: [first, ...short.map((m) => metricLabel(m, l))],
    rows: rows.map((r) => [r.label, ...short.map((k) => worded(r.figures?.[k], l))]),
  });
  const cov = c.summary.coverage;
  const coverage: Table = {
    title: w.coverage, columns: [w.coverage, w.value],
    rows: [
      [w.daysInPeriod, formatQuantity(cov.daysInPeriod, l)], [w.expectedDays, formatQuantity(cov.expectedDays, l)],
      [w.daysObserved, formatQuantity(cov.daysObserved, l)],
      [w.daysNotObserved, formatQuantity(cov.daysNotObserved, l)], [w.share, formatPercent(cov.share, l)],
      [w.hoursPerEviction, c.summary.rates.hoursPerEviction === null ? '—' : formatQuantity(c.summary.rates.hoursPerEviction, l)],
    ],
  };
  const rounds: Table = {
    title: w.rounds, columns: [w.figure, w.value],
    rows: c.rounds.map((r) => [citableLabel(r.metric, l), worded(r.figure, l)]),
  };
  const data = {
    lang: l,
    title: `${w.title} — ${c.organisationName}`,
    subtitle: `${periodTitle(l, c.request.year, c.request.yearKind)} (${formatPeriod(c.from, c.to, l)})`,
    source: `${w.source} ${w.generated} ${formatDateTime(generatedAt, l, { year: 'always' })}.`,
    footer: `Vigie — ${c.organisationName}`,
    none: w.none,
    chartsHeading: w.chartsHeading,
    tables: [
      headline, coverage, rounds, months,
      places(w.sheets.areas, w.area, c.byArea), places(w.sheets.communes, w.commune, c.byCommune),
      breakdownTable(w.sheets.items, w.item, w.count, c.items, l),
      breakdownTable(w.sheets.structures, w.structure, w.count, c.structures, l),
      breakdownTable(w.sheets.forces, w.force, w.evictions, c.forces, l),
      breakdownTable(w.sheets.incidents, w.incident, w.count, c.incidents, l, true),
      breakdownTable(w.sheets.legal, w.legalBasis, w.evictions, c.legalBases, l),
    ],
    charts: Object.keys(charts).map((name) => `charts/${name}.svg`),
  };
  const files = Object.fromEntries(Object.entries(charts).map(([name, svg]) => [`charts/${name}.svg`, Buffer.from(svg)]));
  return renderTypstPdf(TEMPLATE, data, files, generatedAt);
}
