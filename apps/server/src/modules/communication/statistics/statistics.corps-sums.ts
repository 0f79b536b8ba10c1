import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import { onePeriod, rangeWhere, type Range } from './statistics.cover.js';
import { madeUnderCurrentSites, noneUnfolded, rowsIfHeld } from './statistics.held.js';
import { oneCorps, placeSelect, storedPlace } from './statistics.place-counts.js';
import { CELL_FIGURES, unpackedSums, type EvictionAggregate, type GroupKey, type ScopedFilter, type TallyAggregate } from './statistics.queries.js';

/**
 * The eviction sums, distinct sites and items of each commune and area where one force corps was
 * present, per calendar month and year (migration 20r-01), as the folds of the place cells keep
 * them: "where the CRS was present" by commune or area, or within one commune or area. A sum over a
 * place's sites depends on where each site is, so a reader uses the stored sums only while the period
 * has no unfolded cells of their family and they were made under the sites' current places; else
 * returns undefined and the caller reads the place cells. `statistics-cells.property.test.ts` proves
 * both ways give the recount's figures.
 */

/**
 * What a filter and grouping read from the stored sums, or undefined: one corps present, one whole month or year, by commune
 * or area or within one commune or area (not by site, legal basis or bucket: the sums have none of those).
 */
function corpsPlace(f: ScopedFilter, key: GroupKey, cover: Range[]) {
  if (key !== 'none' && key !== 'area' && key !== 'commune') return undefined;
  const corps = oneCorps(f);
  const only = onePeriod(cover);
  const place = storedPlace(f, key);
  if (!corps || !only || (place?.kind !== 'commune' && place?.kind !== 'area')) return undefined;
  const select = placeSelect(f, key, place);
  return { only, select, where: sql.join([rangeWhere(only), sql`c.corps = ${corps}`, ...select.where], sql` AND `) };
}

/** Whether the stored sums of a family hold for the period: no unfolded cells, made under the current sites, communes within one area. */
const holds = (cells: RawBuilder<unknown>, state: RawBuilder<unknown>, only: Range, placeHolds: RawBuilder<boolean> | undefined) => sql<boolean>`
  ${noneUnfolded(cells, rangeWhere(only))} AND ${madeUnderCurrentSites(state)} AND ${placeHolds ?? sql<boolean>`true`}`;

/** Every eviction figure but the operations, per commune or area (or for one), for one whole month or year. */
export async function storedCorpsPlaceEvictionAggregates(
  db: Executor, f: ScopedFilter, key: GroupKey, cover: Range[],
): Promise<Omit<EvictionAggregate, 'operations'>[] | undefined> {
  const target = corpsPlace(f, key, cover);
  if (!target) return undefined;
  const rows = await rowsIfHeld<Omit<EvictionAggregate, 'operations'>>(db,
    holds(sql`statistics_place_cells`, sql`statistics_corps_place_sums_state`, target.only, target.select.holds), sql`
    SELECT key, sum(sites)::int AS sites, sum(evictions)::bigint AS evictions, sum(not_full) > 0 AS not_full, sum(quick) > 0 AS quick, ${sql.join(CELL_FIGURES)}
    FROM (
      SELECT ${target.select.key} AS key, sum(c.sites) AS sites, ${sql.join(unpackedSums('c'))}
      FROM statistics_corps_place_sums c WHERE ${target.where} AND c.with_drafts = ${Boolean(f.includeDrafts)}
      GROUP BY 1
    ) u GROUP BY key HAVING sum(evictions) > 0`);
  return rows?.map((r) => ({ ...r, sites: Number(r.sites) }));
}

/** Items per commune or area (or for one), term and whole-or-part, for one whole month or year. */
export async function storedCorpsPlaceTallyAggregates(db: Executor, f: ScopedFilter, key: GroupKey, cover: Range[]): Promise<TallyAggregate[] | undefined> {
  const target = corpsPlace(f, key, cover);
  if (!target) return undefined;
  return rowsIfHeld<TallyAggregate>(db,
    holds(sql`statistics_place_item_cells`, sql`statistics_corps_place_item_state`, target.only, target.select.holds), sql`
    SELECT ${target.select.key} AS key, c.kind, c.term, c.is_part, sum(c.n)::bigint AS n, sum(c.at_least) > 0 AS at_least
    FROM statistics_corps_place_item_sums c WHERE ${target.where}${f.includeDrafts ? sql`` : sql` AND c.verified`}
    GROUP BY 1, 2, 3, 4 HAVING sum(c.tallies) > 0`);
}
