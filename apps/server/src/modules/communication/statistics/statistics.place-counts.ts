import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import { rangeWhere, sourceCellsWhere, type Range } from './statistics.cover.js';
import { madeUnderCurrentSites, noneUnfolded, rowsIfHeld } from './statistics.held.js';
import { coverOperationRows } from './statistics.spanning.js';
import { bucketOf, forceFiltered, type GroupKey, type ScopedFilter } from './statistics.queries.js';

/**
 * Distinct operations per place as the five-minute fold stores them: per site, commune and area
 * for each calendar month, calendar year and ISO week (migrations 20i-01, 20o-01, from the
 * operation × site cells), per legal basis for each month and year (20o-02, from the place
 * operation cells) and per force corps present for each month and year (20p-01, from the same
 * cells). An operation spans several sites, so its count is not a sum the writers' triggers could keep; the fold counts it from the cells in its own transaction. A reader uses the
 * counts only when they equal the cells — no unfolded cells of that family in the period, counts
 * made under the sites' current places (a site moved or deleted bumps statistics_site_versions) —
 * else returns undefined and the caller reads the cells. `statistics-cells.property.test.ts`
 * proves both ways give the recount's figures.
 */

/**
 * The place kind and id a filter or grouping reads from the stored counts, or undefined when they
 * cannot answer it: a grouping by area within a place filter, by commune within a site or commune
 * filter, or several place filters at once. `withinArea`: communes grouped within an area filter.
 */
export type StoredPlace = { kind: 'all' | 'site' | 'commune' | 'area'; place?: string; withinArea?: string };
export function storedPlace(f: ScopedFilter, key: 'none' | 'area' | 'commune' | 'site'): StoredPlace | undefined {
  // A site's row is joined to the site, so any place filter narrows a grouping by site.
  if (key === 'site') return { kind: 'site' };
  if (key === 'commune' && f.areaId && !f.siteId && !f.communeInsee) return { kind: 'commune', withinArea: f.areaId };
  const filters: StoredPlace[] = [];
  if (f.siteId) filters.push({ kind: 'site', place: f.siteId });
  if (f.communeInsee) filters.push({ kind: 'commune', place: f.communeInsee });
  if (f.areaId) filters.push({ kind: 'area', place: f.areaId });
  if (key === 'none') return filters.length === 1 ? filters[0] : undefined;
  return filters.length === 0 ? { kind: key } : undefined;
}

/** The cells a family of counts is made from, the counts, and the sites version they were made under. */
type Family = { cells: RawBuilder<unknown>; counts: RawBuilder<unknown>; state: RawBuilder<unknown> };
const PLACES: Family = { cells: sql`statistics_site_operation_cells`, counts: sql`statistics_place_operation_counts`, state: sql`statistics_place_count_state` };
const BASES: Family = {
  cells: sql`statistics_place_operation_cells`, counts: sql`statistics_place_basis_operation_counts`, state: sql`statistics_place_basis_count_state`,
};
const CORPS: Family = {
  cells: sql`statistics_place_operation_cells`, counts: sql`statistics_corps_operation_counts`, state: sql`statistics_corps_count_state`,
};

/**
 * The distinct operations of a cover, keyed, when the stored counts hold; else undefined: each whole
 * month, year or week from the counts, the edge days and the operations spanning several of them
 * from the evictions (`coverOperationRows`, grouped by `key` as the counts are keyed). Whether the
 * counts hold and the figures themselves in one statement: one snapshot for all.
 */
async function countsIfHeld(db: Executor, family: Family, f: ScopedFilter, key: GroupKey, cover: Range[], select: {
  key: RawBuilder<string>; where: RawBuilder<unknown>[]; join?: RawBuilder<unknown>; holds?: RawBuilder<boolean>;
}): Promise<Map<string, number> | undefined> {
  const whole = cover.filter((r) => r.span !== 'day');
  if (!whole.length) return undefined;
  const operations = f.includeDrafts ? sql`c.all_operations` : sql`c.verified_operations`;
  const stored = (r: Range) => sql`
    SELECT ${select.key} AS key, ${operations} AS n FROM ${family.counts} c ${select.join ?? sql``}
    WHERE ${sql.join([rangeWhere(r), ...select.where], sql` AND `)}`;
  const rows = await rowsIfHeld<{ key: string; operations: number }>(db, sql<boolean>`
    ${noneUnfolded(family.cells, sql`(${sql.join(whole.map(rangeWhere), sql` OR `)})`)} AND ${madeUnderCurrentSites(family.state)}
    AND ${select.holds ?? sql<boolean>`true`}`, sql`
    SELECT key, sum(n) AS operations FROM (${coverOperationRows(f, key, cover, stored)}) u GROUP BY key`);
  return rows && new Map(rows.map((x) => [x.key, Number(x.operations)]));
}

/** What one stored place reads: its rows' key, place conditions, the sites joined for a grouping by site, and whether commune counts hold within an area. */
export function placeSelect(f: ScopedFilter, key: 'none' | 'area' | 'commune' | 'site', place: StoredPlace) {
  const where: RawBuilder<unknown>[] = [sql`c.place_kind = ${place.kind}`];
  if (place.place !== undefined) where.push(sql`c.place = ${place.place}`);
  // A commune's stored count is over all its sites: it answers within an area only when none of its sites is in another one
  // (merged sites included: their cells may still count). Else the cells, for every commune of the area.
  const area = place.withinArea;
  if (area) where.push(sql`c.place IN (SELECT s.commune_insee FROM sites s WHERE s.area_id = ${area}::uuid)`);
  const holds = area ? sql<boolean>`NOT EXISTS (SELECT 1 FROM sites a JOIN sites b ON b.commune_insee = a.commune_insee
    WHERE a.area_id = ${area}::uuid AND b.area_id IS DISTINCT FROM a.area_id)` : undefined;
  if (key === 'site') {
    if (f.siteId) where.push(sql`s.id = ${f.siteId}::uuid`);
    if (f.communeInsee) where.push(sql`s.commune_insee = ${f.communeInsee}`);
    if (f.areaId) where.push(sql`s.area_id = ${f.areaId}::uuid`);
  }
  return { key: key === 'none' ? sql<string>`''` : sql<string>`c.place`, where, join: key === 'site' ? sql`JOIN sites s ON s.id::text = c.place` : undefined, holds };
}

/**
 * Distinct operations per place (none with one place filter, area, commune, site) over a period's
 * whole calendar years and months (`yearCoverOf`) and its edge days.
 */
export async function storedPlaceOperationCounts(db: Executor, f: ScopedFilter, key: 'none' | 'area' | 'commune' | 'site', cover: Range[]): Promise<Map<string, number> | undefined> {
  const place = storedPlace(f, key);
  if (!place) return undefined;
  return countsIfHeld(db, PLACES, f, key, cover, placeSelect(f, key, place));
}

/** The one corps a force filter asks present, when that is all it asks (the dashboard's "where the CRS was present"). */
export function oneCorps(f: ScopedFilter): string | undefined {
  const present = [...new Set([...(f.forceCorps ? [f.forceCorps] : []), ...(f.forcesPresent ?? [])])];
  return present.length === 1 && !f.forcesAbsent?.length ? present[0] : undefined;
}

/**
 * Distinct operations where one corps was present (migration 20p-01), over a period's whole calendar
 * years and months and its edge days: per place (area, commune, site), for one place or all places (none), per legal basis
 * within one place or all places.
 */
export async function storedCorpsOperationCounts(
  db: Executor, f: ScopedFilter, key: 'none' | 'area' | 'commune' | 'site' | 'legalBasis', cover: Range[],
): Promise<Map<string, number> | undefined> {
  const corps = oneCorps(f);
  const placed = key === 'legalBasis' ? 'none' : key;
  const place = placed === 'none' && !f.siteId && !f.communeInsee && !f.areaId ? { kind: 'all' as const, place: '' } : storedPlace(f, placed);
  if (!corps || !place) return undefined;
  const select = placeSelect(f, placed, place);
  return countsIfHeld(db, CORPS, f, key, cover, {
    ...select,
    key: key === 'legalBasis' ? sql<string>`c.legal_basis` : select.key,
    where: [...select.where, sql`c.corps = ${corps}`, key === 'legalBasis' ? sql`c.legal_basis <> ''` : sql`c.legal_basis = ''`],
  });
}

/**
 * A weekly, monthly or yearly series within one place (a single site, commune or area filter, no
 * force filter): each of the range's whole weeks, months or years, keyed by bucket. The caller
 * recounts the period's edges (their partial buckets are their own: a whole bucket holds no edge day).
 */
export async function storedSeriesOperationCounts(db: Executor, f: ScopedFilter, key: 'week' | 'month' | 'year', whole: Range): Promise<Map<string, number> | undefined> {
  const place = storedPlace(f, 'none');
  if (!place?.place || forceFiltered(f)) return undefined;
  return countsIfHeld(db, PLACES, f, key, [whole], {
    key: bucketOf(sql`c.period`, key), where: [sql`c.place_kind = ${place.kind}`, sql`c.place = ${place.place}`],
  });
}

/**
 * Distinct operations per legal basis within one place or over all places (20s-03; no force filter),
 * over a period's whole calendar years and months and its edge days.
 */
export async function storedBasisOperationCounts(db: Executor, f: ScopedFilter, cover: Range[]): Promise<Map<string, number> | undefined> {
  const place = !f.siteId && !f.communeInsee && !f.areaId ? { kind: 'all' as const, place: '' } : storedPlace(f, 'none');
  if (place?.place === undefined || forceFiltered(f)) return undefined;
  return countsIfHeld(db, BASES, f, 'legalBasis', cover, {
    key: sql`c.legal_basis`, where: [sql`c.place_kind = ${place.kind}`, sql`c.place = ${place.place}`],
  });
}

/**
 * Distinct sites and operations per whole ISO week or calendar month where one corps was present,
 * or without a force filter over every eviction (corps '', 20q-03), over all places (migration
 * 20p-03: no site moved changes them), keyed by bucket (whole calendar years too, for a yearly series), or of one
 * whole calendar month or year (key 'none', 20q-03), when they hold: no unfolded combination site or operation cells in the range. The check and the counts in one statement. The caller
 * counts the period's edge days (partial buckets of their own).
 */
export async function storedCorpsSeriesCounts(
  db: Executor, f: ScopedFilter, key: 'none' | 'week' | 'month' | 'year', whole: Range,
): Promise<{ sites: Map<string, number>; operations: Map<string, number> } | undefined> {
  const corps = forceFiltered(f) ? oneCorps(f) : '';
  if (corps === undefined) return undefined;
  const [sites, operations] = f.includeDrafts ? [sql`c.all_sites`, sql`c.all_operations`] : [sql`c.verified_sites`, sql`c.verified_operations`];
  const rows = await rowsIfHeld<{ key: string; sites: number; operations: number }>(db, sql<boolean>`
    ${noneUnfolded(sql`statistics_combination_site_cells`, sourceCellsWhere(whole))}
    AND ${noneUnfolded(sql`statistics_combination_operation_cells`, sourceCellsWhere(whole))}`, sql`
    SELECT ${key === 'none' ? sql`''` : bucketOf(sql`c.period`, key)} AS key, ${sites} AS sites, ${operations} AS operations FROM statistics_corps_series_counts c
    WHERE ${rangeWhere(whole)} AND c.corps = ${corps}`);
  if (!rows) return undefined;
  return { sites: new Map(rows.map((r) => [r.key, Number(r.sites)])), operations: new Map(rows.map((r) => [r.key, Number(r.operations)])) };
}
