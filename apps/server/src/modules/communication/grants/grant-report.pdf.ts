import { formatDateTime } from '@vigie/domain';
import { renderTypstPdf } from '../../../platform/pdf/typst.js';
import { WORDS, reportNumber, type GrantReportContent } from './grant-report.words.js';

/**
 * The grant report in print (A4), typeset by Typst from data handed over as JSON (never spliced
 * into markup): the grant, the period, then one row per indicator — baseline, target, actual as
 * worded everywhere, source, and the reason when its source figure no longer exists.
 */
const TEMPLATE = String.raw`
#let d = json(bytes(sys.inputs.data))
#set document(title: d.title)
#set page(paper: "a4", flipped: true, margin: (x: 1.6cm, y: 1.8cm), footer: context [#text(size: 8pt, fill: gray)[#d.footer #h(1fr) #counter(page).display()]])
#set text(lang: d.lang, size: 9.5pt)
#set table(stroke: 0.4pt + gray, inset: 4pt)
#text(size: 18pt, weight: "bold")[#d.title]
#v(4pt)
#table(columns: (auto, 1fr), stroke: none, inset: 2pt, ..d.facts.flatten())
#v(6pt)
== #d.indicatorsHeading
#table(
  columns: (2.4fr, 0.8fr, 0.9fr, 0.9fr, 1fr, 2fr, 2.2fr),
  align: (left, left, right, right, right, left, left),
  table.header(repeat: true, ..d.columns.map(c => text(size: 8pt, strong(c)))),
  ..d.rows.flatten(),
)
#if d.rows.len() == 0 [#emph(d.none)]
#v(6pt)
#text(size: 8pt, fill: gray)[#d.minimumNote]
`;

export function grantReportPdf(c: GrantReportContent): Buffer {
  const w = WORDS[c.locale];
  const l = c.locale;
  const facts: string[][] = [
    [w.funder, c.funder], [w.amount, c.amount], [w.grantPeriod, c.grantPeriod], [w.period, `${c.periodLabel} (${c.period})`],
    ...(c.dueOn ? [[w.dueOn, c.dueOn]] : []), ...(c.objectives ? [[w.objectives, c.objectives]] : []),
  ];
  return renderTypstPdf(TEMPLATE, {
    lang: l, title: `${w.title} — ${c.title}`, facts, indicatorsHeading: w.indicators,
    columns: [w.indicator, w.unit, w.baseline, w.target, w.actual, w.source, w.note],
    rows: c.lines.map((x) => [x.name, x.unit, reportNumber(x.baseline, l), reportNumber(x.target, l), x.actualWords, x.source, x.note]),
    none: w.none, minimumNote: w.minimumNote,
    footer: `${w.generated} ${formatDateTime(c.generatedAt, l, { year: 'always' })}`,
  }, {}, c.generatedAt);
}
