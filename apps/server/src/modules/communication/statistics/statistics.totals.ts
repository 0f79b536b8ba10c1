import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import { coverOf, edgesAround, onePeriod, rangeWhere, unitOf, yearCoverOf, type Range } from './statistics.cover.js';
import { storedCorpsOperationCounts, storedCorpsSeriesCounts } from './statistics.place-counts.js';
import {
  CELL_FIGURES, bucketOf, cellForcesWhere, type EvictionAggregate, type GroupKey, type ScopedFilter,
} from './statistics.queries.js';

/**
 * Evictions without a place: a series or a whole period read from the totals without a site and the
 * distinct sites and operations per bucket (`statistics.cells.ts` decides when they answer).
 */

/** The groupings the totals without a site answer when no place filters: time buckets, or the whole period ('none'). */
export type TotalsKey = 'none' | 'day' | 'week' | 'month' | 'year';
export const fromTotals = (key: GroupKey): key is TotalsKey => key === 'none' || key === 'day' || key === 'week' || key === 'month' || key === 'year';
/** A bucket's key from its first day ('' for the whole period). */
const totalsKey = (key: TotalsKey, bucket: RawBuilder<unknown>) => (key === 'none' ? sql<string>`''` : bucketOf(bucket, key));

/**
 * The tables a series or a whole period without a place reads: every sum without the site, evictions
 * per site (distinct sites) and per operation (distinct operations). With a force filter, the same
 * three keyed by force combination too (migration 20l-01): a year is 12 months × the combinations.
 */
export type Family = { sums: RawBuilder<unknown>; sites: RawBuilder<unknown>; operations: RawBuilder<unknown> };
export const PLAIN: Family = { sums: sql`statistics_totals`, sites: sql`statistics_cells`, operations: sql`statistics_operation_cells` };
export const COMBINATION: Family = {
  sums: sql`statistics_combination_totals`, sites: sql`statistics_combination_site_cells`, operations: sql`statistics_combination_operation_cells`,
};

/**
 * A series or a whole period without a place (migrations 20g-01, 20j-01): the sums from the totals without a site
 * (a year: 12 month or 53 week rows and the days at its edges, instead of ≈ 4,800 site × month or
 * ≈ 19,000 site × week cells of 34 sums scattered over as many heap pages), distinct sites from
 * the site cells' index alone (it includes the evictions) and distinct operations from the
 * operation cells' index alone. Each of the period's ranges (its whole weeks or months, the days
 * at either edge) is its own index scan: an OR of the ranges is a bitmap scan, which reads the
 * heap even where the index covers the query.
 */
export async function totalsAggregates(db: Executor, f: ScopedFilter, key: TotalsKey, family: Family): Promise<EvictionAggregate[]> {
  const [sums, distinct] = [await sql<Omit<EvictionAggregate, 'operations' | 'sites'>>`
    SELECT ${totalsKey(key, sql`x.bucket`)} AS key, sum(evictions)::bigint AS evictions, sum(not_full) > 0 AS not_full, sum(quick) > 0 AS quick, ${sql.join(CELL_FIGURES)}
    FROM (${timeRanges(f, key, family.sums, sql`c.*`)}) x
    GROUP BY x.bucket HAVING sum(evictions) > 0`.execute(db), await totalsDistinct(db, f, key, family)];
  return sums.rows.map((r) => ({ ...r, sites: distinct.sites.get(r.key) ?? 0, operations: distinct.operations.get(r.key) ?? 0 } as EvictionAggregate));
}

/**
 * Distinct sites and operations per bucket without a place. Without a force filter or where one
 * corps was present, from the counts the fold stores when they hold: a weekly or monthly series'
 * whole weeks or months (migrations 20p-03, 20q-03; the edge days, partial buckets of their own,
 * from the cells), and a whole calendar month or year; else, where one corps was present, the whole
 * period's operations for a calendar month or year (20p-01). Else from the cells.
 */
async function totalsDistinct(db: Executor, f: ScopedFilter, key: TotalsKey, family: Family): Promise<{ sites: Map<string, number>; operations: Map<string, number> }> {
  // The whole period when it is one calendar month or year: its stored counts alone (20q-03).
  const only = key === 'none' ? onePeriod(yearCoverOf(f.from, f.to)) : undefined;
  const counted = only ? await storedCorpsSeriesCounts(db, f, 'none', only) : undefined;
  if (counted) return counted;
  const cover = coverOf(f.from, f.to, unitOf(key));
  const whole = key === 'week' || key === 'month' ? cover.find((r) => r.span === key) : undefined;
  const stored = whole ? await storedCorpsSeriesCounts(db, f, key as 'week' | 'month', whole) : undefined;
  if (stored) {
    const edges = cover.filter((r) => r.span === 'day');
    if (edges.length) {
      for (const [bucket, n] of await seriesDistinct(db, f, key, family, 'site', edges)) stored.sites.set(bucket, n);
      for (const [bucket, n] of await seriesDistinct(db, f, key, family, 'operation', edges)) stored.operations.set(bucket, n);
    }
    return stored;
  }
  // A yearly series: each whole calendar year from the counts stored per year (20q-03) — a year where the CRS was present
  // read ≈ 12 months of operation and site cells, 50–130 ms at a million evictions — and the months and days before the
  // first whole year and after the last, each side a partial bucket of its own, from the cells.
  const years = key === 'year' ? yearCoverOf(f.from, f.to).find((r) => r.span === 'year') : undefined;
  const yearly = years ? await storedCorpsSeriesCounts(db, f, 'year', years) : undefined;
  if (years && yearly) {
    for (const edge of edgesAround(f.from, f.to, years)) {
      for (const [bucket, n] of await seriesDistinct(db, { ...f, ...edge }, key, family, 'site')) yearly.sites.set(bucket, n);
      for (const [bucket, n] of await seriesDistinct(db, { ...f, ...edge }, key, family, 'operation')) yearly.operations.set(bucket, n);
    }
    return yearly;
  }
  const operations = key === 'none' && family === COMBINATION ? await storedCorpsOperationCounts(db, f, 'none', yearCoverOf(f.from, f.to)) : undefined;
  return { sites: await seriesDistinct(db, f, key, family, 'site'), operations: operations ?? await seriesDistinct(db, f, key, family, 'operation') };
}

/** Rows of a cells table over a period's whole weeks or months and edge days, each with the first day of its bucket, one index scan per range. */
function timeRanges(f: ScopedFilter, key: TotalsKey, table: RawBuilder<unknown>, columns: RawBuilder<unknown>, cover = coverOf(f.from, f.to, unitOf(key))): RawBuilder<unknown> {
  return sql.join(cover.map((r) => sql`
    SELECT ${key === 'none' ? sql`NULL::date` : r.span === key ? sql`c.period` : sql`date_trunc(${sql.lit(key)}, c.period::timestamp)::date`} AS bucket, ${columns}
    FROM ${table} c WHERE ${sql.join([rangeWhere(r), ...(f.includeDrafts ? [] : [sql`c.verified`]), ...cellForcesWhere(f)], sql` AND `)}`), sql` UNION ALL `);
}

/** Distinct sites or operations with counted evictions per bucket (a key's unfolded deltas add up first). */
async function seriesDistinct(db: Executor, f: ScopedFilter, key: TotalsKey, family: Family, what: 'site' | 'operation', cover?: Range[]): Promise<Map<string, number>> {
  const [table, id] = what === 'site' ? [family.sites, sql`c.site_id`] : [family.operations, sql`c.operation_id`];
  const result = await sql<{ key: string; n: number }>`
    SELECT ${totalsKey(key, sql`bucket`)} AS key, count(*) FILTER (WHERE n > 0) AS n FROM (
      SELECT x.bucket, x.id, sum(x.evictions) AS n FROM (${timeRanges(f, key, table, sql`${id} AS id, c.evictions`, cover)}) x GROUP BY 1, 2
    ) y GROUP BY bucket`.execute(db);
  return new Map(result.rows.map((r) => [r.key, Number(r.n)]));
}
