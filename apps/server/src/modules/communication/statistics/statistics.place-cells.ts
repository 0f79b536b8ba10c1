import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import { coverOf, rangeWhere, yearCoverOf, type Range } from './statistics.cover.js';
import { storedSplitEvictionAggregates, storedSplitTallyAggregates } from './statistics.split-sums.js';
import { noneUnfolded, rowsIfHeld } from './statistics.held.js';
import { storedBasisOperationCounts, storedCorpsOperationCounts } from './statistics.place-counts.js';
import {
  CELL_FIGURES, CELL_SUMS, bucketOf, copiedWhere, countedWhere, forceFiltered, forcesOf, packedSums, unpackedSums,
  type EvictionAggregate, type GroupKey, type ScopedFilter, type TallyAggregate,
} from './statistics.queries.js';

/**
 * Figures by place or legal basis under a force filter, and by legal basis within a place, from the
 * place cells of migration 20m-01: calendar month and calendar year × site × verified × legal basis
 * × force combination, for the sums (`statistics_place_cells`), the operations
 * (`statistics_place_operation_cells`) and the items (`statistics_place_item_cells`). A period is
 * read as its whole years, then its whole months (or only months for a monthly series), and the
 * days at its edges are recounted from the records in the same shape (a dashboard's month or year
 * has none). The caller (`statistics.cells.ts`) has checked that no eviction is pending and that no
 * item type filters. `statistics-cells.property.test.ts` proves the figures equal a recount.
 */

/** The groupings the place cells answer: places, legal bases, the whole period, months and years. */
export type PlaceCellsKey = 'none' | 'area' | 'commune' | 'site' | 'legalBasis' | 'month' | 'year';
export const placeCellsKey = (key: GroupKey): key is PlaceCellsKey => key !== 'day' && key !== 'week';

/** A monthly series reads months; anything else takes whole years first. */
const coverFor = (f: ScopedFilter, key: PlaceCellsKey): Range[] => (key === 'month' ? coverOf(f.from, f.to, 'month') : yearCoverOf(f.from, f.to));

/** The row's group: `u` is the union of cells and edge-day records, `s` its site when joined. */
function groupOf(key: PlaceCellsKey): RawBuilder<string> {
  switch (key) {
    case 'none': return sql`''`;
    case 'area': return sql`s.area_id::text`;
    case 'commune': return sql`s.commune_insee`;
    case 'site': return sql`u.site_id::text`;
    case 'legalBasis': return sql`u.legal_basis`;
    default: return bucketOf(sql`u.day`, key);
  }
}

/** The site, when an area or commune filters or groups (a merged site's old cells have none: only joined when needed). */
function sitesOf(f: ScopedFilter, key: PlaceCellsKey): { join: RawBuilder<unknown>; where: RawBuilder<unknown> } {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (f.areaId) parts.push(sql`s.area_id = ${f.areaId}::uuid`);
  if (f.communeInsee) parts.push(sql`s.commune_insee = ${f.communeInsee}`);
  const joined = Boolean(f.areaId || f.communeInsee) || key === 'area' || key === 'commune';
  return { join: joined ? sql`JOIN sites s ON s.id = u.site_id` : sql``, where: sql.join(parts, sql` AND `) };
}

/** One range of place cells: its status, force and site filters (area and commune are the site's, tested after). */
function cellsIn(f: ScopedFilter, r: Range): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [rangeWhere(r), ...forcesOf(f, sql`c.forces`)];
  if (!f.includeDrafts) parts.push(sql`c.verified`);
  if (f.siteId) parts.push(sql`c.site_id = ${f.siteId}::uuid`);
  return sql.join(parts, sql` AND `);
}

/** The evictions of an edge-day range, tested like the cells (area and commune after, on the site). */
const edgeEvictions = (f: ScopedFilter, r: Range) => countedWhere({ ...f, from: r.from, to: r.to, areaId: undefined, communeInsee: undefined });

/**
 * Every sum per group and site, packed (`sums`, migration 20n-01): whole years and months from the
 * cells' covering index, edge days from statistics_cell_parts of the evictions.
 */
function sumRows(f: ScopedFilter, key: PlaceCellsKey): RawBuilder<unknown> {
  const parts = coverFor(f, key).map((r) => (r.span === 'day' ? edgeSums(f, r)
    : sql`SELECT c.period AS day, c.site_id, c.legal_basis, c.sums FROM statistics_place_cells c WHERE ${cellsIn(f, r)}`));
  return sql.join(parts, sql` UNION ALL `);
}

/** The packed sums of a range of edge days' evictions, per day, site and legal basis, as the cells hold them. */
const edgeSums = (f: ScopedFilter, r: Range) => sql`
  SELECT d.period AS day, d.site_id, coalesce(e.legal_basis_category, 'unknown') AS legal_basis, ${packedSums('d')} AS sums
  FROM evictions e CROSS JOIN LATERAL statistics_cell_parts(e, 1) d WHERE d.span = 'day' AND ${edgeEvictions(f, r)}`;

/** The items of a range of edge days, per day, site and legal basis, from the tallies' copies of their eviction. */
const edgeItems = (f: ScopedFilter, r: Range) => sql`
  SELECT t.eviction_date AS day, t.site_id, coalesce(t.eviction_legal_basis, 'unknown') AS legal_basis, t.kind, t.term, t.part_of IS NOT NULL AS is_part,
    1 AS tallies, t.n, t.at_least::int AS at_least
  FROM eviction_tallies t WHERE ${copiedWhere({ ...f, from: r.from, to: r.to, areaId: undefined, communeInsee: undefined }, 't')}`;

/** Rows of a range of edge days (`rows`, read as `u`) under the filter's place, keyed by the group. */
function keyedEdge(f: ScopedFilter, key: PlaceCellsKey, rows: RawBuilder<unknown>, columns: RawBuilder<unknown>): RawBuilder<unknown> {
  const sites = sitesOf(f, key);
  return sql`SELECT ${groupOf(key)} AS key, ${columns} FROM (${rows}) u ${sites.join} WHERE ${sites.where}`;
}

/** Operations with counted evictions per group: (operation, site, legal basis) rows from the cells, edge days from the evictions. */
function operationRows(f: ScopedFilter, key: PlaceCellsKey): RawBuilder<unknown> {
  const parts = coverFor(f, key).map((r) => (r.span === 'day'
    ? sql`SELECT e.date AS day, e.site_id, coalesce(e.legal_basis_category, 'unknown') AS legal_basis, e.operation_id, 1 AS evictions
      FROM evictions e WHERE ${edgeEvictions(f, r)}`
    : sql`SELECT c.period AS day, c.site_id, c.legal_basis, c.operation_id, c.evictions FROM statistics_place_operation_cells c WHERE ${cellsIn(f, r)}`));
  return sql.join(parts, sql` UNION ALL `);
}

/**
 * Every figure of the counted evictions per group. The sums per group at once (per group and site
 * first hashed ≈ 2,700 groups of 34 sums for the CRS's 2025 by legal basis, and spilled to disk);
 * distinct sites apart, from the evictions alone, per group and site (a key's delta rows not
 * folded yet add up there, so a site counts once when it has evictions); an operation counts once
 * per group when its evictions there add up to more than zero.
 */
export async function placeEvictionAggregates(db: Executor, f: ScopedFilter, key: PlaceCellsKey): Promise<EvictionAggregate[]> {
  // One corps present, by commune or area or within one, or by legal basis within one, over whole months and years: the sums the
  // fold keeps (migrations 20r-01, 20s-02).
  const stored = await storedSplitEvictionAggregates(db, f, key, coverFor(f, key), (r) => keyedEdge(f, key, edgeSums(f, r), sql`u.sums`));
  if (stored) {
    const operations = await placeOperations(db, f, key);
    return stored.map((r) => ({ ...r, operations: operations.get(r.key) ?? 0 }));
  }
  const sites = sitesOf(f, key);
  const [sums, sited, operations] = [await sql<Omit<EvictionAggregate, 'operations' | 'sites'>>`
    SELECT key, sum(evictions)::bigint AS evictions, sum(not_full) > 0 AS not_full, sum(quick) > 0 AS quick, ${sql.join(CELL_FIGURES)}
    FROM (
      SELECT ${groupOf(key)} AS key, ${sql.join(unpackedSums('u'))}
      FROM (${sumRows(f, key)}) u ${sites.join} WHERE ${sites.where}
      GROUP BY 1
    ) x
    GROUP BY key HAVING sum(evictions) > 0`.execute(db), await sql<{ key: string; sites: number }>`
    SELECT key, count(*) FILTER (WHERE n > 0) AS sites FROM (
      SELECT ${groupOf(key)} AS key, u.site_id, sum(u.sums[${sql.lit(CELL_SUMS.indexOf('evictions') + 1)}]) AS n FROM (${sumRows(f, key)}) u ${sites.join} WHERE ${sites.where} GROUP BY 1, 2
    ) y GROUP BY key`.execute(db), await placeOperations(db, f, key)];
  const sitesByKey = new Map(sited.rows.map((r) => [r.key, Number(r.sites)]));
  return sums.rows.map((r) => ({ ...r, sites: sitesByKey.get(r.key) ?? 0, operations: operations.get(r.key) ?? 0 } as EvictionAggregate));
}

/**
 * Distinct operations per group, for a calendar month or year, from the counts the fold stores when
 * they hold: under a filter on one corps present, per place, legal basis or the whole filter
 * (migration 20p-01); without a force filter, by legal basis within one place (20o-02). Else from
 * the operation cells.
 */
async function placeOperations(db: Executor, f: ScopedFilter, key: PlaceCellsKey): Promise<Map<string, number>> {
  const cover = coverFor(f, key);
  const placeOrBasis = key === 'none' || key === 'area' || key === 'commune' || key === 'site' || key === 'legalBasis';
  const stored = !placeOrBasis ? undefined
    : forceFiltered(f) ? await storedCorpsOperationCounts(db, f, key, cover)
      : key === 'legalBasis' ? await storedBasisOperationCounts(db, f, cover) : undefined;
  return stored ?? placeCellOperations(db, f, key);
}

/**
 * Distinct operations per group from the operation cells (read from their index alone): an
 * operation counts once per group when its evictions there add up to more than zero. Also what a
 * monthly or yearly series within a place reads without a force filter.
 */
export async function placeCellOperations(db: Executor, f: ScopedFilter, key: PlaceCellsKey): Promise<Map<string, number>> {
  const sites = sitesOf(f, key);
  const result = await sql<{ key: string; operations: number }>`
    SELECT key, count(*) AS operations FROM (
      SELECT ${groupOf(key)} AS key, u.operation_id FROM (${operationRows(f, key)}) u ${sites.join} WHERE ${sites.where}
      GROUP BY 1, 2 HAVING sum(u.evictions) > 0
    ) p GROUP BY key`.execute(db);
  return new Map(result.rows.map((r) => [r.key, Number(r.operations)]));
}

/**
 * Items per group, term and whole-or-part: whole years and months from the cells — without a place, from
 * their sums without the site while those hold (`fromSums`; false once they did not) — edge days from
 * the tallies' copies of their eviction.
 */
export async function placeTallyAggregates(db: Executor, f: ScopedFilter, key: PlaceCellsKey, fromSums = true): Promise<TallyAggregate[]> {
  const sites = sitesOf(f, key);
  const cover = coverFor(f, key);
  // One corps present, by commune or area or within one, or by legal basis within one, over whole months and years: the items
  // the fold keeps (migrations 20r-01, 20s-02).
  const stored = fromSums
    ? await storedSplitTallyAggregates(db, f, key, cover, (r) => keyedEdge(f, key, edgeItems(f, r), sql`u.kind, u.term, u.is_part, u.n, u.at_least, u.tallies`))
    : undefined;
  if (stored) return stored;
  // Without a place, the sums the fold keeps without the site (migration 20q-04) while they hold: a year
  // of legal bases under a force filter is ≈ 2,500 rows instead of ≈ 123,000 site cells.
  const siteless = !f.areaId && !f.communeInsee && !f.siteId && key !== 'area' && key !== 'commune' && key !== 'site';
  const whole = cover.filter((r) => r.span !== 'day');
  const sums = fromSums && siteless && whole.length > 0;
  const parts = cover.map((r) => (r.span === 'day' ? edgeItems(f, r)
    : sums ? sql`SELECT c.period AS day, NULL::uuid AS site_id, c.legal_basis, c.kind, c.term, c.is_part, c.tallies, c.n, c.at_least
      FROM statistics_basis_item_sums c WHERE ${cellsIn(f, r)}`
      : sql`SELECT c.period AS day, c.site_id, c.legal_basis, c.kind, c.term, c.is_part, c.tallies, c.n, c.at_least
      FROM statistics_place_item_cells c WHERE ${cellsIn(f, r)}`));
  const grouped = sql`SELECT ${groupOf(key)} AS key, u.kind, u.term, u.is_part, sum(u.n)::bigint AS n, sum(u.at_least) > 0 AS at_least
    FROM (${sql.join(parts, sql` UNION ALL `)}) u ${sites.join} WHERE ${sites.where}
    GROUP BY 1, 2, 3, 4 HAVING sum(u.tallies) > 0`;
  if (!sums) return (await sql<TallyAggregate>`${grouped}`.execute(db)).rows;
  const held = await rowsIfHeld<TallyAggregate>(db, noneUnfolded(sql`statistics_place_item_cells`, sql`(${sql.join(whole.map(rangeWhere), sql` OR `)})`), grouped);
  return held ?? placeTallyAggregates(db, f, key, false);
}
