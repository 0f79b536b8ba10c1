import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';

/**
 * All the SQL of the statistics. Every query starts from the same set of "counted" evictions
 * (see `countedWhere`) so that a figure, its breakdowns, its series and its drill-down list
 * always agree. Days are the eviction's `date` column, already the Europe/Paris day of arrival;
 * incidents' days are derived with AT TIME ZONE 'Europe/Paris'.
 *
 * Speed (1,000,000 evictions, docs/PERFORMANCE.md): tallies and incidents carry a copy of their
 * eviction's day, site and counted state (migration 42, kept by triggers), so item and incident
 * counts read their own index and join the evictions only when a filter or grouping needs an
 * eviction column (force, legal basis). The indexes of migration 43 cover every column read.
 */

/** A filter whose names have been checked and turned into ids (statistics.service does that). */
export type ScopedFilter = {
  from: string; to: string; areaId?: string; communeInsee?: string; siteId?: string; forceCorps?: string;
  includeDrafts: boolean; itemType?: string;
  /** Force corps that must all have been present, and corps that must all have been absent ("police nationale et BAC sans CRS"). */
  forcesPresent?: string[]; forcesAbsent?: string[];
  /**
   * Evictions saved but not yet counted in the cells (migration 20k-01; the promoter counts them
   * within a fraction of a second): until then the cells cannot answer, and figures are recounted.
   */
  pending?: boolean;
  /**
   * The latest day of any eviction of the organisation, in any state (null: it has none), read with
   * `pending`: figures made of evictions alone may then read the period on to the end of its month
   * or year (`cellsPeriod`). Absent: the period is read as it is.
   */
  lastDay?: string | null;
};

export type GroupKey = 'none' | 'day' | 'week' | 'month' | 'year' | 'area' | 'commune' | 'site' | 'legalBasis';
export type Bucket = 'day' | 'week' | 'month' | 'year';

/** The period a Paris day belongs to, as text ('2026-03-30', '2026-03', '2026'); weeks start on Monday. */
export function bucketOf(column: RawBuilder<unknown>, bucket: Bucket): RawBuilder<string> {
  switch (bucket) {
    case 'day': return sql`to_char(${column}, 'YYYY-MM-DD')`;
    case 'week': return sql`to_char(date_trunc('week', ${column}::timestamp), 'YYYY-MM-DD')`;
    case 'month': return sql`to_char(${column}, 'YYYY-MM')`;
    case 'year': return sql`to_char(${column}, 'YYYY')`;
  }
}

/** The group's key; `day` is the eviction's day as the row being counted holds it. */
export function keyOf(key: GroupKey, day: RawBuilder<unknown> = sql`e.date`, area: RawBuilder<unknown> = sql`s.area_id`): RawBuilder<string> {
  switch (key) {
    case 'none': return sql`''`;
    case 'area': return sql`${area}::text`;
    case 'commune': return sql`s.commune_insee`;
    case 'site': return sql`s.id::text`;
    case 'legalBasis': return sql`coalesce(e.legal_basis_category, 'unknown')`;
    default: return bucketOf(day, key);
  }
}

const countedStatus = (f: ScopedFilter, column: RawBuilder<unknown>) =>
  f.includeDrafts ? sql`${column} IN ('draft', 'submitted', 'verified')` : sql`${column} = 'verified'`;

/**
 * The evictions that count: in the period, not deleted, not merged into another record, and
 * verified (or, for the draft view, anything not rejected). The live test is written exactly
 * as the partial index evictions_statistics_idx expects so PostgreSQL can use it.
 */
export function countedWhere(f: ScopedFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [
    sql`e.date >= ${f.from}::date`, sql`e.date <= ${f.to}::date`,
    sql`e.deleted_at IS NULL`, sql`e.merged_into IS NULL`, countedStatus(f, sql`e.status`),
  ];
  if (f.areaId) parts.push(sql`s.area_id = ${f.areaId}::uuid`);
  if (f.communeInsee) parts.push(sql`s.commune_insee = ${f.communeInsee}`);
  if (f.siteId) parts.push(sql`e.site_id = ${f.siteId}::uuid`);
  if (f.forceCorps) parts.push(sql`e.forces @> ${JSON.stringify([{ corps: f.forceCorps }])}::jsonb`);
  for (const corps of f.forcesPresent ?? []) parts.push(sql`e.forces @> ${JSON.stringify([{ corps }])}::jsonb`);
  for (const corps of f.forcesAbsent ?? []) parts.push(sql`NOT (e.forces @> ${JSON.stringify([{ corps }])}::jsonb)`);
  if (f.itemType) {
    parts.push(sql`EXISTS (SELECT 1 FROM eviction_tallies t WHERE t.eviction_id = e.id AND t.kind = 'seized' AND t.term = ${f.itemType} AND t.n > 0)`);
  }
  return sql.join(parts, sql` AND `);
}

export const COUNT_COLUMNS = [
  'persons_evicted', 'women', 'children', 'families', 'unaccompanied_minors', 'arrests', 'arrests_with_violence', 'id_checks',
  'shelter_accepted',
] as const;
export type CountColumn = (typeof COUNT_COLUMNS)[number];
export const FLAG_COLUMNS = ['shelter_offered', 'social_assessment'] as const;
export type FlagColumn = (typeof FLAG_COLUMNS)[number];

/** Every figure's sum over cells (or over per-site sums of cells) whose columns are named as in statistics_cells. */
export const CELL_FIGURES = [
  ...COUNT_COLUMNS.map((c) => sql`sum(${sql.ref(`${c}_sum`)})::bigint AS ${sql.id(`${c}_sum`)}, sum(${sql.ref(`${c}_flag`)}) > 0 AS ${sql.id(`${c}_flag`)},
    sum(${sql.ref(`${c}_unknown`)}) > 0 AS ${sql.id(`${c}_unknown`)}`),
  ...FLAG_COLUMNS.map((c) => sql`sum(${sql.ref(`${c}_yes`)})::bigint AS ${sql.id(`${c}_yes`)}, sum(${sql.ref(`${c}_unknown`)}) > 0 AS ${sql.id(`${c}_unknown`)}`),
];

export const CELL_SUMS = ['evictions', 'not_full', 'quick', ...COUNT_COLUMNS.flatMap((c) => [`${c}_sum`, `${c}_flag`, `${c}_unknown`]), ...FLAG_COLUMNS.flatMap((c) => [`${c}_yes`, `${c}_unknown`])];

/**
 * The sums as one array, in the order of CELL_SUMS: what the generated `sums` column of
 * statistics_cells and statistics_place_cells holds (migration 20n-01), so that their covering
 * indexes answer; records recounted alongside them are packed the same way.
 */
export const packedSums = (x: string) => sql`ARRAY[${sql.join(CELL_SUMS.map((c) => sql`${sql.ref(`${x}.${c}`)}::bigint`))}]`;
/** Each sum of a packed array summed, named as the column it packs (`sum(u.sums[1]) AS evictions`, …). */
export const unpackedSums = (x: string) => CELL_SUMS.map((c, i) => sql`sum(${sql.ref(`${x}.sums`)}[${sql.lit(i + 1)}]) AS ${sql.id(c)}`);

export type EvictionAggregate = {
  key: string; evictions: number; sites: number; operations: number;
  /** Some eviction was not fully observed (partial view, or reported by others). */
  not_full: boolean;
  /** Some eviction was a quick record, whose items were not counted. */
  quick: boolean;
} & Record<`${CountColumn}_sum` | `${FlagColumn}_yes`, number>
  & Record<`${CountColumn}_flag` | `${CountColumn}_unknown` | `${FlagColumn}_unknown`, boolean>;

/** The live recount from the evictions themselves; `statistics.cells.ts` decides when the cells answer instead. */
export async function recountEvictionAggregates(db: Executor, f: ScopedFilter, key: GroupKey): Promise<EvictionAggregate[]> {
  const columns = COUNT_COLUMNS.map((c) => {
    const col = sql.ref(`e.${c}`);
    const flag = sql.ref(`e.${c}_at_least`);
    return sql`coalesce(sum(${col}), 0)::bigint AS ${sql.id(`${c}_sum`)},
      coalesce(bool_or(${flag}) FILTER (WHERE ${col} IS NOT NULL), false) AS ${sql.id(`${c}_flag`)},
      coalesce(bool_or(${col} IS NULL), false) AS ${sql.id(`${c}_unknown`)}`;
  });
  const flags = FLAG_COLUMNS.map((c) => {
    const col = sql.ref(`e.${c}`);
    return sql`count(*) FILTER (WHERE ${col}) AS ${sql.id(`${c}_yes`)}, coalesce(bool_or(${col} IS NULL), false) AS ${sql.id(`${c}_unknown`)}`;
  });
  const result = await sql<EvictionAggregate>`
    SELECT ${keyOf(key)} AS key, count(*) AS evictions, count(DISTINCT e.site_id) AS sites, count(DISTINCT e.operation_id) AS operations,
      coalesce(bool_or(e.coverage <> 'full'), false) AS not_full, coalesce(bool_or(e.quick), false) AS quick,
      ${sql.join(columns)}, ${sql.join(flags)}
    FROM evictions e ${siteJoin(f, key, 'e')}
    WHERE ${countedWhere(f)}
    GROUP BY 1`.execute(db);
  return result.rows;
}

/**
 * The same counted evictions, tested on the copy a tally or incident (alias `x`) holds of its
 * eviction's state, so the rows come from that table's own index (migration 43). Filters on the
 * eviction's own columns (force) need the eviction itself: `needsEviction`.
 */
export function copiedWhere(f: ScopedFilter, x: 't' | 'i', copied = true): RawBuilder<unknown> {
  const col = (name: string) => sql.ref(`${x}.${name}`);
  const parts: RawBuilder<unknown>[] = [
    sql`${col('eviction_date')} >= ${f.from}::date`, sql`${col('eviction_date')} <= ${f.to}::date`,
    sql`${col('eviction_live')}`, countedStatus(f, col('eviction_status')),
  ];
  if (f.areaId) parts.push(sql`${areaOf(x)} = ${f.areaId}::uuid`);
  if (f.communeInsee) parts.push(sql`s.commune_insee = ${f.communeInsee}`);
  if (f.siteId) parts.push(sql`${col('site_id')} = ${f.siteId}::uuid`);
  if (f.itemType) {
    parts.push(sql`EXISTS (SELECT 1 FROM eviction_tallies it WHERE it.eviction_id = ${col('eviction_id')} AND it.kind = 'seized' AND it.term = ${f.itemType} AND it.n > 0)`);
  }
  // The copy of the eviction's force combination (migration 20l-01; an incident outside an eviction has none, so a force filter leaves it out).
  if (copied && forceFiltered(f)) parts.push(...forcesOf(f, col('eviction_forces')));
  return sql.join(parts, sql` AND `);
}

/**
 * A force filter as a test of a force combination (the corps present, sorted and distinct: migration
 * 20l-01): the corps named present are all in it, none of the corps named absent is.
 */
export function forcesOf(f: ScopedFilter, combination: RawBuilder<unknown>): RawBuilder<unknown>[] {
  const codes = (list: string[]) => sql`ARRAY[${sql.join(list.map((c) => sql`${c}::text`))}]`;
  const present = [...(f.forceCorps ? [f.forceCorps] : []), ...(f.forcesPresent ?? [])];
  const parts: RawBuilder<unknown>[] = [];
  if (present.length) parts.push(sql`${combination} @> ${codes(present)}`);
  if (f.forcesAbsent?.length) parts.push(sql`NOT (${combination} && ${codes(f.forcesAbsent)})`);
  return parts;
}

/** A force filter on a combination cell (`c`). Only combination cells have the column: another table read with a force filter fails rather than ignores it. */
export const cellForcesWhere = (f: ScopedFilter) => forcesOf(f, sql`c.forces`);

/** Whether a filter names corps present or absent. */
export const forceFiltered = (f: ScopedFilter) => Boolean(f.forceCorps || f.forcesPresent?.length || f.forcesAbsent?.length);
/**
 * Tallies and incidents carry their eviction's legal basis and force combination (migrations 20c-01,
 * 20c-02, 20l-01): read from the copy, or (`copied: false`, the truth the copies are tested
 * against) from the eviction joined.
 */
const needsEviction = (f: ScopedFilter, key: GroupKey, copied: boolean) => !copied && (forceFiltered(f) || key === 'legalBasis');

/** The join to the counted eviction when needed, with its own period so both sides use their index. */
function evictionJoin(f: ScopedFilter, key: GroupKey, x: 't' | 'i', copied: boolean): RawBuilder<unknown> {
  if (!needsEviction(f, key, copied)) return sql``;
  return sql`JOIN evictions e ON e.id = ${sql.ref(`${x}.eviction_id`)} AND ${countedWhere({ ...f, areaId: undefined, communeInsee: undefined, itemType: undefined })}`;
}

/**
 * The site, only when an area or commune filter or a place grouping needs it: a join a month's rows
 * would otherwise all pay. An incident outside an eviction may have no site (a place in words):
 * its own area stands in for the site's (`areaOf`), and a commune filter or grouping leaves it out.
 */
export function siteJoin(f: ScopedFilter, key: GroupKey, x: 'e' | 't' | 'i'): RawBuilder<unknown> {
  const needed = Boolean(f.areaId || f.communeInsee) || key === 'area' || key === 'commune' || key === 'site';
  if (!needed) return sql``;
  return x === 'i' ? sql`LEFT JOIN sites s ON s.id = i.site_id` : sql`JOIN sites s ON s.id = ${sql.ref(`${x}.site_id`)}`;
}

/** The area a counted row belongs to: its site's, or an incident outside an eviction's own. */
const areaOf = (x: 't' | 'i') => (x === 'i' ? sql`coalesce(s.area_id, i.area_id)` : sql`s.area_id`);

/** `is_part`: rows of a part recorded under its whole ("dont"), already included in the whole's count. */
export type TallyAggregate = { key: string; kind: 'seized' | 'destroyed'; term: string; n: number; at_least: boolean; is_part: boolean };

/**
 * The live recount of items (see `recountEvictionAggregates`): the legal basis and the force
 * combination from each tally's copy of its eviction's (from the tallies' covering index alone), or
 * with `copied: false` from the eviction itself, joined (the truth the cells and copies are tested against).
 */
export async function recountTallyAggregates(db: Executor, f: ScopedFilter, key: GroupKey, { copied = false } = {}): Promise<TallyAggregate[]> {
  const byCopy = copied && key === 'legalBasis';
  const result = await sql<TallyAggregate>`
    SELECT ${byCopy ? sql`coalesce(t.eviction_legal_basis, 'unknown')` : keyOf(key, sql`t.eviction_date`)} AS key, t.kind, t.term, (t.part_of IS NOT NULL) AS is_part,
      sum(t.n)::bigint AS n, bool_or(t.at_least) AS at_least
    FROM eviction_tallies t ${siteJoin(f, key, 't')} ${evictionJoin(f, key, 't', copied)}
    WHERE ${copiedWhere(f, 't', copied)}
    GROUP BY 1, 2, 3, 4`.execute(db);
  return result.rows;
}

export type IncidentAggregate = { key: string; kind: 'violence' | 'obstruction'; incident_type: string; n: number; days?: string[] };

/**
 * Incidents of counted evictions, and verified incidents outside an eviction (their own day, site or
 * area and state are in the same copied columns: migration 16d-01), by type; with `days`, the Paris
 * days on which they happened (the breakdown by type lists them; a figure only counts, and turning
 * every incident's instant into a Paris day to keep the distinct ones was most of this read). A force
 * or legal-basis filter or grouping is about evictions: it leaves out incidents outside an eviction.
 * The legal basis is the incident's copy of its eviction's (no join); `copied: false` joins the
 * eviction instead, the recount the copy is tested against.
 */
export async function incidentAggregates(db: Executor, f: ScopedFilter, key: GroupKey, { copied = true, days = false } = {}): Promise<IncidentAggregate[]> {
  const byCopy = key === 'legalBasis' && !needsEviction(f, key, copied);
  const result = await sql<IncidentAggregate>`
    SELECT ${byCopy ? sql`coalesce(i.eviction_legal_basis, 'unknown')` : keyOf(key, sql`i.eviction_date`, areaOf('i'))} AS key, i.kind, i.incident_type, count(*) AS n
      ${days ? sql`, array_agg(DISTINCT to_char(i.occurred_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD')) AS days` : sql``}
    FROM incidents i ${siteJoin(f, key, 'i')} ${evictionJoin(f, key, 'i', copied)}
    WHERE ${copiedWhere(f, 'i', copied)} AND i.deleted_at IS NULL ${byCopy ? sql`AND i.eviction_id IS NOT NULL` : sql``}
    GROUP BY 1, 2, 3`.execute(db);
  return days ? result.rows.map((r) => ({ ...r, days: [...(r.days ?? [])].sort() })) : result.rows;
}

export type ForceAggregate = { corps: string; unit: string | null; evictions: number };

/** Evictions at which each force (corps and unit as the observer wrote it) was present. */
/** The live recount of forces present (see `recountEvictionAggregates`). */
export async function recountForceAggregates(db: Executor, f: ScopedFilter, level: 'corps' | 'unit'): Promise<ForceAggregate[]> {
  const unit = level === 'unit' ? sql`nullif(trim(fp.value->>'unit'), '')` : sql`NULL::text`;
  const result = await sql<ForceAggregate>`
    SELECT fp.value->>'corps' AS corps, ${unit} AS unit, count(DISTINCT e.id) AS evictions
    FROM evictions e ${siteJoin(f, 'none', 'e')} CROSS JOIN LATERAL jsonb_array_elements(e.forces) AS fp(value)
    WHERE ${countedWhere(f)}
    GROUP BY 1, 2`.execute(db);
  return result.rows;
}

export type ForceCombinationAggregate = { corps: string[]; evictions: number };

/** The live recount of evictions by the combination of force corps present at each (sorted codes; empty when no force was noted). */
export async function recountForceCombinations(db: Executor, f: ScopedFilter): Promise<ForceCombinationAggregate[]> {
  const result = await sql<{ combo: string; evictions: number }>`
    SELECT combo, count(*) AS evictions FROM (
      SELECT coalesce((SELECT string_agg(DISTINCT fp.value->>'corps', ' ' ORDER BY fp.value->>'corps') FROM jsonb_array_elements(e.forces) AS fp(value)), '') AS combo
      FROM evictions e ${siteJoin(f, 'none', 'e')}
      WHERE ${countedWhere(f)}
    ) c GROUP BY combo`.execute(db);
  return result.rows.map((r) => ({ corps: r.combo === '' ? [] : r.combo.split(' '), evictions: Number(r.evictions) }));
}

export type FindingDays = { finding: string; days: string[] };

/**
 * Yes/no findings of counted evictions and the Paris days on which they were seen: "food
 * distribution under way", "no interpreter", "shelter offered", "bailiff present"…
 */
export async function findingDays(db: Executor, f: ScopedFilter): Promise<FindingDays[]> {
  const result = await sql<FindingDays>`
    SELECT x.finding, array_agg(DISTINCT to_char(e.date, 'YYYY-MM-DD')) AS days
    FROM evictions e ${siteJoin(f, 'none', 'e')}
      CROSS JOIN LATERAL (VALUES
        ('foodDistribution', e.food_distribution IS TRUE), ('noInterpreter', e.interpreter = 'absent'),
        ('bailiff', e.bailiff IS TRUE), ('cleaningCompany', e.cleaning_company IS TRUE), ('shelterOffered', e.shelter_offered IS TRUE),
        ('noShelterOffered', e.shelter_offered IS FALSE), ('socialAssessment', e.social_assessment IS TRUE),
        ('peopleMovingBack', e.people_moving_back IS TRUE)
      ) AS x(finding, seen)
    WHERE ${countedWhere(f)} AND x.seen
    GROUP BY x.finding`.execute(db);
  return result.rows.map((r) => ({ finding: r.finding, days: [...r.days].sort() }));
}

export type EvictionListRow = {
  id: string; date: string; arrived_at: Date; status: string; coverage: string; site_id: string; site_code: string; site_name: string;
  commune_insee: string; persons_evicted: number | null; persons_evicted_at_least: boolean; total: number;
};

/** The evictions behind a figure, newest first, one page at a time. */
export async function listCountedEvictions(db: Executor, f: ScopedFilter, limit: number, offset: number): Promise<EvictionListRow[]> {
  const result = await sql<EvictionListRow>`
    SELECT e.id, e.date, e.arrived_at, e.status, e.coverage, s.id AS site_id, s.code AS site_code, s.name AS site_name, s.commune_insee,
      e.persons_evicted, e.persons_evicted_at_least, count(*) OVER () AS total
    FROM evictions e JOIN sites s ON s.id = e.site_id
    WHERE ${countedWhere(f)}
    ORDER BY e.arrived_at DESC, e.id
    LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return result.rows;
}

/** Every counted eviction's id, in the order they happened: the records a figure rests on, for an annex that lists them all. */
export async function countedEvictionIds(db: Executor, f: ScopedFilter): Promise<string[]> {
  const result = await sql<{ id: string }>`
    SELECT e.id FROM evictions e ${siteJoin(f, 'none', 'e')}
    WHERE ${countedWhere(f)}
    ORDER BY e.arrived_at, e.id`.execute(db);
  return result.rows.map((r) => r.id);
}

export async function countCountedEvictions(db: Executor, f: ScopedFilter): Promise<number> {
  const result = await sql<{ n: number }>`SELECT count(*) AS n FROM evictions e ${siteJoin(f, 'none', 'e')} WHERE ${countedWhere(f)}`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/* Names the caller gives, checked against this organisation's reference data. */

export async function findArea(db: Executor, code: string) {
  return db.selectFrom('areas').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst();
}
export async function findCommune(db: Executor, insee: string) {
  return db.selectFrom('communes').select(['insee_code', 'name', 'area_id']).where('insee_code', '=', insee).executeTakeFirst();
}
export async function findSite(db: Executor, id: string) {
  return db.selectFrom('sites').select(['id', 'code', 'name']).where('id', '=', id).executeTakeFirst();
}
export async function findTerm(db: Executor, kind: string, code: string) {
  return db.selectFrom('taxonomy_terms').select(['code']).where('kind', '=', kind).where('code', '=', code).executeTakeFirst();
}

export async function areasById(db: Executor) {
  return db.selectFrom('areas').select(['id', 'code', 'name']).execute();
}
export async function communeNames(db: Executor) {
  return db.selectFrom('communes').select(['insee_code', 'name']).execute();
}
export async function siteLabels(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('sites').select(['id', 'code', 'name', 'commune_insee', 'latitude', 'longitude']).where('id', 'in', ids).execute();
}
export async function termLabels(db: Executor, kind: string) {
  return db.selectFrom('taxonomy_terms').select(['code', 'label_fr', 'label_en']).where('kind', '=', kind).execute();
}

/** What the dashboard's filters offer: areas, communes, active sites and force corps of this organisation. */
export async function filterOptions(db: Executor) {
  const [areas, communes, sites, forces] = [
    await db.selectFrom('areas').select(['id', 'code', 'name']).where('active', '=', true).orderBy('name').execute(),
    await db.selectFrom('communes').select(['insee_code', 'name', 'area_id']).orderBy('name').execute(),
    await db.selectFrom('sites').select(['id', 'code', 'name', 'area_id', 'commune_insee']).where('active', '=', true).orderBy('code').execute(),
    await db.selectFrom('taxonomy_terms').select(['code', 'label_fr', 'label_en']).where('kind', '=', 'force_corps').where('active', '=', true).orderBy('sort').execute(),
  ];
  return { areas, communes, sites, forces };
}
