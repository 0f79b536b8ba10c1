import { METRICS, ROUND_METRIC_CODES, annualPeriod, type AnnualReportRequest, type Figure, type Locale, type MetricCode, type RoundMetricCode } from '@vigie/domain';
import type { Trx } from '../../../platform/db/database.js';
import { figureNow, type StoredFigureReference } from '../statistics/figure-references.js';
import { computeBreakdown, type BreakdownRow } from '../statistics/statistics.breakdown.js';
import { computeSeries, computeSeriesFigures, computeSummary, type Summary } from '../statistics/statistics.service.js';

/**
 * Everything the annual report pack shows, read in one organisation-scoped transaction so the
 * workbook, the PDF and the charts all describe the same state of the data. Verified records
 * only: a report is published material.
 */
export const MONTHLY_METRICS = [
  'evictions', 'distinctSites', 'personsEvicted', 'unaccompaniedMinors', 'arrests', 'arrestsWithViolence',
  'itemsSeized', 'structuresDestroyed', 'incidentsViolence', 'incidentsObstruction', 'shelterOffered', 'socialAssessment', 'daysObserved',
] as const satisfies readonly MetricCode[];
export type MonthlyMetric = (typeof MONTHLY_METRICS)[number];

export type MonthRow = { month: string; figures: Record<MonthlyMetric, Figure> };

export type AnnualReportContent = {
  organisationName: string;
  locale: Locale;
  request: Required<Pick<AnnualReportRequest, 'year' | 'yearKind'>>;
  from: string; to: string;
  summary: Summary;
  months: MonthRow[];
  /** Evictions per month a year earlier, aligned on this period's months (year on year). */
  monthsYearBefore: Array<{ month: string; evictions: Figure }>;
  byArea: BreakdownRow[];
  byCommune: BreakdownRow[];
  items: BreakdownRow[];
  structures: BreakdownRow[];
  forces: BreakdownRow[];
  incidents: BreakdownRow[];
  legalBases: BreakdownRow[];
  /** The outreach rounds' figures of the year, each cited by its reference (the figure-reference service). */
  rounds: Array<{ metric: RoundMetricCode; reference: StoredFigureReference; figure: Figure }>;
};

export function metricLabel(code: MetricCode, locale: Locale): string {
  const metric = METRICS.find((m) => m.code === code)!;
  return locale === 'fr' ? metric.fr : metric.en;
}

export async function gatherAnnualReport(trx: Trx, organisationName: string, request: AnnualReportRequest, locale: Locale): Promise<AnnualReportContent> {
  const { from, to } = annualPeriod(request.year, request.yearKind);
  const filter = { from, to };
  const summary = await computeSummary(trx, filter);
  // Every monthly figure from one reading of the months (once per metric read the same cells 13 times).
  const monthly = await computeSeriesFigures(trx, filter, 'month');
  const keys = monthly.map((p) => p.key);
  const months = monthly.map((p) => ({
    month: p.key,
    figures: Object.fromEntries(MONTHLY_METRICS.map((m) => [m, { value: p.figures[m].value, atLeast: p.figures[m].atLeast }])) as Record<MonthlyMetric, Figure>,
  }));
  const before = await computeSeries(trx, summary.comparisons.yearBefore, 'month', 'evictions');
  const breakdown = (by: Parameters<typeof computeBreakdown>[2]) => computeBreakdown(trx, filter, by, locale);
  return {
    organisationName, locale, request: { year: request.year, yearKind: request.yearKind }, from, to, summary, months,
    monthsYearBefore: before.map((p, i) => ({ month: keys[i] ?? p.key, evictions: { value: p.value, atLeast: p.atLeast } })),
    byArea: await breakdown('area'),
    byCommune: await breakdown('commune'),
    items: await breakdown('itemType'),
    structures: await breakdown('structureType'),
    forces: await breakdown('forceCorps'),
    incidents: await breakdown('incidentType'),
    legalBases: await breakdown('legalBasis'),
    rounds: await roundsCited(trx, from, to),
  };
}

/** Rounds held, people met and each need over the whole organisation's year, by reference like any cited figure. */
async function roundsCited(trx: Trx, from: string, to: string): Promise<AnnualReportContent['rounds']> {
  const out: AnnualReportContent['rounds'] = [];
  for (const metric of ROUND_METRIC_CODES) {
    const reference: StoredFigureReference = { metric, from, to, areaCode: null, filters: {} };
    out.push({ metric, reference, figure: await figureNow(trx, reference) });
  }
  return out;
}
