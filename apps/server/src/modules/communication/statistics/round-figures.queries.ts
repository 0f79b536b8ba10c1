import { sql, type RawBuilder } from 'kysely';
import { ROUND_NEEDS, type RoundAggregate, type RoundCountSum, type RoundNeed } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';
import type { ScopedFilter } from './statistics.queries.js';

type Row = Record<string, string | number | boolean | null>;

const needSql = (need: RoundNeed) => {
  const n = sql.lit(need);
  return sql`coalesce(sum((r.needs -> ${n} ->> 'n')::int), 0) AS ${sql.ref(`${need}_n`)},
    coalesce(bool_or((r.needs -> ${n} ->> 'atLeast')::boolean), false) AS ${sql.ref(`${need}_flag`)},
    coalesce(bool_or(r.needs -> ${n} IS NULL), false) AS ${sql.ref(`${need}_blank`)},
    coalesce(bool_or(r.needs -> ${n} IS NOT NULL), false) AS ${sql.ref(`${need}_recorded`)}`;
};

/**
 * The outreach rounds of a period (their Paris day of start) and area, live ones: each counts once
 * recorded (rounds have no review). A site or commune filter keeps the rounds that visited it.
 */
export async function roundAggregate(db: Executor, f: ScopedFilter): Promise<RoundAggregate> {
  const where: RawBuilder<unknown>[] = [
    sql`r.deleted_at IS NULL`,
    sql`(r.started_at AT TIME ZONE 'Europe/Paris')::date BETWEEN ${f.from}::date AND ${f.to}::date`,
  ];
  if (f.areaId) where.push(sql`r.area_id = ${f.areaId}::uuid`);
  if (f.siteId) where.push(sql`${f.siteId}::uuid = ANY(r.site_ids)`);
  if (f.communeInsee) where.push(sql`EXISTS (SELECT 1 FROM sites s WHERE s.id = ANY(r.site_ids) AND s.commune_insee = ${f.communeInsee})`);
  const row = (await sql<Row>`
    SELECT count(*) AS rounds,
      coalesce(sum(r.people_met), 0) AS people_n, coalesce(bool_or(r.people_met_at_least), false) AS people_flag,
      coalesce(bool_or(r.people_met IS NULL), false) AS people_blank, coalesce(bool_or(r.people_met IS NOT NULL), false) AS people_recorded,
      ${sql.join(ROUND_NEEDS.map(needSql))}
    FROM outreach_rounds r
    WHERE ${sql.join(where, sql` AND `)}`.execute(db)).rows[0]!;
  const sum = (prefix: string): RoundCountSum => ({
    n: Number(row[`${prefix}_n`]), flagged: Boolean(row[`${prefix}_flag`]), blank: Boolean(row[`${prefix}_blank`]), recorded: Boolean(row[`${prefix}_recorded`]),
  });
  return {
    rounds: Number(row.rounds),
    peopleMet: sum('people'),
    needs: Object.fromEntries(ROUND_NEEDS.map((need) => [need, sum(need)])) as Record<RoundNeed, RoundCountSum>,
  };
}
