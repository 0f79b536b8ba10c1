import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import { rangeWhere, type Range } from './statistics.cover.js';
import { bucketOf, forceFiltered, type ScopedFilter, type TallyAggregate } from './statistics.queries.js';

/**
 * The items of one commune or area per ISO week, calendar month and year, as the five-minute fold
 * keeps them (migration 20p-02, `statistics_place_item_sums`): a sum over the place's sites, which
 * depends on where each site is, so the fold sums it again for each period it folded and whenever a
 * site moved. A reader uses the sums only while the period has no unfolded item cells and the sums
 * were made under the sites' current places; else returns undefined and the caller reads the item
 * cells per site. `statistics-cells.property.test.ts` proves both ways give the recount's figures.
 */

/** The groupings the sums answer within one place: the whole period, or a weekly, monthly or yearly series. */
export type PlaceSumsKey = 'none' | 'week' | 'month' | 'year';

/** The one commune or area a filter narrows to, when that is its only place and no force filters. */
function onePlace(f: ScopedFilter): { kind: 'commune' | 'area'; place: string } | undefined {
  if (f.siteId || forceFiltered(f)) return undefined;
  if (f.areaId && !f.communeInsee) return { kind: 'area', place: f.areaId };
  if (f.communeInsee && !f.areaId) return { kind: 'commune', place: f.communeInsee };
  return undefined;
}

/**
 * Items per group, term and whole-or-part within one place: the cover's whole weeks, months and
 * years from the stored sums, its edge days from the item cells (`edgeDays`, the caller's reading of
 * one range), in one statement with the check that the sums hold: one snapshot for all three.
 */
export async function storedPlaceTallyAggregates(
  db: Executor, f: ScopedFilter, key: PlaceSumsKey, cover: Range[], edgeDays: (r: Range) => RawBuilder<unknown>,
): Promise<TallyAggregate[] | undefined> {
  const place = onePlace(f);
  const whole = cover.filter((r) => r.span !== 'day');
  if (!place || !whole.length) return undefined;
  const stored = whole.map((r) => sql`
    SELECT ${key === 'none' ? sql`''` : bucketOf(sql`c.period`, key)} AS key, c.kind, c.term, c.is_part, c.n, c.at_least, c.tallies
    FROM statistics_place_item_sums c
    WHERE ${sql.join([rangeWhere(r), sql`c.place_kind = ${place.kind}`, sql`c.place = ${place.place}`, ...(f.includeDrafts ? [] : [sql`c.verified`])], sql` AND `)}`);
  const ranges = [...stored, ...cover.filter((r) => r.span === 'day').map(edgeDays)];
  const result = await sql<{ clean: boolean } & { [K in keyof TallyAggregate]: TallyAggregate[K] | null }>`
    WITH clean AS (
      SELECT NOT EXISTS (SELECT 1 FROM statistics_item_cells c WHERE NOT c.folded AND (${sql.join(whole.map(rangeWhere), sql` OR `)}))
        AND EXISTS (SELECT 1 FROM statistics_place_item_state st WHERE st.sites_version = coalesce((SELECT v.version FROM statistics_site_versions v), 0)) AS ok
    )
    SELECT clean.ok AS clean, x.* FROM clean LEFT JOIN LATERAL (
      SELECT key, kind, term, is_part, sum(n)::bigint AS n, sum(at_least) > 0 AS at_least
      FROM (${sql.join(ranges, sql` UNION ALL `)}) c
      GROUP BY 1, 2, 3, 4 HAVING sum(tallies) > 0
    ) x ON clean.ok`.execute(db);
  if (!result.rows[0]?.clean) return undefined;
  return result.rows.filter((r) => r.key !== null).map(({ clean: _clean, ...r }) => r as TallyAggregate);
}
