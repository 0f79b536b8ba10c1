import { sql } from 'kysely';
import type { GroupKey, ScopedFilter } from './statistics.queries.js';

/**
 * A period of Paris days as the pre-aggregated cells hold it: its whole ISO weeks, calendar months
 * or calendar years, and the days left at either edge (`statistics.cells.ts` reads one range of
 * cells for each).
 */

export type Span = 'day' | 'week' | 'month';
export type Range = { span: Span | 'year'; from: string; to: string };

const dayOf = (d: string) => new Date(`${d}T00:00:00Z`);
const ymd = (d: Date) => d.toISOString().slice(0, 10);
function addDays(day: string, n: number): string {
  const d = dayOf(day);
  d.setUTCDate(d.getUTCDate() + n);
  return ymd(d);
}

/** The start of the week (Monday) or month holding a day, and the start of the next one. */
const unitStart = (day: string, unit: 'week' | 'month') => (unit === 'month' ? `${day.slice(0, 7)}-01` : addDays(day, -((dayOf(day).getUTCDay() + 6) % 7)));
const nextUnit = (start: string, unit: 'week' | 'month') => (unit === 'month' ? ymd(new Date(Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)), 1))) : addDays(start, 7));

/** The cells' span a grouping reads: days for days, weeks for weeks, months for anything else. */
export const unitOf = (key: GroupKey): Span => (key === 'day' ? 'day' : key === 'week' ? 'week' : 'month');

/** A period of days as its whole weeks or months and the days left at either edge. */
export function coverOf(from: string, to: string, unit: Span): Range[] {
  if (unit === 'day') return [{ span: 'day', from, to }];
  const first = unitStart(from, unit) === from ? from : nextUnit(unitStart(from, unit), unit);
  let last: string | undefined;
  for (let u = first; addDays(nextUnit(u, unit), -1) <= to; u = nextUnit(u, unit)) last = u;
  if (!last) return [{ span: 'day', from, to }];
  const ranges: Range[] = [{ span: unit, from: first, to: last }];
  if (from < first) ranges.push({ span: 'day', from, to: addDays(first, -1) });
  const end = addDays(nextUnit(last, unit), -1);
  if (end < to) ranges.push({ span: 'day', from: addDays(end, 1), to });
  return ranges;
}

const addMonths = (start: string, n: number) => ymd(new Date(Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)) - 1 + n, 1)));

/**
 * A period as its whole calendar years, the whole months left, and the days at its edges (the site
 * operation cells hold months and years; edge days are read from the evictions).
 */
export function yearCoverOf(from: string, to: string): Range[] {
  const ranges = coverOf(from, to, 'month');
  const months = ranges.find((r) => r.span === 'month');
  if (!months) return ranges;
  const days = ranges.filter((r) => r.span === 'day');
  const firstYear = months.from.slice(5, 7) === '01' ? months.from : `${Number(months.from.slice(0, 4)) + 1}-01-01`;
  const lastYear = months.to.slice(5, 7) === '12' ? `${months.to.slice(0, 4)}-01-01` : `${Number(months.to.slice(0, 4)) - 1}-01-01`;
  if (firstYear > lastYear) return ranges;
  const out: Range[] = [{ span: 'year', from: firstYear, to: lastYear }];
  if (months.from < firstYear) out.push({ span: 'month', from: months.from, to: addMonths(firstYear, -1) });
  const afterYears = `${Number(lastYear.slice(0, 4)) + 1}-01-01`;
  if (afterYears <= months.to) out.push({ span: 'month', from: afterYears, to: months.to });
  return [...out, ...days];
}

/** The last day of a range: of its last week, month or year. */
export function rangeEnd(r: Range): string {
  if (r.span === 'day') return r.to;
  if (r.span === 'year') return `${r.to.slice(0, 4)}-12-31`;
  return addDays(nextUnit(r.to, r.span), -1);
}

/**
 * The days of a period before a range of whole weeks, months or years within it and the days after:
 * each side one partial bucket of a series, or nothing.
 */
export function edgesAround(from: string, to: string, whole: Range): { from: string; to: string }[] {
  const end = rangeEnd(whole);
  return [
    ...(from < whole.from ? [{ from, to: addDays(whole.from, -1) }] : []),
    ...(end < to ? [{ from: addDays(end, 1), to }] : []),
  ];
}

/**
 * The week or month cells a stored range of periods is made from: its weeks or months, or the
 * months of its years (the cells hold no years). A stored count holds while none of them is unfolded.
 */
export const sourceCellsWhere = (r: Range) => (r.span === 'year'
  ? sql`(c.span = 'month' AND c.period >= ${r.from}::date AND c.period <= ${`${r.to.slice(0, 4)}-12-01`}::date)` : rangeWhere(r));

/** The one ISO week, calendar month or year a cover is, if it is one. */
export const onePeriod = (cover: Range[]): Range | undefined => (cover.length === 1 && cover[0]!.span !== 'day' && cover[0]!.from === cover[0]!.to ? cover[0] : undefined);

/**
 * One range of cells. A single period is asked as an equality, so that the planner knows an index
 * ordered by (span, period, …) gives its rows in the order of the columns after them.
 */
export const rangeWhere = (r: Range) => (r.from === r.to
  ? sql`(c.span = ${r.span} AND c.period = ${r.from}::date)` : sql`(c.span = ${r.span} AND c.period >= ${r.from}::date AND c.period <= ${r.to}::date)`);


/**
 * The period that figures made of evictions alone read for a filter. When no eviction of the
 * organisation, in any state, falls after the period's last day (`lastDay`), the period runs on to
 * the end of that day's year (for a period from a 1 January) or month: the records are the same,
 * so the figures are, and the cells stored for a whole year or month answer instead of the edge
 * days re-read from the records. "Cette année" and "ce mois-ci" end today: the common case (the
 * dashboard's year to date at a million evictions, docs/PERFORMANCE.md). Never for the incidents
 * or the rota's coverage: they have days of their own.
 */
export function cellsPeriod(f: ScopedFilter): ScopedFilter {
  if (f.lastDay === undefined || (f.lastDay !== null && f.lastDay > f.to)) return f;
  const month = `${f.to.slice(0, 7)}-01`;
  const end = f.from.endsWith('-01-01') ? `${f.to.slice(0, 4)}-12-31` : rangeEnd({ span: 'month', from: month, to: month });
  return end > f.to ? { ...f, to: end } : f;
}
