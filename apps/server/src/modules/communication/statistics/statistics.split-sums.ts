import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import { onePeriod, rangeWhere, type Range } from './statistics.cover.js';
import { distinctSites, distinctSitesQuery, sitesByKey } from './statistics.distinct-sites.js';
import { madeUnderCurrentSites, noneUnfolded, rowsIfHeld } from './statistics.held.js';
import { oneCorps, placeSelect, storedPlace } from './statistics.place-counts.js';
import {
  CELL_FIGURES, CELL_SUMS, cellForcesWhere, countedWhere, forceFiltered, unpackedSums, type EvictionAggregate, type GroupKey, type ScopedFilter, type TallyAggregate,
} from './statistics.queries.js';

/**
 * A place's eviction sums, distinct sites and items split by one more thing, per calendar month and
 * year, as the folds of the place cells keep them: by the corps present (migration 20r-01: "where the
 * CRS was present" by commune or area, or within one), by legal basis (20s-02: a breakdown by basis
 * within one commune or area), and by legal basis where one corps was present, over every place (20t-01).
 * A sum over a place's sites depends on where each site is, so a reader
 * uses the stored sums only while the period has no unfolded cells of their family and they were made
 * under the sites' current places; else returns undefined and the caller reads the place cells. Sums
 * add up over several months and years (the dashboard's "12 derniers mois"), with the edge days' rows
 * the caller gives; distinct sites do not: over more than one stored period they are counted from
 * narrow cells per site. `statistics-cells.property.test.ts` proves both ways give the recount's figures.
 */

/** The rows of a range of edge days, keyed as the stored rows (the caller's reading of the records). */
export type EdgeDays = (r: Range) => RawBuilder<unknown>;

/** Where a filter and grouping read stored split sums: the tables, the rows' key and conditions, and the distinct sites over several periods. */
type Split = {
  sums: RawBuilder<unknown>; sumsState: RawBuilder<unknown>;
  /** Stored items, when this split keeps them (by legal basis under one corps, the items come from 20q-04's sums without the site). */
  items?: { cells: RawBuilder<unknown>; state: RawBuilder<unknown> };
  whole: Range[]; key: RawBuilder<string>; where: (r: Range) => RawBuilder<unknown>; holds: RawBuilder<boolean> | undefined;
  /** Distinct sites over several periods; `held`: whether the stored sums hold, for sites the fold stores too. */
  sites: (db: Executor, f: ScopedFilter, held: RawBuilder<boolean>) => Promise<Map<string, number>>;
};

/**
 * One corps present, whole months or years, by commune or area or within one commune or area (not by
 * site, legal basis or bucket: the sums have none of those).
 */
function corpsSplit(f: ScopedFilter, key: GroupKey, cover: Range[]): Split | undefined {
  if (key !== 'none' && key !== 'area' && key !== 'commune') return undefined;
  const corps = oneCorps(f);
  const whole = cover.filter((r) => r.span !== 'day');
  const place = storedPlace(f, key);
  if (!corps || !whole.length || (place?.kind !== 'commune' && place?.kind !== 'area')) return undefined;
  const select = placeSelect(f, key, place);
  const group = key === 'area' ? sql<string>`s.area_id::text` : key === 'commune' ? sql<string>`s.commune_insee` : sql<string>`''`;
  return {
    sums: sql`statistics_corps_place_sums`, sumsState: sql`statistics_corps_place_sums_state`,
    items: { cells: sql`statistics_corps_place_item_sums`, state: sql`statistics_corps_place_item_state` },
    whole, key: select.key, holds: select.holds,
    where: (r) => sql.join([rangeWhere(r), sql`c.corps = ${corps}`, ...select.where], sql` AND `),
    sites: (db) => distinctSites(db, f, { cells: sql`statistics_combination_site_cells`, where: cellForcesWhere(f), group, bySite: true }),
  };
}

/** By legal basis within one commune or area, without a force filter, whole months or years. */
function basisSplit(f: ScopedFilter, key: GroupKey, cover: Range[]): Split | undefined {
  const whole = cover.filter((r) => r.span !== 'day');
  const place = storedPlace(f, 'none');
  if (key !== 'legalBasis' || forceFiltered(f) || !whole.length || (place?.kind !== 'commune' && place?.kind !== 'area')) return undefined;
  return {
    sums: sql`statistics_basis_place_sums`, sumsState: sql`statistics_basis_place_sums_state`,
    items: { cells: sql`statistics_basis_place_item_sums`, state: sql`statistics_basis_place_item_state` },
    whole, key: sql<string>`c.legal_basis`, holds: undefined,
    where: (r) => sql`${rangeWhere(r)} AND c.place_kind = ${place.kind} AND c.place = ${place.place}`,
    sites: (db) => distinctSites(db, f, { cells: sql`statistics_legal_site_cells`, group: sql<string>`u.legal_basis`, columns: sql`c.site_id, c.evictions, c.legal_basis` }),
  };
}

/**
 * By legal basis where one corps was present, over every place, whole months or years (20t-01). Distinct sites
 * over several periods from the evictions per month, site, corps and basis the fold keeps too (or, while they do not
 * hold, the place cells per site, basis and combination), their edge days from the evictions.
 */
function corpsBasisSplit(f: ScopedFilter, key: GroupKey, cover: Range[]): Split | undefined {
  const whole = cover.filter((r) => r.span !== 'day');
  const corps = oneCorps(f);
  if (key !== 'legalBasis' || !corps || !whole.length || f.areaId || f.communeInsee || f.siteId) return undefined;
  return {
    sums: sql`statistics_corps_basis_sums`, sumsState: sql`statistics_corps_basis_sums_state`,
    whole, key: sql<string>`c.legal_basis`, holds: undefined,
    where: (r) => sql`${rangeWhere(r)} AND c.corps = ${corps}`,
    sites: async (db, _, held) => {
      // The sites the fold keeps per month, corps and basis (narrow: the CRS's twelve months are ≈ 20,000 rows, against ≈ 90,000
      // place cells whose index entries carry the 34 sums: 50–107 ms); while they do not hold, the place cells.
      const edgeDays = (r: Range) => sql`SELECT e.site_id, 1 AS evictions, coalesce(e.legal_basis_category, 'unknown') AS legal_basis
        FROM evictions e WHERE ${countedWhere({ ...f, from: r.from, to: r.to })}`;
      const group = sql<string>`u.legal_basis`;
      const stored = await rowsIfHeld<{ key: string; sites: number }>(db, held, distinctSitesQuery(f, {
        cells: sql`statistics_corps_basis_sites`, where: [sql`c.corps = ${corps}`], group, columns: sql`c.site_id, c.evictions, c.legal_basis`, edgeDays,
      }));
      return stored ? sitesByKey(stored) : distinctSites(db, f, {
        cells: sql`statistics_place_cells`, where: cellForcesWhere(f), group, edgeDays,
        columns: sql`c.site_id, c.sums[${sql.lit(CELL_SUMS.indexOf('evictions') + 1)}] AS evictions, c.legal_basis`,
      });
    },
  };
}

/** The stored split sums a filter and grouping read, if any. */
const splitOf = (f: ScopedFilter, key: GroupKey, cover: Range[]) => corpsSplit(f, key, cover) ?? basisSplit(f, key, cover) ?? corpsBasisSplit(f, key, cover);

/** Whether a family's stored sums hold for the whole ranges: no unfolded cells, made under the current sites, communes within one area. */
const holds = (cells: RawBuilder<unknown>, state: RawBuilder<unknown>, split: Split) => sql<boolean>`
  ${noneUnfolded(cells, sql`(${sql.join(split.whole.map(rangeWhere), sql` OR `)})`)} AND ${madeUnderCurrentSites(state)} AND ${split.holds ?? sql<boolean>`true`}`;

/**
 * Every eviction figure but the operations, per group: whole months and years from the stored sums,
 * `edgeDays` as rows (key, sums) of 20n-01's packed sums. Distinct sites are stored for one period;
 * over several, from the cells per site.
 */
export async function storedSplitEvictionAggregates(
  db: Executor, f: ScopedFilter, key: GroupKey, cover: Range[], edgeDays: EdgeDays,
): Promise<Omit<EvictionAggregate, 'operations'>[] | undefined> {
  const split = splitOf(f, key, cover);
  if (!split) return undefined;
  const parts = [
    ...split.whole.map((r) => sql`SELECT ${split.key} AS key, c.sites, c.sums FROM ${split.sums} c
      WHERE ${split.where(r)} AND c.with_drafts = ${Boolean(f.includeDrafts)}`),
    ...cover.filter((r) => r.span === 'day').map((r) => sql`SELECT e.key, 0 AS sites, e.sums FROM (${edgeDays(r)}) e`),
  ];
  const rows = await rowsIfHeld<Omit<EvictionAggregate, 'operations'>>(db, holds(sql`statistics_place_cells`, split.sumsState, split), sql`
    SELECT key, sum(sites)::int AS sites, sum(evictions)::bigint AS evictions, sum(not_full) > 0 AS not_full, sum(quick) > 0 AS quick, ${sql.join(CELL_FIGURES)}
    FROM (
      SELECT c.key, sum(c.sites) AS sites, ${sql.join(unpackedSums('c'))} FROM (${sql.join(parts, sql` UNION ALL `)}) c GROUP BY 1
    ) u GROUP BY key HAVING sum(evictions) > 0`);
  if (!rows || onePeriod(cover)) return rows?.map((r) => ({ ...r, sites: Number(r.sites) }));
  const sites = await split.sites(db, f, holds(sql`statistics_place_cells`, split.sumsState, split));
  return rows.map((r) => ({ ...r, sites: sites.get(r.key) ?? 0 }));
}

/** Items per group, term and whole-or-part: whole months and years stored, `edgeDays` as item rows (key, kind, term, is_part, n, at_least, tallies). */
export async function storedSplitTallyAggregates(db: Executor, f: ScopedFilter, key: GroupKey, cover: Range[], edgeDays: EdgeDays): Promise<TallyAggregate[] | undefined> {
  const split = splitOf(f, key, cover);
  const items = split?.items;
  if (!split || !items) return undefined;
  const parts = [
    ...split.whole.map((r) => sql`SELECT ${split.key} AS key, c.kind, c.term, c.is_part, c.n, c.at_least, c.tallies
      FROM ${items.cells} c WHERE ${split.where(r)}${f.includeDrafts ? sql`` : sql` AND c.verified`}`),
    ...cover.filter((r) => r.span === 'day').map(edgeDays),
  ];
  return rowsIfHeld<TallyAggregate>(db, holds(sql`statistics_place_item_cells`, items.state, split), sql`
    SELECT key, kind, term, is_part, sum(n)::bigint AS n, sum(at_least) > 0 AS at_least
    FROM (${sql.join(parts, sql` UNION ALL `)}) c GROUP BY 1, 2, 3, 4 HAVING sum(tallies) > 0`);
}
