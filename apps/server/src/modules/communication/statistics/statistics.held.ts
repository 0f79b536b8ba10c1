import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';

/**
 * The rows of `rows` when `holds` is true, else undefined: whether stored sums or counts hold (no
 * unfolded cells in their period, made under the sites' current places) and the rows themselves in
 * one statement, so both are read in one snapshot — two statements could see a fold commit between
 * them. The check runs once; the rows are read only when it holds.
 */
export async function rowsIfHeld<R extends object>(db: Executor, holds: RawBuilder<boolean>, rows: RawBuilder<unknown>): Promise<R[] | undefined> {
  const result = await sql<{ vigie_held: boolean; vigie_row: boolean | null }>`
    WITH held AS (SELECT ${holds} AS ok)
    SELECT held.ok AS vigie_held, x.* FROM held LEFT JOIN LATERAL (SELECT true AS vigie_row, r.* FROM (${rows}) r) x ON held.ok`.execute(db);
  if (!result.rows[0]?.vigie_held) return undefined;
  // Held with no rows: the one row of the check, whose lateral part is null.
  return result.rows.filter((r) => r.vigie_row).map(({ vigie_held: _held, vigie_row: _row, ...r }) => r as unknown as R);
}

/** Whether none of a family's cells (`cells`, read as `c`) matching `where` is unfolded: its stored sums or counts include them all. */
export const noneUnfolded = (cells: RawBuilder<unknown>, where: RawBuilder<unknown>) =>
  sql<boolean>`NOT EXISTS (SELECT 1 FROM ${cells} c WHERE NOT c.folded AND ${where})`;

/** Whether a family's stored sums or counts were made under the sites' current places (`state`: its sites version table). */
export const madeUnderCurrentSites = (state: RawBuilder<unknown>) =>
  sql<boolean>`EXISTS (SELECT 1 FROM ${state} st WHERE st.sites_version = coalesce((SELECT v.version FROM statistics_site_versions v), 0))`;
