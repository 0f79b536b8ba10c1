import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import { cellRanges, cellsAnswer } from './statistics.cells.js';
import { COMBINATION } from './statistics.totals.js';
import { cellsPeriod } from './statistics.cover.js';
import {
  recountForceAggregates, recountForceCombinations, type ForceAggregate, type ForceCombinationAggregate, type ScopedFilter,
} from './statistics.queries.js';

/**
 * Forces from the pre-aggregated cells of force combinations (migration 20l-01): evictions per
 * combination of corps present together, and per corps present; recounted when the cells cannot
 * answer (`cellsAnswer`) and for units.
 */

/**
 * Evictions at which each force corps was present (units are recounted): each combination's evictions
 * counted for every corps in it, from the combinations' totals or cells per site (`combinationRows`),
 * which their index covers (migration 20u-01 dropped the force cells per corps, read from the heap).
 */
export async function forceAggregates(db: Executor, asked: ScopedFilter, level: 'corps' | 'unit'): Promise<ForceAggregate[]> {
  const f = cellsPeriod(asked);
  if (level === 'unit' || !cellsAnswer(f)) return recountForceAggregates(db, f, level);
  const combined = await sql<ForceAggregate>`
    SELECT corps, NULL::text AS unit, sum(n)::bigint AS evictions FROM (
      SELECT u.forces, sum(u.evictions) AS n FROM (${combinationRows(f)}) u GROUP BY 1
    ) x CROSS JOIN LATERAL unnest(x.forces) AS corps
    GROUP BY 1 HAVING sum(n) > 0`.execute(db);
  return combined.rows;
}

/**
 * Evictions by the corps present together ("police nationale et BAC"), each combination once: the
 * combinations' cells when they can answer, else recounted.
 */
export async function forceCombinationCounts(db: Executor, asked: ScopedFilter): Promise<ForceCombinationAggregate[]> {
  const f = cellsPeriod(asked);
  if (!cellsAnswer(f)) return recountForceCombinations(db, f);
  const result = await sql<{ forces: string[]; evictions: string }>`
    SELECT u.forces, sum(u.evictions)::bigint AS evictions FROM (${combinationRows(f)}) u GROUP BY 1 HAVING sum(u.evictions) > 0`.execute(db);
  return result.rows.map((r) => ({ corps: r.forces, evictions: Number(r.evictions) }));
}

/**
 * Evictions per combination of corps over the period, a row per cell: without a place from the
 * combinations' totals (a few rows a month), else from their cells per site. Each range of the
 * period is its own index scan (`cellRanges`): ORed, they were a bitmap scan of the site cells'
 * heap, 370–600 ms for this year to date at a million evictions.
 */
function combinationRows(f: ScopedFilter) {
  return cellRanges(f, 'none', f.areaId || f.communeInsee || f.siteId ? COMBINATION.sites : COMBINATION.sums, sql`c.forces, c.evictions`);
}
