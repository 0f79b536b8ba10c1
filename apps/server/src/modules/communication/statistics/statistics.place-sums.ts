import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import { rangeWhere, sourceCellsWhere, type Range } from './statistics.cover.js';
import { madeUnderCurrentSites, noneUnfolded, rowsIfHeld } from './statistics.held.js';
import { CELL_FIGURES, bucketOf, forceFiltered, unpackedSums, type EvictionAggregate, type ScopedFilter, type TallyAggregate } from './statistics.queries.js';

/**
 * The items (migration 20p-02, `statistics_place_item_sums`) and the eviction sums and distinct
 * sites (20q-01, `statistics_place_sums`) of one commune or area per ISO week, calendar month and
 * year, and per Paris day (20v-01) for the edges of a period, as the five-minute fold keeps them: a sum over the place's sites, which
 * depends on where each site is, so the fold sums it again for each period it folded and whenever a
 * site moved. A reader uses the sums only while the period has no unfolded cells of their family and
 * they were made under the sites' current places; else returns undefined and the caller reads the
 * cells per site. `statistics-cells.property.test.ts` proves both ways give the recount's figures.
 */

/** The groupings the sums answer within one place: the whole period, or a weekly, monthly or yearly series. */
export type PlaceSumsKey = 'none' | 'week' | 'month' | 'year';

/** The one commune or area a filter narrows to, when that is its only place and no force filters. */
function onePlace(f: ScopedFilter): { kind: 'commune' | 'area'; place: string } | undefined {
  if (f.siteId || forceFiltered(f)) return undefined;
  if (f.areaId && !f.communeInsee) return { kind: 'area', place: f.areaId };
  if (f.communeInsee && !f.areaId) return { kind: 'commune', place: f.communeInsee };
  return undefined;
}

/**
 * Items per group, term and whole-or-part within one place: the cover's whole weeks, months and
 * years from the stored sums, its edge days from the sums stored per day unless one of their cells
 * is unfolded, else from the item cells (`edgeDays`, the caller's reading of one range), in one
 * statement with the check that the sums hold: one snapshot for all three.
 */
export async function storedPlaceTallyAggregates(
  db: Executor, f: ScopedFilter, key: PlaceSumsKey, cover: Range[], edgeDays: (r: Range) => RawBuilder<unknown>,
): Promise<TallyAggregate[] | undefined> {
  const place = onePlace(f);
  const whole = cover.filter((r) => r.span !== 'day');
  if (!place || !whole.length) return undefined;
  const stored = (r: Range) => sql`
    SELECT ${key === 'none' ? sql`''` : bucketOf(sql`c.period`, key)} AS key, c.kind, c.term, c.is_part, c.n, c.at_least, c.tallies
    FROM statistics_place_item_sums c
    WHERE ${sql.join([rangeWhere(r), sql`c.place_kind = ${place.kind}`, sql`c.place = ${place.place}`, ...(f.includeDrafts ? [] : [sql`c.verified`])], sql` AND `)}`;
  const ranges = cover.map((r) => (r.span === 'day' ? storedUnlessUnfolded(sql`statistics_item_cells`, r, stored(r), edgeDays(r)) : stored(r)));
  return rowsIfHeld<TallyAggregate>(db, sql<boolean>`
    ${noneUnfolded(sql`statistics_item_cells`, sql`(${sql.join(whole.map(rangeWhere), sql` OR `)})`)}
    AND ${madeUnderCurrentSites(sql`statistics_place_item_state`)}`, sql`
    SELECT key, kind, term, is_part, sum(n)::bigint AS n, sum(at_least) > 0 AS at_least
    FROM (${sql.join(ranges, sql` UNION ALL `)}) c
    GROUP BY 1, 2, 3, 4 HAVING sum(tallies) > 0`);
}

/**
 * A range of days from the sums stored per place and day (migration 20v-01) while none of the
 * family's cells (`cells`) in it is unfolded, else from the cells per site (`fromCells`, rows of
 * the same shape): the days under way are often not folded yet (the fold runs every five minutes),
 * and only their range then pays the cells. The test is uncorrelated, so PostgreSQL runs it once
 * and reads only the side it chose.
 */
function storedUnlessUnfolded(cells: RawBuilder<unknown>, r: Range, stored: RawBuilder<unknown>, fromCells: RawBuilder<unknown>): RawBuilder<unknown> {
  const held = sql<boolean>`(SELECT ${noneUnfolded(cells, rangeWhere(r))})`;
  return sql`SELECT * FROM (${stored}) x WHERE ${held} UNION ALL SELECT * FROM (${fromCells}) y WHERE NOT ${held}`;
}

/**
 * Every eviction figure but the operations, per bucket, within one place: the whole weeks, months or
 * years of one range (`whole`; the caller reads the edge buckets from the cells per site), from the
 * stored sums, in one statement with the check that they hold. A bucket is one stored period, so its
 * distinct sites are stored too.
 */
export async function storedPlaceEvictionAggregates(
  db: Executor, f: ScopedFilter, key: PlaceSumsKey, whole: Range,
): Promise<Omit<EvictionAggregate, 'operations'>[] | undefined> {
  const place = onePlace(f);
  if (!place || whole.span === 'day') return undefined;
  const rows = await rowsIfHeld<Omit<EvictionAggregate, 'operations'>>(db, sql<boolean>`
    ${noneUnfolded(sql`statistics_cells`, sourceCellsWhere(whole))}
    AND ${madeUnderCurrentSites(sql`statistics_place_sums_state`)}`, sql`
    SELECT key, sum(sites)::int AS sites, sum(evictions)::bigint AS evictions, sum(not_full) > 0 AS not_full, sum(quick) > 0 AS quick, ${sql.join(CELL_FIGURES)}
    FROM (
      SELECT ${key === 'none' ? sql`''` : bucketOf(sql`c.period`, key)} AS key, sum(c.sites) AS sites, ${sql.join(unpackedSums('c'))}
      FROM statistics_place_sums c
      WHERE c.place_kind = ${place.kind} AND c.place = ${place.place} AND c.with_drafts = ${Boolean(f.includeDrafts)} AND ${rangeWhere(whole)}
      GROUP BY 1
    ) u GROUP BY key HAVING sum(evictions) > 0`);
  return rows?.map((r) => ({ ...r, sites: Number(r.sites) }));
}

/**
 * Every eviction figure but the operations and distinct sites of a run of whole months or years within one place and its
 * edge days ("cette année" for the Calaisis: ten stored months and 21 days, instead of ten months of cells per site — 26–46 ms
 * a figure set at a million evictions): the stored sums added up, the edge days' from the sums stored per day unless one of
 * their cells is unfolded, else from the caller (`edgeDays`, rows of `sums`), in one statement with the check that the sums
 * hold. Distinct sites are not a sum: the caller counts them.
 */
export async function storedPlaceRunAggregates(
  db: Executor, f: ScopedFilter, cover: Range[], edgeDays: (r: Range) => RawBuilder<unknown>,
): Promise<Omit<EvictionAggregate, 'operations' | 'sites'>[] | undefined> {
  const place = onePlace(f);
  const whole = cover.filter((r) => r.span !== 'day');
  if (!place || !whole.length) return undefined;
  const stored = (r: Range) => sql`SELECT c.sums FROM statistics_place_sums c
    WHERE c.place_kind = ${place.kind} AND c.place = ${place.place} AND c.with_drafts = ${Boolean(f.includeDrafts)} AND ${rangeWhere(r)}`;
  const parts = cover.map((r) => (r.span === 'day' ? storedUnlessUnfolded(sql`statistics_cells`, r, stored(r), edgeDays(r)) : stored(r)));
  return rowsIfHeld<Omit<EvictionAggregate, 'operations' | 'sites'>>(db, sql<boolean>`
    ${noneUnfolded(sql`statistics_cells`, sql`(${sql.join(whole.map(sourceCellsWhere), sql` OR `)})`)}
    AND ${madeUnderCurrentSites(sql`statistics_place_sums_state`)}`, sql`
    SELECT key, sum(evictions)::bigint AS evictions, sum(not_full) > 0 AS not_full, sum(quick) > 0 AS quick, ${sql.join(CELL_FIGURES)}
    FROM (SELECT '' AS key, ${sql.join(unpackedSums('c'))} FROM (${sql.join(parts, sql` UNION ALL `)}) c) u
    GROUP BY key HAVING sum(evictions) > 0`);
}
