import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import { cellSites, cellWhere, cellsAnswer } from './statistics.cells.js';
import { COMBINATION } from './statistics.totals.js';
import {
  forceFiltered, recountForceAggregates, recountForceCombinations, type ForceAggregate, type ForceCombinationAggregate, type ScopedFilter,
} from './statistics.queries.js';

/**
 * Forces from the pre-aggregated cells: evictions per corps present (the force cells of migration
 * 20e-01, per site) and per combination of corps present together (the combination cells of
 * migration 20l-01), recounted when the cells cannot answer (`cellsAnswer`) and for units.
 */

/**
 * Evictions at which each force corps was present: from the force cells when they can answer (units
 * are recounted); with a force filter, from the combination × site cells, each combination's
 * evictions counted for every corps in it.
 */
export async function forceAggregates(db: Executor, f: ScopedFilter, level: 'corps' | 'unit'): Promise<ForceAggregate[]> {
  if (level === 'unit' || !cellsAnswer(f)) return recountForceAggregates(db, f, level);
  if (forceFiltered(f)) {
    const combined = await sql<ForceAggregate>`
      SELECT corps, NULL::text AS unit, sum(n)::bigint AS evictions FROM (
        SELECT c.forces, sum(c.evictions) AS n FROM ${COMBINATION.sites} c ${cellSites(f, 'none')} WHERE ${cellWhere(f, 'none')} GROUP BY 1
      ) x CROSS JOIN LATERAL unnest(x.forces) AS corps
      GROUP BY 1 HAVING sum(n) > 0`.execute(db);
    return combined.rows;
  }
  const result = await sql<ForceAggregate>`
    SELECT c.corps, NULL::text AS unit, sum(c.evictions)::bigint AS evictions
    FROM statistics_force_cells c ${cellSites(f, 'none')}
    WHERE ${cellWhere(f, 'none')}
    GROUP BY 1 HAVING sum(c.evictions) > 0`.execute(db);
  return result.rows;
}

/**
 * Evictions by the corps present together ("police nationale et BAC"), each combination once: the
 * combination × site cells (migration 20l-01) when they can answer, else recounted.
 */
export async function forceCombinationCounts(db: Executor, f: ScopedFilter): Promise<ForceCombinationAggregate[]> {
  if (!cellsAnswer(f)) return recountForceCombinations(db, f);
  const result = await sql<{ forces: string[]; evictions: string }>`
    SELECT c.forces, sum(c.evictions)::bigint AS evictions FROM ${COMBINATION.sites} c ${cellSites(f, 'none')}
    WHERE ${cellWhere(f, 'none')} GROUP BY 1 HAVING sum(c.evictions) > 0`.execute(db);
  return result.rows.map((r) => ({ corps: r.forces, evictions: Number(r.evictions) }));
}
