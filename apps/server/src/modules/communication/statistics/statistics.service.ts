import { METRIC_CODES, coverageShare, figureOf, isMetricCode, roundFiguresOf, type MetricCode, type RoundFigures } from '@vigie/domain';
import { roundAggregate } from './round-figures.queries.js';
import type { Trx } from '../../../platform/db/database.js';
import { inline, type Fork } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { coverageDays } from './statistics.coverage.js';
import { assembleFigures, groupByKey } from './statistics.figures.js';
import { bucketKeys, bucketPeriod, daysInPeriod, hoursInPeriod, previousPeriod, yearBefore } from './statistics.period.js';
import {
  countedEvictionIds,  findArea, findCommune, findSite, findTerm, findingDays, incidentAggregates, 
  type Bucket, type ScopedFilter, filterOptions as filterOptionRows,
} from './statistics.queries.js';
import { evictionAggregates, statisticsState, tallyAggregates } from './statistics.cells.js';
import { forceCombinationCounts } from './statistics.force-cells.js';

/**
 * The statistics every other module reads: the dashboard, the monthly bulletin, the annual
 * report, the public page and the legal pole's pattern evidence. Functions here take an open
 * organisation-scoped transaction (`inOrganisation`), so a caller can combine them with its own
 * reads; see statistics.figures.ts for when a figure is a minimum ("au moins").
 */

/** A period of Europe/Paris days, both inclusive ('YYYY-MM-DD'), and optional narrowing. */
export type StatisticsFilter = {
  from: string; to: string; areaCode?: string; communeInsee?: string; siteId?: string; forceCorps?: string;
  /** Force corps all present / all absent at the eviction: "police nationale et BAC sans CRS" is present pn, bac and absent crs. */
  forcesPresent?: string[] | undefined; forcesAbsent?: string[] | undefined;
  /** Count drafts and submitted records too (never rejected ones): for coordinators checking a month before verifying. */
  includeDrafts?: boolean;
};
export type { Figure } from '@vigie/domain';
import type { Figure } from '@vigie/domain';
export type Figures = Record<MetricCode, Figure>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Fifty years: far more than any report needs, and a bound on what one request may scan. */
const MAX_DAYS = 18_300;

function checkDay(value: string, field: 'from' | 'to') {
  const date = new Date(`${value}T00:00:00Z`);
  if (!DAY.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new AppError('statistics.invalid_day', { field, value });
  }
}

/** Checks the filter's names against this organisation's data and turns them into ids. */
export async function scopeFilter(trx: Trx, filter: StatisticsFilter): Promise<ScopedFilter> {
  checkDay(filter.from, 'from');
  checkDay(filter.to, 'to');
  if (filter.to < filter.from) throw new AppError('statistics.range_reversed', { from: filter.from, to: filter.to });
  if (daysInPeriod(filter.from, filter.to) > MAX_DAYS) throw new AppError('statistics.range_too_long', { maxDays: MAX_DAYS });
  const scoped: ScopedFilter = { from: filter.from, to: filter.to, includeDrafts: filter.includeDrafts ?? false };
  if (filter.areaCode) {
    const area = await findArea(trx, filter.areaCode);
    if (!area) throw new AppError('statistics.unknown_area', { area: filter.areaCode });
    scoped.areaId = area.id;
  }
  if (filter.communeInsee) {
    if (!(await findCommune(trx, filter.communeInsee))) throw new AppError('statistics.unknown_commune', { commune: filter.communeInsee });
    scoped.communeInsee = filter.communeInsee;
  }
  if (filter.siteId) {
    if (!(await findSite(trx, filter.siteId))) throw new AppError('statistics.unknown_site', { site: filter.siteId });
    scoped.siteId = filter.siteId;
  }
  if (filter.forceCorps) {
    if (!(await findTerm(trx, 'force_corps', filter.forceCorps))) throw new AppError('statistics.unknown_force', { force: filter.forceCorps });
    scoped.forceCorps = filter.forceCorps;
  }
  for (const [key, list] of [['forcesPresent', filter.forcesPresent], ['forcesAbsent', filter.forcesAbsent]] as const) {
    if (!list?.length) continue;
    for (const corps of list) {
      if (!(await findTerm(trx, 'force_corps', corps))) throw new AppError('statistics.unknown_force', { force: corps });
    }
    scoped[key] = [...new Set(list)];
  }
  const present = [...(scoped.forcesPresent ?? []), ...(scoped.forceCorps ? [scoped.forceCorps] : [])];
  const both = present.find((c) => scoped.forcesAbsent?.includes(c));
  if (both) throw new AppError('statistics.force_present_and_absent', { force: both });
  // Last, once the filter is known to be valid: an eviction saved a moment ago and not yet in the cells is recounted;
  // a period that ends on or after the latest record reads whole months or years (`cellsPeriod`).
  Object.assign(scoped, await statisticsState(trx));
  return scoped;
}

export function checkMetric(code: string): MetricCode {
  if (!isMetricCode(code)) throw new AppError('statistics.unknown_metric', { metric: code, known: METRIC_CODES.join(', ') });
  return code;
}

type CoverageDays = Awaited<ReturnType<typeof coverageDays>>[number];

/**
 * Every figure for an already checked filter, and the rota's days it used (the summary shows them too: read once).
 * The four reads are independent: with a fork they run on several connections at once.
 */
async function figuresWithDays(trx: Trx, f: ScopedFilter, fork: Fork = inline(trx)): Promise<{ figures: Figures; days: CoverageDays | undefined }> {
  const [evictions, tallies, incidents, days] = await Promise.all([
    fork((t) => evictionAggregates(t, f, 'none')), fork((t) => tallyAggregates(t, f, 'none')),
    fork((t) => incidentAggregates(t, f, 'none')), fork((t) => coverageDays(t, f, 'none')),
  ]);
  const figures = assembleFigures({
    evictions: evictions[0], tallies, incidents, coverage: days[0] ?? { observedDays: 0, expectedDays: 0 },
  });
  return { figures, days: days[0] };
}

/** Every figure for an already checked filter. */
export async function figuresOf(trx: Trx, f: ScopedFilter, fork?: Fork): Promise<Figures> {
  return (await figuresWithDays(trx, f, fork)).figures;
}

/** Evictions by the combination of force corps present, each a figure under the one minimum rule. */
export async function computeForceCombinations(trx: Trx, filter: StatisticsFilter): Promise<Array<{ corps: string[]; figure: Figure }>> {
  const f = await scopeFilter(trx, filter);
  const coverage = (await coverageDays(trx, f, 'none'))[0] ?? { observedDays: 0, expectedDays: 0 };
  return (await forceCombinationCounts(trx, f)).map((r) => ({ corps: r.corps, figure: figureOf(r.evictions, {}, coverage) }));
}

/** The Paris days on which each yes/no finding was seen at a counted eviction (the bulletin's dated facts). */
export async function computeFindingDays(trx: Trx, filter: StatisticsFilter) {
  return findingDays(trx, await scopeFilter(trx, filter));
}

/**
 * The ids of the evictions the figures of a filter count (same rule, same notion of "in this
 * area": the site's area), in the order they happened: what an annex of records lists.
 */
export async function computeCountedEvictionIds(trx: Trx, filter: StatisticsFilter): Promise<string[]> {
  return countedEvictionIds(trx, await scopeFilter(trx, filter));
}

/** THE entry point for other modules: every metric for a period, each with its at-least flag. */
export async function computeFigures(trx: Trx, filter: StatisticsFilter): Promise<Figures> {
  return figuresOf(trx, await scopeFilter(trx, filter));
}

export type Rates = {
  /** "Une expulsion toutes les N heures": real hours in the period (DST-aware) over evictions; null without evictions. */
  hoursPerEviction: number | null;
  perDay: number; perWeek: number; perMonth: number;
  /** The rates are minimums when the eviction count is. */
  atLeast: boolean;
};

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function ratesOf(evictions: Figure, from: string, to: string): Rates {
  const days = daysInPeriod(from, to);
  const perDay = evictions.value / days;
  return {
    hoursPerEviction: evictions.value === 0 ? null : round(hoursInPeriod(from, to) / evictions.value, 1),
    perDay: round(perDay), perWeek: round(perDay * 7), perMonth: round(perDay * (365.25 / 12)),
    atLeast: evictions.atLeast,
  };
}

/**
 * Coverage of a period: days observed (an operation, or a shift's "rien à signaler") out of the
 * days the rota expected (every calendar day where an area has no rota rule). `share` is capped
 * at 1; `daysNotObserved` counts expected days nobody covered.
 */
export type Coverage = { daysInPeriod: number; expectedDays: number; daysObserved: number; daysNotObserved: number; share: number };

export async function coverageOfFilter(trx: Trx, f: ScopedFilter, known?: CoverageDays): Promise<Coverage> {
  const total = daysInPeriod(f.from, f.to);
  const row = known ?? (await coverageDays(trx, f, 'none'))[0] ?? { observedDays: 0, expectedDays: 0, missedDays: 0 };
  return {
    daysInPeriod: total, expectedDays: row.expectedDays, daysObserved: row.observedDays, daysNotObserved: row.missedDays,
    share: round(coverageShare(row), 3),
  };
}

/** Coverage for a filter: what the bulletin prints as "Jours d'observation : 28 sur 30". */
export async function computeCoverage(trx: Trx, filter: StatisticsFilter): Promise<Coverage> {
  return coverageOfFilter(trx, await scopeFilter(trx, filter));
}

/**
 * The outreach rounds' figures for a filter (rounds, people met, needs; domain round-metrics.ts).
 * Null when the filter narrows by forces: a round has none, so it can be neither in nor out.
 */
async function roundFiguresOfFilter(trx: Trx, f: ScopedFilter): Promise<RoundFigures | null> {
  if (f.forceCorps || f.forcesPresent?.length || f.forcesAbsent?.length) return null;
  return roundFiguresOf(await roundAggregate(trx, f));
}

/** THE entry point for the rounds' figures (the dashboard's; bulletins may cite them the same way). */
export async function computeRoundFigures(trx: Trx, filter: StatisticsFilter): Promise<RoundFigures | null> {
  return roundFiguresOfFilter(trx, await scopeFilter(trx, filter));
}

export type PeriodFigures = { from: string; to: string; figures: Figures };
export type Summary = {
  from: string; to: string; figures: Figures; coverage: Coverage; rates: Rates;
  /** The outreach rounds' own figures; null under a force filter. */
  rounds: RoundFigures | null;
  comparisons: { previousPeriod: PeriodFigures; yearBefore: PeriodFigures };
};

/**
 * Headline figures, coverage, rates, the outreach rounds' figures, and the same figures for the period before and a year before.
 * Three figure sets of a dozen independent reads: with a fork (the dashboard's), they run on several connections at once.
 */
export async function computeSummary(trx: Trx, filter: StatisticsFilter, fork: Fork = inline(trx)): Promise<Summary> {
  const f = await scopeFilter(trx, filter);
  const prev = previousPeriod(f.from, f.to);
  const year = yearBefore(f.from, f.to);
  // For a calendar year the period before is the year before: counted once.
  const sameAsPrev = year.from === prev.from && year.to === prev.to;
  const [{ figures, days }, prevFigures, yearFigures, rounds] = await Promise.all([
    figuresWithDays(trx, f, fork), figuresOf(trx, { ...f, ...prev }, fork),
    sameAsPrev ? undefined : figuresOf(trx, { ...f, ...year }, fork), fork((t) => roundFiguresOfFilter(t, f)),
  ]);
  return {
    from: f.from, to: f.to, figures,
    coverage: await coverageOfFilter(trx, f, days),
    rates: ratesOf(figures.evictions, f.from, f.to),
    rounds,
    comparisons: {
      previousPeriod: { ...prev, figures: prevFigures },
      yearBefore: { ...year, figures: yearFigures ?? prevFigures },
    },
  };
}

export type SeriesPoint = { key: string; from: string; to: string; value: number; atLeast: boolean };

/** One metric per day, week, month or year; every bucket of the period is present, zeros included. */
export async function computeSeries(trx: Trx, filter: StatisticsFilter, bucket: Bucket, metricCode: string, fork?: Fork): Promise<SeriesPoint[]> {
  const metric = checkMetric(metricCode);
  return (await computeSeriesFigures(trx, filter, bucket, fork)).map(({ figures, ...point }) => ({ ...point, ...figures[metric] }));
}

/** Every figure per bucket: the public page's suppression needs all metrics of a year at once. */
export async function computeSeriesFigures(trx: Trx, filter: StatisticsFilter, bucket: Bucket, fork: Fork = inline(trx)) {
  const f = await scopeFilter(trx, filter);
  const keys = bucketKeys(f.from, f.to, bucket);
  if (keys.length > 3700) throw new AppError('statistics.too_many_points', { count: keys.length, max: 3700 });
  // Each part of the period read on its own (`seriesParts`), its four reads side by side with a fork.
  const reads = await Promise.all(seriesParts(f.from, f.to, bucket, keys).map(async ({ from, to, group, key }) => {
    const pf = { ...f, from, to };
    const keyed = <R extends { key: string }>(rows: R[]): R[] => (key === undefined ? rows : rows.map((r) => ({ ...r, key })));
    return Promise.all([
      fork(async (t) => keyed(await evictionAggregates(t, pf, group))), fork(async (t) => keyed(await tallyAggregates(t, pf, group))),
      fork(async (t) => keyed(await incidentAggregates(t, pf, group))), fork(async (t) => keyed(await coverageDays(t, pf, group))),
    ]);
  }));
  const [evictions, tallies, incidents, days] = [reads.flatMap((r) => r[0]), reads.flatMap((r) => r[1]), reads.flatMap((r) => r[2]), reads.flatMap((r) => r[3])];
  // Indexed once: searching every list for each of up to 3,700 buckets was quadratic.
  const evictionsByKey = new Map(evictions.map((r) => [r.key, r]));
  const talliesByKey = groupByKey(tallies);
  const incidentsByKey = groupByKey(incidents);
  const daysByKey = new Map(days.map((r) => [r.key, r]));
  return keys.map((key) => {
    const period = bucketPeriod(key, bucket, f.from, f.to);
    const figures = assembleFigures({
      evictions: evictionsByKey.get(key),
      tallies: talliesByKey.get(key) ?? [],
      incidents: incidentsByKey.get(key) ?? [],
      coverage: daysByKey.get(key) ?? { observedDays: 0, expectedDays: 0 },
    });
    return { key, ...period, figures };
  });
}

/**
 * The parts of a series' period read apart. A bucket that is only part of the period's first or last year (this year to
 * date, the last twelve months by year) is that part's one figure set: read as a period's total, which the sums and counts
 * stored per place and per month answer, then keyed by its bucket (`key`). Read as a series, such a partial year took every
 * site's cells of its months: 150–200 ms for the Calaisis' year to date at a million evictions, ≈ 20 ms this way. Whole
 * years, and every week, month or day, are read as the series they are.
 */
function seriesParts(from: string, to: string, bucket: Bucket, keys: string[]): { from: string; to: string; group: Bucket | 'none'; key?: string }[] {
  if (keys.length === 1) return [{ from, to, group: 'none', key: keys[0]! }];
  if (bucket !== 'year') return [{ from, to, group: bucket }];
  const [first, last] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))];
  const head = from.endsWith('-01-01') ? undefined : { from, to: `${first}-12-31`, group: 'none' as const, key: keys[0]! };
  const tail = to.endsWith('-12-31') ? undefined : { from: `${last}-01-01`, to, group: 'none' as const, key: keys[keys.length - 1]! };
  const whole = { from: head ? `${first + 1}-01-01` : from, to: tail ? `${last - 1}-12-31` : to, group: 'year' as const };
  return [...(head ? [head] : []), ...(whole.from <= whole.to ? [whole] : []), ...(tail ? [tail] : [])];
}

/** The values a dashboard filter offers (areas, sites, forces…), from the statistics' own reading of the data. */
export async function filterOptions(trx: Trx) {
  return filterOptionRows(trx);
}
