import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import { placeCellOperations, placeCellsKey, placeEvictionAggregates, placeTallyAggregates, type PlaceCellsKey } from './statistics.place-cells.js';
import { cellsPeriod, coverOf, edgesAround, onePeriod, rangeWhere, unitOf, yearCoverOf, type Range } from './statistics.cover.js';
import { storedBasisOperationCounts, storedPlaceOperationCounts, storedSeriesOperationCounts } from './statistics.place-counts.js';
import { storedPlaceEvictionAggregates, storedPlaceRunAggregates, storedPlaceTallyAggregates } from './statistics.place-sums.js';
import { distinctSites } from './statistics.distinct-sites.js';
import { COMBINATION, PLAIN, fromTotals, totalsAggregates } from './statistics.totals.js';
import {
  CELL_FIGURES, bucketOf, cellForcesWhere, countedWhere, forceFiltered, keyOf, recountEvictionAggregates,
  recountTallyAggregates, siteJoin, unpackedSums,
  type EvictionAggregate, type GroupKey, type ScopedFilter, type TallyAggregate,
} from './statistics.queries.js';

/**
 * The statistics read from the pre-aggregated cells (migration 20e-01) when the filter allows,
 * and recounted from the records otherwise. A cell is a Paris day, an ISO week or a calendar month
 * × site × verified-or-not, holding sums and counts only, kept exact by triggers on every edit,
 * review, merge and deletion in the writer's own transaction; a new eviction is saved pending and
 * counted a moment later by the promoter (migration 20k-01, `statistics.promoter.ts`), and while
 * any is pending the figures are recounted. A period is covered by its whole months (or weeks,
 * for a weekly series) and the days at its edges, so a year reads ≈ 400 sites × 12 months of cells instead of 150,000
 * evictions; their 34 sums are read packed in one array from a covering index (migration 20n-01, `unpackedSums`). The legal-basis grouping reads cells of its own, with the legal basis in the key and
 * no site (migration 20c-01; `legalBasisAggregates`). A filter on forces reads the combination
 * cells (migration 20l-01: the corps present together, in the key; `COMBINATION`); a place under
 * a force filter, and a legal basis within a place or under a force filter, read the place cells
 * (migration 20m-01: month and year × site × legal basis × combination; `statistics.place-cells.ts`).
 * What the cells cannot answer is recounted: the item-type filter, force units, distinct operations
 * per place by day (see `operationCounts`), and a daily or weekly series within a place
 * under a force filter (its evictions alone come from the combination cells). Distinct operations per place come from
 * operation × site cells (migration 20f-01; `placeOperationCounts`), or from the counts the fold
 * stores per place and calendar month, year or ISO week (migrations 20i-01, 20o-01).
 * `statistics-cells.property.test.ts` proves both ways give the same figures.
 */

/** Whether the cells can answer: no item-type filter, and no eviction waiting to be counted. */
export function cellsAnswer(f: ScopedFilter): boolean {
  return !f.pending && !f.itemType;
}

/**
 * Whether the organisation has evictions the cells do not count yet (migration 20k-01): read in the
 * caller's transaction, so the answer holds for the figures read after it in that snapshot. Any
 * pending eviction, whatever its date: a figure's filter is narrowed to other periods (previous
 * year, buckets) from the same scoped filter.
 */
export async function statisticsPending(trx: Executor): Promise<boolean> {
  return (await statisticsState(trx)).pending;
}

/** `statisticsPending` and the latest day of any eviction (`ScopedFilter.lastDay`), in one statement. */
export async function statisticsState(trx: Executor): Promise<{ pending: boolean; lastDay: string | null }> {
  const result = await sql<{ pending: boolean; last_day: string | null }>`
    SELECT EXISTS (SELECT 1 FROM evictions WHERE statistics_pending) AS pending, (SELECT max(date) FROM evictions) AS last_day`.execute(trx);
  return { pending: result.rows[0]?.pending === true, lastDay: result.rows[0]?.last_day ?? null };
}

/** Whether a filter or grouping is about places: only the cells keyed by site can answer it. */
const byPlace = (f: ScopedFilter, key: GroupKey) => Boolean(f.areaId || f.communeInsee || f.siteId) || key === 'area' || key === 'commune' || key === 'site';

/**
 * Whether the place cells (migration 20m-01, `statistics.place-cells.ts`) answer: a place with a
 * force filter, or a legal basis with a place or a force filter — the sums no other cells key
 * together. Not a daily or weekly series: they hold months and years.
 */
const fromPlaceCells = (f: ScopedFilter, key: GroupKey): PlaceCellsKey | undefined => (placeCellsKey(key)
  && (key === 'legalBasis' ? byPlace(f, key) || forceFiltered(f) : forceFiltered(f) && byPlace(f, key)) ? key : undefined);

function cellKey(key: GroupKey): RawBuilder<string> {
  switch (key) {
    case 'none': return sql`''`;
    case 'area': return sql`s.area_id::text`;
    case 'commune': return sql`s.commune_insee`;
    case 'site': return sql`c.site_id::text`;
    case 'legalBasis': return sql`c.legal_basis`;
    default: return bucketOf(sql`c.period`, key);
  }
}

export const cellSites = (f: ScopedFilter, key: GroupKey) =>
  (f.areaId || f.communeInsee || key === 'area' || key === 'commune' ? sql`JOIN sites s ON s.id = c.site_id` : sql``);

export function cellWhere(f: ScopedFilter, key: GroupKey, cover: Range[] = coverOf(f.from, f.to, unitOf(key))): RawBuilder<unknown> {
  const ranges = cover.map(rangeWhere);
  const parts: RawBuilder<unknown>[] = [sql`(${sql.join(ranges, sql` OR `)})`];
  if (!f.includeDrafts) parts.push(sql`c.verified`);
  if (f.areaId) parts.push(sql`s.area_id = ${f.areaId}::uuid`);
  if (f.communeInsee) parts.push(sql`s.commune_insee = ${f.communeInsee}`);
  if (f.siteId) parts.push(sql`c.site_id = ${f.siteId}::uuid`);
  parts.push(...cellForcesWhere(f));
  return sql.join(parts, sql` AND `);
}

/**
 * A cells table's rows over the filter's period, `columns` of each: one index scan per range of the
 * period (its whole weeks or months, the days at either edge), joined by UNION ALL. One condition
 * ORing the ranges is planned as a bitmap scan, which reads the heap even where an index covers the
 * columns: this year to date by site where the CRS was present, 210 ms that way at a million evictions.
 */
export function cellRanges(f: ScopedFilter, key: GroupKey, table: RawBuilder<unknown>, columns: RawBuilder<unknown>, cover = coverOf(f.from, f.to, unitOf(key))) {
  return sql.join(cover.map((r) => sql`SELECT ${columns} FROM ${table} c ${cellSites(f, key)} WHERE ${cellWhere(f, key, [r])}`), sql` UNION ALL `);
}

/** Every figure of the counted evictions, per group: from the cells when they can answer, else recounted. */
export async function evictionAggregates(db: Executor, asked: ScopedFilter, key: GroupKey): Promise<EvictionAggregate[]> {
  const f = cellsPeriod(asked);
  if (!cellsAnswer(f)) return recountEvictionAggregates(db, f, key);
  const placed = fromPlaceCells(f, key);
  if (placed) return placeEvictionAggregates(db, f, placed);
  if (forceFiltered(f)) return fromTotals(key) && !byPlace(f, key) ? totalsAggregates(db, f, key, COMBINATION) : recountEvictionAggregates(db, f, key);
  if (key === 'legalBasis') return legalBasisAggregates(db, f);
  if (fromTotals(key) && !byPlace(f, key)) return totalsAggregates(db, f, key, PLAIN);
  const placeSums = await placeSumsAggregates(db, f, key);
  if (placeSums) return placeSums;
  const [aggregates, operations] = [await siteCellAggregates(db, f, key), await operationCounts(db, f, key)];
  return aggregates.map((r) => ({ ...r, operations: operations.get(r.key) ?? 0 }));
}

/**
 * Every figure but the operations per group, from the cells per site.
 */
async function siteCellAggregates(db: Executor, f: ScopedFilter, key: GroupKey): Promise<Omit<EvictionAggregate, 'operations'>[]> {
  // The packed sums (migration 20n-01) from their covering index, each range of the period its own scan (an OR of them
  // would be a bitmap scan of the heap: a year of an area's weeks, ≈ 19,000 pages), summed per group at once: per group
  // and site first would hash ≈ 8,000 groups of 34 sums for a year of an area's weeks, and spill to disk.
  const ranges = (columns: RawBuilder<unknown>) => cellRanges(f, key, sql`statistics_cells`, sql`${cellKey(key)} AS key, ${columns}`);
  const [result, sites] = [await sql<Omit<EvictionAggregate, 'operations' | 'sites'>>`
    SELECT key, sum(evictions)::bigint AS evictions, sum(not_full) > 0 AS not_full, sum(quick) > 0 AS quick, ${sql.join(CELL_FIGURES)}
    FROM (SELECT u.key, ${sql.join(unpackedSums('u'))} FROM (${ranges(sql`c.sums`)}) u GROUP BY 1) x
    GROUP BY key HAVING sum(evictions) > 0`.execute(db), await sql<{ key: string; sites: number }>`
    SELECT key, count(*) FILTER (WHERE n > 0) AS sites FROM (
      SELECT u.key, u.site_id, sum(u.evictions) AS n FROM (${ranges(sql`c.site_id, c.evictions`)}) u GROUP BY 1, 2
    ) y GROUP BY key`.execute(db)];
  // Distinct sites from the narrow index (it includes the evictions): a key's delta rows not folded yet add up per site first.
  const sitesByKey = new Map(sites.rows.map((r) => [r.key, Number(r.sites)]));
  return result.rows.map((r) => ({ ...r, sites: sitesByKey.get(r.key) ?? 0 }));
}

/**
 * Within one commune or area (no force filter), the whole period when it is one week, month or year,
 * or a weekly, monthly or yearly series: each whole bucket from the sums the fold keeps per place
 * (migration 20q-01, `storedPlaceEvictionAggregates`), the days (and, for years, months) before the
 * first whole bucket and after the last, each side a partial bucket of its own, from the cells per
 * site. Undefined when the stored sums do not answer, and the caller reads the cells.
 */
async function placeSumsAggregates(db: Executor, f: ScopedFilter, key: GroupKey): Promise<EvictionAggregate[] | undefined> {
  if (key !== 'none' && key !== 'week' && key !== 'month' && key !== 'year') return undefined;
  const cover = key === 'none' || key === 'year' ? yearCoverOf(f.from, f.to) : coverOf(f.from, f.to, key);
  if (key === 'none' && !onePeriod(cover)) return placeRunAggregates(db, f, cover);
  const whole = key === 'none' ? onePeriod(cover) : cover.find((r) => r.span === key);
  const stored = whole ? await storedPlaceEvictionAggregates(db, f, key, whole) : undefined;
  if (!whole || !stored) return undefined;
  for (const edge of edgesAround(f.from, f.to, whole)) stored.push(...await siteCellAggregates(db, { ...f, ...edge }, key));
  const operations = await operationCounts(db, f, key);
  return stored.map((r) => ({ ...r, operations: operations.get(r.key) ?? 0 }));
}

/**
 * Within one commune or area (no force filter), a run of whole months or years and edge days: the stored sums added up
 * with the edge days' sums per place and day the fold keeps too (20v-01), or, while a day of theirs has unfolded cells,
 * the day cells given here (`storedPlaceRunAggregates`); distinct sites from the site cells' narrow index.
 */
async function placeRunAggregates(db: Executor, f: ScopedFilter, cover: Range[]): Promise<EvictionAggregate[] | undefined> {
  const sums = await storedPlaceRunAggregates(db, f, cover, (r) => cellRanges(f, 'none', sql`statistics_cells`, sql`c.sums`, [r]));
  if (!sums) return undefined;
  const [sites, operations] = [await distinctSites(db, f, { cells: sql`statistics_cells`, group: sql<string>`''` }), await operationCounts(db, f, 'none')];
  return sums.map((r) => ({ ...r, sites: sites.get(r.key) ?? 0, operations: operations.get(r.key) ?? 0 }));
}

/** The groupings whose rows are places or legal bases (a breakdown's rows, not a series' buckets). */
export type PlaceOrBasis = 'area' | 'commune' | 'site' | 'legalBasis';

/**
 * Evictions alone per place (the dashboard's map): the site cells' index includes the evictions,
 * so a period by site is read from the index without the 34 sums in the heap. When the cells
 * cannot answer (a force filter), or by legal basis, every figure is summed and the evictions kept.
 */
export async function evictionCounts(db: Executor, asked: ScopedFilter, key: PlaceOrBasis): Promise<{ key: string; evictions: number }[]> {
  const f = cellsPeriod(asked);
  if (!cellsAnswer(f) || key === 'legalBasis') {
    return (await evictionAggregates(db, f, key)).map((e) => ({ key: e.key, evictions: Number(e.evictions) }));
  }
  // With a force filter, the combination × site cells: narrow, read from their index alone.
  const cells = cellRanges(f, key, forceFiltered(f) ? COMBINATION.sites : sql`statistics_cells`, sql`${cellKey(key)} AS key, c.evictions`);
  const result = await sql<{ key: string; evictions: string }>`
    SELECT u.key, sum(u.evictions)::bigint AS evictions FROM (${cells}) u GROUP BY 1 HAVING sum(u.evictions) > 0`.execute(db);
  return result.rows.map((r) => ({ key: r.key, evictions: Number(r.evictions) }));
}

/**
 * By legal basis without a place: the sums from cells without a site (a year: under 200 rows),
 * distinct sites from the narrow legal × site cells (`distinctSites`), operations from the counts
 * the fold stores or the legal operation cells.
 */
async function legalBasisAggregates(db: Executor, f: ScopedFilter): Promise<EvictionAggregate[]> {
  const [sums, sites, operations] = [await sql<Omit<EvictionAggregate, 'operations' | 'sites'>>`
    SELECT c.legal_basis AS key, sum(evictions)::bigint AS evictions, sum(not_full) > 0 AS not_full, sum(quick) > 0 AS quick, ${sql.join(CELL_FIGURES)}
    FROM (${cellRanges(f, 'legalBasis', sql`statistics_legal_cells`, sql`c.*`)}) c
    GROUP BY 1 HAVING sum(evictions) > 0`.execute(db),
  await distinctSites(db, f, { cells: sql`statistics_legal_site_cells`, group: sql<string>`u.legal_basis`, columns: sql`c.site_id, c.evictions, c.legal_basis` }),
  await operationCounts(db, f, 'legalBasis')];
  return sums.rows.map((r) => ({ ...r, sites: sites.get(r.key) ?? 0, operations: operations.get(r.key) ?? 0 } as EvictionAggregate));
}

/**
 * Distinct operations per group. An operation spans several sites and sometimes two days, so its
 * count is a DISTINCT, not a sum: over the operation cells (operation × day, week or month, no
 * site: 7× fewer rows than evictions; by legal basis, their own) when no place filters or groups;
 * from the operation × site cells when a place does (`placeOperationCounts`); for a weekly,
 * monthly or yearly series within one place, from the counts the fold stores per bucket; else from the place
 * operation cells for a monthly or yearly series within a place; recounted in one hashed DISTINCT
 * pass over the evictions' covering index when a place filters a daily series (or a weekly one
 * whose stored counts do not hold yet).
 */
async function operationCounts(db: Executor, f: ScopedFilter, key: GroupKey): Promise<Map<string, number>> {
  if (!byPlace(f, key)) {
    // By legal basis over all places, the counts the fold stores per month and year while they hold (migration 20s-03).
    const stored = key === 'legalBasis' && !forceFiltered(f) ? await storedBasisOperationCounts(db, f, yearCoverOf(f.from, f.to)) : undefined;
    if (stored) return stored;
    // By legal basis, the cells hold calendar years too (migration 20i-04), ordered by basis and operation within each.
    const rows = cellRanges(
      f, key, key === 'legalBasis' ? sql`statistics_legal_operation_cells` : sql`statistics_operation_cells`,
      sql`${cellKey(key)} AS key, c.operation_id, c.evictions`, key === 'legalBasis' ? yearCoverOf(f.from, f.to) : undefined,
    );
    const cells = await sql<{ key: string; operations: number }>`
      SELECT key, count(*) FILTER (WHERE n > 0) AS operations FROM (
        SELECT u.key, u.operation_id, sum(u.evictions) AS n FROM (${rows}) u GROUP BY 1, 2
      ) x GROUP BY key`.execute(db);
    return new Map(cells.rows.map((r) => [r.key, Number(r.operations)]));
  }
  if (key === 'none' || key === 'area' || key === 'commune' || key === 'site') return placeOperationCounts(db, f, key);
  // A weekly, monthly or yearly series within one place: the counts the fold stores per place and bucket (migrations 20i-01, 20o-01).
  const stored = key === 'week' || key === 'month' || key === 'year' ? await seriesOperationCounts(db, f, key) : undefined;
  if (stored) return stored;
  // A monthly or yearly series within a place: the place operation cells (migration 20m-01), from their index alone.
  if (key === 'month' || key === 'year') return placeCellOperations(db, f, key);
  return recountedOperations(db, f, key);
}

/** Distinct operations per group in one hashed DISTINCT pass over the evictions' covering index. */
async function recountedOperations(db: Executor, f: ScopedFilter, key: GroupKey): Promise<Map<string, number>> {
  const result = await sql<{ key: string; operations: number }>`
    SELECT key, count(*) AS operations FROM (
      SELECT DISTINCT ${keyOf(key)} AS key, e.operation_id FROM evictions e ${siteJoin(f, key, 'e')} WHERE ${countedWhere(f)}
    ) d GROUP BY key`.execute(db);
  return new Map(result.rows.map((r) => [r.key, Number(r.operations)]));
}

/**
 * A weekly, monthly or yearly series within one place: each whole week, month or year from the
 * counts the fold stores (`storedSeriesOperationCounts`); the days before the first whole bucket
 * and after the last, each side a partial bucket of its own, recounted from the evictions.
 * Undefined when the stored counts do not hold, and the caller recounts.
 */
async function seriesOperationCounts(db: Executor, f: ScopedFilter, key: 'week' | 'month' | 'year'): Promise<Map<string, number> | undefined> {
  const cover = key === 'year' ? yearCoverOf(f.from, f.to) : coverOf(f.from, f.to, key);
  const whole = cover.find((r) => r.span === key);
  const counts = whole ? await storedSeriesOperationCounts(db, f, key, whole) : undefined;
  if (!whole || !counts) return undefined;
  // A year's edge is whole months and days: one partial bucket per side, recounted at once (its operations are not a sum of its ranges').
  for (const edge of edgesAround(f.from, f.to, whole)) {
    for (const [bucket, n] of await recountedOperations(db, { ...f, ...edge }, key)) counts.set(bucket, n);
  }
  return counts;
}

/**
 * Distinct operations per place (none with a place filter, area, commune, site) from the
 * operation × site cells of migration 20f-01: an (operation, site) pair is present when its
 * evictions summed over the period's disjoint years and months (and its edge days' evictions) are
 * more than zero, so delta rows not folded yet count at once. A calendar year or month is one
 * range of the cells' index, read in (site, operation) order and grouped as it streams.
 */
async function placeOperationCounts(db: Executor, f: ScopedFilter, key: 'none' | 'area' | 'commune' | 'site'): Promise<Map<string, number>> {
  const cover = yearCoverOf(f.from, f.to);
  const stored = await storedPlaceOperationCounts(db, f, key, cover);
  if (stored) return stored;
  // One period as an equality: the index gives its rows in (site, operation) order.
  const cells = cover.filter((r) => r.span !== 'day').map(rangeWhere);
  const parts: RawBuilder<unknown>[] = [];
  if (cells.length) {
    parts.push(sql`SELECT c.site_id, c.operation_id, c.evictions AS n FROM statistics_site_operation_cells c
      WHERE (${sql.join(cells, sql` OR `)})${f.includeDrafts ? sql`` : sql` AND c.verified`}${f.siteId ? sql` AND c.site_id = ${f.siteId}::uuid` : sql``}`);
  }
  for (const d of cover.filter((r) => r.span === 'day')) {
    parts.push(sql`SELECT e.site_id, e.operation_id, 1 AS n FROM evictions e WHERE ${countedWhere({ ...f, from: d.from, to: d.to, areaId: undefined, communeInsee: undefined })}`);
  }
  const where: RawBuilder<unknown>[] = [sql`true`];
  if (f.areaId) where.push(sql`s.area_id = ${f.areaId}::uuid`);
  if (f.communeInsee) where.push(sql`s.commune_insee = ${f.communeInsee}`);
  const pairs = sql`SELECT u.site_id, u.operation_id FROM (${sql.join(parts, sql` UNION ALL `)}) u GROUP BY 1, 2 HAVING sum(u.n) > 0`;
  // Pairs are distinct per site, so a site's operations are counted as they stream and only then
  // joined to the ≈ 400 sites; a commune, an area or the whole filter counts an operation once across its sites.
  const result = await (key === 'site'
    ? sql<{ key: string; operations: number }>`
      SELECT s.id::text AS key, x.operations FROM (SELECT p.site_id, count(*) AS operations FROM (${pairs}) p GROUP BY 1) x
      JOIN sites s ON s.id = x.site_id WHERE ${sql.join(where, sql` AND `)}`
    : sql<{ key: string; operations: number }>`
      SELECT ${keyOf(key)} AS key, count(DISTINCT p.operation_id) AS operations FROM (${pairs}) p JOIN sites s ON s.id = p.site_id
      WHERE ${sql.join(where, sql` AND `)} GROUP BY 1`).execute(db);
  return new Map(result.rows.map((r) => [r.key, Number(r.operations)]));
}

/**
 * Items seized and structures destroyed, per group, term and whole-or-part: from the item cells
 * when they can answer — the totals without a site (migration 20b-01: a year is a few hundred
 * month × term rows) unless a place filters or groups, then the cells per site; by legal basis,
 * the legal item cells (no site: with a place filter, recounted).
 */
export async function tallyAggregates(db: Executor, asked: ScopedFilter, key: GroupKey): Promise<TallyAggregate[]> {
  const f = cellsPeriod(asked);
  // What the item cells cannot answer is recounted from the tallies' copies of their eviction's legal basis and forces, without the eviction.
  if (!cellsAnswer(f)) return recountTallyAggregates(db, f, key, { copied: true });
  const placed = fromPlaceCells(f, key);
  if (placed) return placeTallyAggregates(db, f, placed);
  // A daily or weekly series within a place under a force filter: the place cells hold months and years only.
  if (forceFiltered(f) && byPlace(f, key)) return recountTallyAggregates(db, f, key, { copied: true });
  // With a force filter and no place, the item totals by combination (migration 20l-01), which have no site.
  const perSite = key !== 'legalBasis' && byPlace(f, key);
  const table = forceFiltered(f) ? sql`statistics_combination_item_totals`
    : key === 'legalBasis' ? sql`statistics_legal_item_cells` : perSite ? sql`statistics_item_cells` : sql`statistics_item_totals`;
  // The item cells per site hold calendar years too (migration 20i-03): a year by place is one row per site and term, not twelve.
  const yearly = perSite && (key === 'none' || key === 'area' || key === 'commune' || key === 'site');
  const cover = yearly ? yearCoverOf(f.from, f.to) : coverOf(f.from, f.to, unitOf(key));
  // Each range (whole weeks, months or years, and the edge days) its own scan of the covering index: an OR of the ranges is a
  // bitmap scan, which reads every row's heap page (a year's weeks by area: 43,000 pages, 650 ms at a million evictions).
  const range = (r: Range) => sql`
    SELECT ${cellKey(key)} AS key, c.kind, c.term, c.is_part, c.n, c.at_least, c.tallies
    FROM ${table} c ${cellSites(f, key)} WHERE ${cellWhere(f, key, [r])}`;
  // Within one commune or area, the sums the fold keeps per place (migration 20p-02) when they hold: an area's year of weeks
  // is ≈ 1,800 rows instead of ≈ 110,000 site × week cells.
  const withinPlace = perSite && (key === 'none' || key === 'week' || key === 'month' || key === 'year')
    ? await storedPlaceTallyAggregates(db, f, key, cover, range) : undefined;
  if (withinPlace) return withinPlace;
  const ranges = cover.map(range);
  const result = await sql<TallyAggregate>`
    SELECT key, kind, term, is_part, sum(n)::bigint AS n, sum(at_least) > 0 AS at_least
    FROM (${sql.join(ranges, sql` UNION ALL `)}) c
    GROUP BY 1, 2, 3, 4 HAVING sum(tallies) > 0`.execute(db);
  return result.rows;
}

/**
 * Every family's fold, in one list: the five-minute job's and the benchmark dataset's (a list the
 * dataset once kept apart missed the force-combination cells). statistics_cells_fold also folds
 * the force and operation cells of migration 20e-01.
 */
export const STATISTICS_FOLDS = [
  'statistics_cells_fold', 'statistics_item_totals_fold', 'statistics_legal_cells_fold', 'statistics_totals_fold',
  'statistics_site_operation_cells_fold', 'statistics_combination_cells_fold', 'statistics_place_cells_fold',
] as const;

/** Folds the cells' delta rows (a job every few minutes; readers are exact either way). Runs as the owner, across organisations. */
export async function foldStatisticsCells(db: Executor): Promise<number> {
  let folded = 0;
  for (const fold of STATISTICS_FOLDS) {
    // statistics_cells_fold returns how many cells it folded; the others return nothing.
    const result = await sql<{ n: unknown }>`SELECT ${sql.raw(fold)}() AS n`.execute(db);
    const n = result.rows[0]?.n;
    if (typeof n === 'number') folded += n;
  }
  return folded;
}
