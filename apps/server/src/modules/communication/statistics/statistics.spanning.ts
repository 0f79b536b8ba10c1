import { sql, type RawBuilder } from 'kysely';
import { rangeEnd, rangeWhere, type Range } from './statistics.cover.js';
import { cellForcesWhere, countedWhere, forceFiltered, keyOf, siteJoin, type GroupKey, type ScopedFilter } from './statistics.queries.js';

/**
 * Distinct operations over several stored periods (migration 20s-01). The fold stores distinct
 * operations per calendar month and year; over a run of them ("les 12 derniers mois", "cette année")
 * they are the sum of each period's count and of the edge days' operations, less, for every
 * operation counted in more than one of those parts, its extra parts. Only an operation whose
 * evictions fall in two calendar months can be — edge days are in months the cover does not hold
 * whole — and `statistics_spanning_operations` holds every such one (a superset), with any eviction
 * still pending: the correction reads their evictions alone. `statistics-cells.property.test.ts`
 * proves the figures equal a recount.
 */

/** The part of a cover an eviction's day falls in: its month or year of a whole range, or its range of edge days. */
function partOf(cover: Range[]): RawBuilder<string> {
  const whens = cover.map((r) => sql`WHEN e.date BETWEEN ${r.from}::date AND ${rangeEnd(r)}::date THEN ${r.span === 'day'
    ? sql`${`day ${r.from}`}::text` : sql`${sql.lit(r.span)} || date_trunc(${sql.lit(r.span)}, e.date::timestamp)::date::text`}`);
  return sql`CASE ${sql.join(whens, sql` `)} END`;
}

/**
 * The distinct operations of a range of edge days, as a row (key, n). Over every place and the whole
 * filter, from the operation × day cells' index (the combination's under a force filter: the
 * evictions' covering index lacks the forces, so a filter on the CRS read ≈ 8,000 evictions' heap
 * pages for 21 days, ≈ 20 ms); else from the evictions. A key's unfolded delta rows add up first.
 */
function edgeOperations(f: ScopedFilter, key: GroupKey, r: Range): RawBuilder<unknown> {
  if (key !== 'none' || f.areaId || f.communeInsee || f.siteId) {
    return sql`SELECT ${keyOf(key)} AS key, count(DISTINCT e.operation_id) AS n FROM evictions e ${siteJoin(f, key, 'e')}
      WHERE ${countedWhere({ ...f, from: r.from, to: r.to })} GROUP BY 1`;
  }
  const where = [rangeWhere(r), ...(f.includeDrafts ? [] : [sql`c.verified`]), ...cellForcesWhere(f)];
  return sql`SELECT '' AS key, count(*) AS n FROM (
    SELECT c.operation_id FROM ${forceFiltered(f) ? sql`statistics_combination_operation_cells` : sql`statistics_operation_cells`} c
    WHERE ${sql.join(where, sql` AND `)} GROUP BY 1 HAVING sum(c.evictions) > 0) o`;
}

/**
 * Rows (key, n) whose sums per key are the distinct operations over a cover: `stored(r)`, each whole
 * range's stored counts as (key, n); each range of edge days' operations from the evictions; and,
 * for each operation that may span months, minus its parts beyond the first. `key` groups the
 * evictions as the stored rows are keyed (`keyOf`); `f` is the whole filter, the cover its period.
 */
export function coverOperationRows(f: ScopedFilter, key: GroupKey, cover: Range[], stored: (r: Range) => RawBuilder<unknown>): RawBuilder<unknown> {
  const join = siteJoin(f, key, 'e');
  const whole = cover.filter((r) => r.span !== 'day').map(stored);
  const edges = cover.filter((r) => r.span === 'day').map((r) => edgeOperations(f, key, r));
  // One month, year or range of days, or a series whose every bucket is one stored period: an operation counts once per key.
  const onePart = cover.length === 1 && (cover[0]!.from === cover[0]!.to || cover[0]!.span === 'day');
  if (onePart || key === 'week' || key === 'month' || key === 'year') return sql.join([...whole, ...edges], sql` UNION ALL `);
  // Driven by the few operations (each read through the evictions' operation index), not by the period's evictions.
  const extra = sql`
    SELECT key, 1 - count(DISTINCT part) AS n FROM (
      SELECT ${keyOf(key)} AS key, e.operation_id, ${partOf(cover)} AS part
      FROM (SELECT x.operation_id FROM statistics_spanning_operations x UNION SELECT p.operation_id FROM evictions p WHERE p.statistics_pending) o
      JOIN evictions e ON e.operation_id = o.operation_id ${join}
      WHERE ${countedWhere(f)}
    ) q GROUP BY key, operation_id HAVING count(DISTINCT part) > 1`;
  return sql.join([...whole, ...edges, extra], sql` UNION ALL `);
}
