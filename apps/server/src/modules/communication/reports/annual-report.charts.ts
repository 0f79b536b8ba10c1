import type { ChartSpec } from '../charts/index.js';
import type { BreakdownRow } from '../statistics/statistics.breakdown.js';
import type { AnnualReportContent } from './annual-report.content.js';
import { WORDS, periodTitle } from './annual-report.words.js';

/** The pack's charts, as specs the charts module draws (SVG, PNG) and lists (CSV). */
export type NamedChart = { name: string; spec: ChartSpec };

export function annualCharts(c: AnnualReportContent): NamedChart[] {
  const w = WORDS[c.locale];
  const period = periodTitle(c.locale, c.request.year, c.request.yearKind);
  const yLabel = (base: string, atLeast: boolean) => (atLeast ? `${base} (${w.atLeast})` : base);
  const bars = (name: keyof typeof w.charts, xLabel: string, base: string, rows: BreakdownRow[]): NamedChart => ({
    name,
    spec: {
      kind: 'barHorizontal', title: `${w.charts[name]} — ${period}`, xLabel, yLabel: yLabel(base, rows.some((r) => r.atLeast)),
      locale: c.locale, data: rows.map((r) => ({ x: r.label, y: r.value })),
    },
  });
  const previousLabel = w.previousYear;
  // Each chart of the pack is also a file of its own: it names its source, like the dashboard's.
  const source = c.locale === 'fr' ? `Source : ${c.organisationName}` : `Source: ${c.organisationName}`;
  const charts: NamedChart[] = [
    {
      name: 'evictionsByMonth',
      spec: {
        kind: 'line', title: `${w.charts.evictionsByMonth} — ${period}`, xLabel: w.month,
        yLabel: yLabel(w.evictions, c.months.some((m) => m.figures.evictions.atLeast) || c.monthsYearBefore.some((m) => m.evictions.atLeast)),
        locale: c.locale,
        data: [
          ...c.months.map((m) => ({ x: m.month, y: m.figures.evictions.value, series: period })),
          ...c.monthsYearBefore.map((m) => ({ x: m.month, y: m.evictions.value, series: previousLabel })),
        ],
      },
    },
    {
      name: 'personsByMonth',
      spec: {
        kind: 'bar', title: `${w.charts.personsByMonth} — ${period}`, xLabel: w.month,
        yLabel: yLabel(w.count, c.months.some((m) => m.figures.personsEvicted.atLeast)), locale: c.locale,
        data: c.months.map((m) => ({ x: m.month, y: m.figures.personsEvicted.value })),
      },
    },
    bars('byCommune', w.commune, w.evictions, c.byCommune),
    bars('items', w.item, w.count, c.items),
    bars('forces', w.force, w.evictions, c.forces),
    bars('incidents', w.incident, w.count, c.incidents),
  ];
  return charts.map((chart) => ({ ...chart, spec: { ...chart.spec, source } }));
}
