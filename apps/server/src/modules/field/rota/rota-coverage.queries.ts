import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';

/**
 * Coverage SQL: which days of a period the rota expected observers out, and which were observed.
 * - Expected: a day is expected in an area when the area's rule names its ISO weekday (every day
 *   when the area has no rule) and no exception of the area spans it. With no area chosen, a day
 *   is expected when any active area expects it (days, not area-days: see docs/ARCHITECTURE.md).
 * - Observed: an operation was recorded that day in the area, or a shift of the area reported
 *   "rien à signaler".
 * One row per bucket ('' for the whole period), every bucket of the period present.
 */
export type CoverageBucket = 'none' | 'day' | 'week' | 'month' | 'year';
export type CoverageRow = { key: string; expectedDays: number; observedDays: number; missedDays: number };

function keyOf(bucket: CoverageBucket): RawBuilder<string> {
  switch (bucket) {
    case 'none': return sql`''`;
    case 'day': return sql`to_char(d.day, 'YYYY-MM-DD')`;
    case 'week': return sql`to_char(date_trunc('week', d.day::timestamp), 'YYYY-MM-DD')`;
    case 'month': return sql`to_char(d.day, 'YYYY-MM')`;
    case 'year': return sql`to_char(d.day, 'YYYY')`;
  }
}

export async function coverageRows(
  db: Executor, f: { from: string; to: string; areaId?: string }, bucket: CoverageBucket,
): Promise<CoverageRow[]> {
  const area = f.areaId ? sql`a.id = ${f.areaId}::uuid` : sql`a.active`;
  const opArea = f.areaId ? sql`AND o.area_id = ${f.areaId}::uuid` : sql``;
  const shiftArea = f.areaId ? sql`AND s.area_id = ${f.areaId}::uuid` : sql``;
  const result = await sql<CoverageRow>`
    WITH d AS (
      SELECT g::date AS day FROM generate_series(${f.from}::date, ${f.to}::date, interval '1 day') AS g
    ), expected AS (
      SELECT DISTINCT d.day FROM d CROSS JOIN areas a LEFT JOIN rota_rules r ON r.area_id = a.id
      WHERE ${area}
        AND (r.area_id IS NULL OR extract(isodow FROM d.day)::smallint = ANY (r.weekdays))
        AND NOT EXISTS (SELECT 1 FROM rota_exceptions x WHERE x.area_id = a.id AND d.day BETWEEN x.from_day AND x.to_day)
    ), observed AS (
      -- A probe per day (migration 20i-02's index): a year is 365 index lookups, not its ≈ 17,000 operations read from the heap.
      SELECT d.day FROM d WHERE EXISTS (SELECT 1 FROM operations o WHERE o.date = d.day AND o.deleted_at IS NULL ${opArea})
      UNION
      SELECT s.day FROM rota_shifts s
      WHERE s.day >= ${f.from}::date AND s.day <= ${f.to}::date AND s.nothing_to_report_at IS NOT NULL ${shiftArea}
    )
    SELECT ${keyOf(bucket)} AS key,
      count(e.day)::int AS "expectedDays",
      count(o.day)::int AS "observedDays",
      count(e.day) FILTER (WHERE o.day IS NULL)::int AS "missedDays"
    FROM d LEFT JOIN expected e ON e.day = d.day LEFT JOIN observed o ON o.day = d.day
    GROUP BY 1 ORDER BY 1`.execute(db);
  return result.rows;
}
