import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import { coverOf, rangeWhere, type Range } from './statistics.cover.js';
import type { ScopedFilter } from './statistics.queries.js';

/** What `distinctSites` reads: the narrow cells per site, their extra conditions and columns, and the group over their rows `u` (and site `s`). */
export type SiteCells = {
  cells: RawBuilder<unknown>; where?: RawBuilder<unknown>[]; group: RawBuilder<string>;
  /** The cells' columns read: the site and evictions, and whatever `group` reads. */
  columns?: RawBuilder<unknown>;
  /** Whether `group` reads the site (`s`): joined then, and whenever an area or commune filters. */
  bySite?: boolean;
  /** A range of edge days' rows in the columns' shape, for cells without days (the place cells hold months and years). */
  edgeDays?: (r: Range) => RawBuilder<unknown>;
};

/**
 * Distinct sites with counted evictions per group under the filter, from narrow cells per site read
 * from their index alone (the combination × site cells under a force filter, the legal × site cells
 * by basis): the period's whole months and edge days each its own scan — an OR of the ranges is a
 * bitmap scan of the heap (60–85 ms for ten months and some days at a million evictions). A key's
 * unfolded delta rows add up per site first. The site is joined only when a place filters or
 * groups: a merged site's old cells have none.
 */
export async function distinctSites(db: Executor, f: ScopedFilter, read: SiteCells): Promise<Map<string, number>> {
  return sitesByKey((await sql<{ key: string; sites: number }>`${distinctSitesQuery(f, read)}`.execute(db)).rows);
}

/** The distinct sites' rows (key, sites) as one statement, for a caller that reads them only while stored rows hold (`rowsIfHeld`). */
export function distinctSitesQuery(f: ScopedFilter, read: SiteCells): RawBuilder<unknown> {
  const ranges = coverOf(f.from, f.to, 'month').map((r) => (r.span === 'day' && read.edgeDays ? read.edgeDays(r) : sql`
    SELECT ${read.columns ?? sql`c.site_id, c.evictions`} FROM ${read.cells} c
    WHERE ${sql.join([rangeWhere(r), ...(f.includeDrafts ? [] : [sql`c.verified`]), ...(read.where ?? [])], sql` AND `)}`));
  const places: RawBuilder<unknown>[] = [sql`true`];
  if (f.areaId) places.push(sql`s.area_id = ${f.areaId}::uuid`);
  if (f.communeInsee) places.push(sql`s.commune_insee = ${f.communeInsee}`);
  const joined = read.bySite || f.areaId || f.communeInsee;
  return sql`
    SELECT key, count(*) FILTER (WHERE n > 0) AS sites FROM (
      SELECT ${read.group} AS key, u.site_id, sum(u.evictions) AS n FROM (${sql.join(ranges, sql` UNION ALL `)}) u
      ${joined ? sql`JOIN sites s ON s.id = u.site_id` : sql``} WHERE ${sql.join(places, sql` AND `)} GROUP BY 1, 2
    ) y GROUP BY key`;
}

export const sitesByKey = (rows: Array<{ key: string; sites: number }>) => new Map(rows.map((r) => [r.key, Number(r.sites)]));
