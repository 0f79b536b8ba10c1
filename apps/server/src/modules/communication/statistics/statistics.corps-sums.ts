import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import { coverOf, onePeriod, rangeWhere, type Range } from './statistics.cover.js';
import { madeUnderCurrentSites, noneUnfolded, rowsIfHeld } from './statistics.held.js';
import { oneCorps, placeSelect, storedPlace } from './statistics.place-counts.js';
import {
  CELL_FIGURES, cellForcesWhere, unpackedSums, type EvictionAggregate, type GroupKey, type ScopedFilter, type TallyAggregate,
} from './statistics.queries.js';

/**
 * The eviction sums, distinct sites and items of each commune and area where one force corps was
 * present, per calendar month and year (migration 20r-01), as the folds of the place cells keep
 * them: "where the CRS was present" by commune or area, or within one commune or area. A sum over a
 * place's sites depends on where each site is, so a reader uses the stored sums only while the period
 * has no unfolded cells of their family and they were made under the sites' current places; else
 * returns undefined and the caller reads the place cells. Sums add up over several months and years
 * (the dashboard's "12 derniers mois"), with the edge days' rows the caller gives; distinct sites do
 * not: over more than one stored period they are counted from the narrow combination × site cells.
 * `statistics-cells.property.test.ts` proves both ways give the recount's figures.
 */

/** The rows of a range of edge days, keyed as the stored rows (the caller's reading of the records). */
export type EdgeDays = (r: Range) => RawBuilder<unknown>;

/**
 * What a filter and grouping read from the stored sums, or undefined: one corps present, whole months
 * or years, by commune or area or within one commune or area (not by site, legal basis or bucket: the
 * sums have none of those).
 */
function corpsPlace(f: ScopedFilter, key: GroupKey, cover: Range[]) {
  if (key !== 'none' && key !== 'area' && key !== 'commune') return undefined;
  const corps = oneCorps(f);
  const whole = cover.filter((r) => r.span !== 'day');
  const place = storedPlace(f, key);
  if (!corps || !whole.length || (place?.kind !== 'commune' && place?.kind !== 'area')) return undefined;
  const select = placeSelect(f, key, place);
  return { key, whole, select, where: (r: Range) => sql.join([rangeWhere(r), sql`c.corps = ${corps}`, ...select.where], sql` AND `) };
}

/** Whether the stored sums of a family hold for the whole ranges: no unfolded cells, made under the current sites, communes within one area. */
const holds = (cells: RawBuilder<unknown>, state: RawBuilder<unknown>, whole: Range[], placeHolds: RawBuilder<boolean> | undefined) => sql<boolean>`
  ${noneUnfolded(cells, sql`(${sql.join(whole.map(rangeWhere), sql` OR `)})`)} AND ${madeUnderCurrentSites(state)} AND ${placeHolds ?? sql<boolean>`true`}`;

/**
 * Every eviction figure but the operations, per commune or area (or for one): whole months and years
 * from the stored sums, `edgeDays` as rows (key, sums) of 20n-01's packed sums. Distinct sites are
 * stored for one period; over several, from the combination × site cells.
 */
export async function storedCorpsPlaceEvictionAggregates(
  db: Executor, f: ScopedFilter, key: GroupKey, cover: Range[], edgeDays: EdgeDays,
): Promise<Omit<EvictionAggregate, 'operations'>[] | undefined> {
  const target = corpsPlace(f, key, cover);
  if (!target) return undefined;
  const only = onePeriod(cover);
  const parts = [
    ...target.whole.map((r) => sql`SELECT ${target.select.key} AS key, c.sites, c.sums FROM statistics_corps_place_sums c
      WHERE ${target.where(r)} AND c.with_drafts = ${Boolean(f.includeDrafts)}`),
    ...cover.filter((r) => r.span === 'day').map((r) => sql`SELECT e.key, 0 AS sites, e.sums FROM (${edgeDays(r)}) e`),
  ];
  const rows = await rowsIfHeld<Omit<EvictionAggregate, 'operations'>>(db,
    holds(sql`statistics_place_cells`, sql`statistics_corps_place_sums_state`, target.whole, target.select.holds), sql`
    SELECT key, sum(sites)::int AS sites, sum(evictions)::bigint AS evictions, sum(not_full) > 0 AS not_full, sum(quick) > 0 AS quick, ${sql.join(CELL_FIGURES)}
    FROM (
      SELECT c.key, sum(c.sites) AS sites, ${sql.join(unpackedSums('c'))} FROM (${sql.join(parts, sql` UNION ALL `)}) c GROUP BY 1
    ) u GROUP BY key HAVING sum(evictions) > 0`);
  if (!rows || only) return rows?.map((r) => ({ ...r, sites: Number(r.sites) }));
  const sites = await combinationSites(db, f, target.key);
  return rows.map((r) => ({ ...r, sites: sites.get(r.key) ?? 0 }));
}

/**
 * Distinct sites with counted evictions per commune or area (or for one) under the force filter, from
 * the combination × site cells' index alone: the period's whole months and edge days, each range its
 * own scan (a key's unfolded delta rows add up per site first).
 */
async function combinationSites(db: Executor, f: ScopedFilter, key: 'none' | 'area' | 'commune'): Promise<Map<string, number>> {
  const ranges = coverOf(f.from, f.to, 'month').map((r) => sql`
    SELECT c.site_id, c.evictions FROM statistics_combination_site_cells c
    WHERE ${sql.join([rangeWhere(r), ...(f.includeDrafts ? [] : [sql`c.verified`]), ...cellForcesWhere(f)], sql` AND `)}`);
  const where: RawBuilder<unknown>[] = [sql`true`];
  if (f.areaId) where.push(sql`s.area_id = ${f.areaId}::uuid`);
  if (f.communeInsee) where.push(sql`s.commune_insee = ${f.communeInsee}`);
  const group = key === 'area' ? sql`s.area_id::text` : key === 'commune' ? sql`s.commune_insee` : sql`''`;
  const result = await sql<{ key: string; sites: number }>`
    SELECT key, count(*) FILTER (WHERE n > 0) AS sites FROM (
      SELECT ${group} AS key, u.site_id, sum(u.evictions) AS n FROM (${sql.join(ranges, sql` UNION ALL `)}) u
      JOIN sites s ON s.id = u.site_id WHERE ${sql.join(where, sql` AND `)} GROUP BY 1, 2
    ) y GROUP BY key`.execute(db);
  return new Map(result.rows.map((r) => [r.key, Number(r.sites)]));
}

/** Items per commune or area (or for one), term and whole-or-part: whole months and years stored, `edgeDays` as item rows (key, kind, term, is_part, n, at_least, tallies). */
export async function storedCorpsPlaceTallyAggregates(db: Executor, f: ScopedFilter, key: GroupKey, cover: Range[], edgeDays: EdgeDays): Promise<TallyAggregate[] | undefined> {
  const target = corpsPlace(f, key, cover);
  if (!target) return undefined;
  const parts = [
    ...target.whole.map((r) => sql`SELECT ${target.select.key} AS key, c.kind, c.term, c.is_part, c.n, c.at_least, c.tallies
      FROM statistics_corps_place_item_sums c WHERE ${target.where(r)}${f.includeDrafts ? sql`` : sql` AND c.verified`}`),
    ...cover.filter((r) => r.span === 'day').map(edgeDays),
  ];
  return rowsIfHeld<TallyAggregate>(db,
    holds(sql`statistics_place_item_cells`, sql`statistics_corps_place_item_state`, target.whole, target.select.holds), sql`
    SELECT key, kind, term, is_part, sum(n)::bigint AS n, sum(at_least) > 0 AS at_least
    FROM (${sql.join(parts, sql` UNION ALL `)}) c GROUP BY 1, 2, 3, 4 HAVING sum(tallies) > 0`);
}
