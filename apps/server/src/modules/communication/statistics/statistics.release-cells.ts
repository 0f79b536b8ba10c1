import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import { COUNT_COLUMNS, countedWhere, type CountColumn } from './statistics.queries.js';

export { COUNT_COLUMNS, type CountColumn };

/**
 * The finest cells a research release is built from: counted evictions (the very rule of every
 * figure, `countedWhere`) summed per site and Paris day, with the site's commune and area and
 * each count's at-least flag. The research module coarsens, suppresses and pseudonymises them;
 * it never reads the eviction tables itself.
 */
export type ReleaseBaseCell = {
  site_id: string; commune_insee: string; commune_name: string | null; area_code: string; day: string; evictions: number;
} & Record<CountColumn, number> & Record<`${CountColumn}_at_least`, boolean>;

/**
 * `columns` narrows the counts read to those a release publishes: over a million evictions the
 * half-million cells cost far less to fetch with two sums than with eighteen.
 */
export async function releaseBaseCells(db: Executor, from: string, to: string, columns: readonly CountColumn[] = COUNT_COLUMNS): Promise<ReleaseBaseCell[]> {
  const sums = columns.map((c) => sql`coalesce(sum(e.${sql.ref(c)}), 0)::int AS ${sql.ref(c)}, bool_or(e.${sql.ref(c)} IS NULL OR e.${sql.ref(`${c}_at_least`)}) AS ${sql.ref(`${c}_at_least`)}`);
  const result = await sql<ReleaseBaseCell>`
    SELECT e.site_id, s.commune_insee, c.name AS commune_name, a.code AS area_code, to_char(e.date, 'YYYY-MM-DD') AS day,
      count(*)::int AS evictions${sums.length ? sql`, ${sql.join(sums)}` : sql``}
    FROM evictions e JOIN sites s ON s.id = e.site_id JOIN areas a ON a.id = s.area_id
      LEFT JOIN communes c ON c.insee_code = s.commune_insee
    WHERE ${countedWhere({ from, to, includeDrafts: false })}
    GROUP BY e.site_id, s.commune_insee, c.name, a.code, e.date
    ORDER BY e.date, e.site_id`.execute(db);
  return result.rows;
}
