import { evictionIdsInScope, type PullScope } from '../sync/pull-scope.js';
import { visibleEviction, type RecordReader } from './eviction-visibility.js';
import { sql, type RawBuilder } from 'kysely';
import { flattenTallies, nestTallies, type FlatTally } from '@vigie/domain';
import type { pendingAuditRow } from '../../../platform/audit/audit-trail.js';
import type { Executor } from '../../../platform/db/database.js';
import { currentXid } from '../../../platform/db/change-xid.js';
import { PREPARED } from '../../../platform/db/prepared.js';
import type { EvictionRow, Tallies } from './evictions.mapping.js';

export async function findEviction(db: Executor, id: string, lock = false): Promise<EvictionRow | undefined> {
  let q = db.selectFrom('evictions').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertEviction(db: Executor, row: Record<string, unknown> & { id: string; organisation_id: string; created_by: string }) {
  await db.insertInto('evictions').values({ ...row, updated_by: row.created_by } as never).execute();
}

export async function updateEviction(db: Executor, id: string, changes: Record<string, unknown>) {
  await db.updateTable('evictions').set({ ...changes, change_xid: currentXid(), updated_at: new Date() } as never).where('id', '=', id).execute();
}

/** The stored rows of a record's items: one per whole and one per part (naming its whole). */
export function tallyRows(tallies: Tallies) {
  return (['seized', 'destroyed'] as const).flatMap((kind) => flattenTallies(tallies[kind])
    .map((t) => ({ kind, term: t.term, n: t.n, at_least: t.atLeast, part_of: t.partOf })));
}

export async function replaceTallies(db: Executor, organisationId: string, evictionId: string, tallies: Tallies) {
  await db.deleteFrom('eviction_tallies').where('eviction_id', '=', evictionId).execute();
  const rows = tallyRows(tallies).map((t) => ({ eviction_id: evictionId, organisation_id: organisationId, ...t }));
  if (rows.length) await db.insertInto('eviction_tallies').values(rows).execute();
}

export async function talliesOf(db: Executor, evictionIds: string[]): Promise<Map<string, Tallies>> {
  const map = new Map<string, Tallies>(evictionIds.map((id) => [id, { seized: [], destroyed: [] }]));
  if (evictionIds.length === 0) return map;
  const rows = await db.selectFrom('eviction_tallies').selectAll().where('eviction_id', 'in', evictionIds).orderBy('term').execute();
  const flat = { seized: [] as Array<FlatTally & { id: string }>, destroyed: [] as Array<FlatTally & { id: string }> };
  for (const r of rows) {
    const t = map.get(r.eviction_id);
    if (t) (r.kind === 'seized' ? flat.seized : flat.destroyed).push({ id: r.eviction_id, term: r.term, n: r.n, atLeast: r.at_least, partOf: r.part_of });
  }
  for (const [id, t] of map) {
    t.seized = nestTallies(flat.seized.filter((r) => r.id === id));
    t.destroyed = nestTallies(flat.destroyed.filter((r) => r.id === id));
  }
  return map;
}

/** Evictions at the same site on the same day: the candidates for duplicate detection. */
export async function sameSiteSameDay(db: Executor, siteId: string, date: string, reader: RecordReader) {
  return db.selectFrom('evictions as e').select(['e.id', 'e.site_id', 'e.date', 'e.arrived_at', 'e.left_at'])
    .where('e.site_id', '=', siteId).where('e.date', '=', date).where('e.deleted_at', 'is', null).where('e.merged_into', 'is', null)
    .where(visibleEviction(reader, 'e')).execute();
}

/**
 * What saving an eviction must check, in one round trip: its operation and site exist, which of
 * the list values it names exist, and whether the eviction itself exists already. `command` is a
 * caller's sub-select read in the same statement (a sync command's earlier answer).
 */
export async function evictionReferences<Command>(db: Executor, r: {
  id: string; operationId: string; siteId: string; terms: ReadonlyArray<readonly [string, string]>; command?: RawBuilder<Command | null>;
}) {
  const { rows } = await sql<{ command: Command | null; operation: boolean; site: boolean; site_merged_into: string | null; existing: boolean; terms: string[]; wholes: string[] }>`${PREPARED}
    SELECT ${r.command ?? sql`NULL`} AS command,
           EXISTS (SELECT 1 FROM operations WHERE id = ${r.operationId}) AS operation,
           EXISTS (SELECT 1 FROM sites WHERE id = ${r.siteId}) AS site,
           (SELECT merged_into FROM sites WHERE id = ${r.siteId}) AS site_merged_into,
           EXISTS (SELECT 1 FROM evictions WHERE id = ${r.id}) AS existing,
           ARRAY(SELECT kind || ':' || code FROM taxonomy_terms
                 WHERE (kind, code) IN (SELECT * FROM unnest(${r.terms.map(([k]) => k)}::text[], ${r.terms.map(([, c]) => c)}::text[]))) AS terms,
           ARRAY(SELECT kind || ':' || code || '<' || part_of FROM taxonomy_terms
                 WHERE part_of IS NOT NULL AND (kind, code) IN (SELECT * FROM unnest(${r.terms.map(([k]) => k)}::text[], ${r.terms.map(([, c]) => c)}::text[]))) AS wholes`
    .execute(db);
  const row = rows[0]!;
  // 'item_type:tent_with_belongings' → 'tent': the whole each named part belongs to.
  const wholeOf = new Map(row.wholes.map((w) => [w.slice(0, w.indexOf('<')), w.slice(w.indexOf('<') + 1)]));
  return { command: row.command, operation: row.operation, site: row.site, siteMergedInto: row.site_merged_into, existing: row.existing, knownTerms: new Set(row.terms), wholeOf };
}

/**
 * A new eviction with its tallies, its first version and its audit entry, in one statement:
 * the write path of a phone's submission, where round trips are most of the cost (docs/PERFORMANCE.md).
 * `also` is a caller's data-modifying statement run as one more part of it (a sync command's answer).
 */
export async function insertNewEviction(db: Executor, n: {
  row: Record<string, unknown> & { id: string; organisation_id: string; created_by: string };
  tallies: Tallies; version: { data: unknown; commandId: string | null }; audit: ReturnType<typeof pendingAuditRow>;
  also?: RawBuilder<unknown>;
}) {
  const row = { ...n.row, updated_by: n.row.created_by };
  const tallies = tallyRows(n.tallies);
  const a = n.audit;
  await sql`${PREPARED}
    WITH e AS (
      INSERT INTO evictions (${sql.join(Object.keys(row).map((k) => sql.ref(k)))})
      VALUES (${sql.join(Object.values(row).map((v) => sql`${v}`))})
      RETURNING id, organisation_id, created_by
    ), t AS (
      INSERT INTO eviction_tallies (eviction_id, organisation_id, kind, term, n, at_least, part_of)
      SELECT e.id, e.organisation_id, x.kind, x.term, x.n, x.at_least, x.part_of
      FROM e, jsonb_to_recordset(${JSON.stringify(tallies)}::jsonb) AS x(kind text, term text, n integer, at_least boolean, part_of text)
    ), v AS (
      INSERT INTO record_versions (organisation_id, entity_type, entity_id, version, data, changed_by, command_id)
      SELECT e.organisation_id, 'eviction', e.id, 1, ${JSON.stringify(n.version.data)}::jsonb, e.created_by, ${n.version.commandId}::uuid FROM e
    )${n.also ? sql`, carried AS (${n.also})` : sql``}
    INSERT INTO audit_pending (at, organisation_id, actor_id, action, entity_type, entity_id, before, after, context)
    SELECT ${a.at}::timestamptz, ${a.organisation_id}::uuid, ${a.actor_id}::uuid, ${a.action}, ${a.entity_type}, ${a.entity_id},
           ${a.before}::jsonb, ${a.after}::jsonb, ${a.context}::jsonb
    FROM e`.execute(db);
}

/** Evictions with their site's code and name and their author's name: the rows of pages and queues. */
function rowsWithNames(db: Executor) {
  return db.selectFrom('evictions as e').leftJoin('sites as s', 's.id', 'e.site_id').leftJoin('users as u', 'u.id', 'e.created_by')
    .selectAll('e').select(['s.code as site_code', 's.name as site_name', 'u.display_name as author_name']);
}
export type NamedEvictionRow = Awaited<ReturnType<ReturnType<typeof rowsWithNames>['execute']>>[number];

export async function findNamedEviction(db: Executor, id: string) {
  return rowsWithNames(db).where('e.id', '=', id).where('e.deleted_at', 'is', null).executeTakeFirst();
}

export async function namedEvictions(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return rowsWithNames(db).where('e.id', 'in', [...ids]).where('e.deleted_at', 'is', null).orderBy('e.arrived_at').execute();
}

/** The live evictions of one operation, in arrival order (its page); duplicates folded into another are left out. */
export async function evictionsOfOperation(db: Executor, operationId: string) {
  return rowsWithNames(db).where('e.operation_id', '=', operationId).where('e.deleted_at', 'is', null).where('e.merged_into', 'is', null)
    .orderBy('e.arrived_at').limit(200).execute();
}

/** Submitted evictions waiting for a coordinator, oldest first. */
export async function submittedEvictions(db: Executor, limit: number) {
  return rowsWithNames(db).where('e.status', '=', 'submitted').where('e.deleted_at', 'is', null).where('e.merged_into', 'is', null)
    .orderBy('e.arrived_at').limit(limit).execute();
}

/** Evictions sent back to their observers since a date (the coordinator's home shows them). */
export async function countRejectedSince(db: Executor, since: Date) {
  const row = await db.selectFrom('evictions').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'rejected').where('updated_at', '>=', since).where('deleted_at', 'is', null).where('merged_into', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countSubmitted(db: Executor) {
  const row = await db.selectFrom('evictions').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'submitted').where('deleted_at', 'is', null).where('merged_into', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Time spans of the live evictions of some days: the candidates for duplicate detection. */
export async function spansOfDays(db: Executor, days: readonly string[]) {
  if (days.length === 0) return [];
  return db.selectFrom('evictions').select(['id', 'site_id', 'date', 'arrived_at', 'left_at'])
    .where('date', 'in', [...days]).where('deleted_at', 'is', null).where('merged_into', 'is', null).where('status', '!=', 'rejected').execute();
}

/** Rows written since a transaction-id cursor (sync pull), oldest change first. */
export async function evictionsChangedSince(db: Executor, since: number, limit: number, scope: PullScope) {
  return db.selectFrom('evictions').selectAll().where('change_xid', '>=', since).where('deleted_at', 'is', null)
    .where('id', 'in', evictionIdsInScope(db, scope))
    .orderBy('change_xid').limit(limit).execute();
}

/** Escapes LIKE's wildcards so a search for "50%" or "a_b" means those characters. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function searchEvictionRows(db: Executor, f: { from?: string; to?: string; siteId?: string; corps?: string; q?: string }, limit: number, reader: RecordReader) {
  let q = rowsWithNames(db).where('e.deleted_at', 'is', null).where('e.merged_into', 'is', null).where(visibleEviction(reader, 'e'));
  if (f.from) q = q.where('e.date', '>=', f.from);
  if (f.to) q = q.where('e.date', '<=', f.to);
  if (f.siteId) q = q.where('e.site_id', '=', f.siteId);
  if (f.corps) q = q.where(sql<boolean>`e.forces @> ${JSON.stringify([{ corps: f.corps }])}::jsonb`);
  if (f.q) {
    const p = likePattern(f.q);
    q = q.where((eb) => eb.or([
      eb('s.code', 'ilike', p), eb('s.name', 'ilike', p), eb('e.legal_basis_text', 'ilike', p),
      eb(sql<string>`array_to_string(s.aliases, ' ')`, 'ilike', p),
    ]));
  }
  return q.orderBy('e.arrived_at', 'desc').limit(limit).execute();
}

/** Every eviction recorded at a site, whatever its state (merged duplicates and deleted ones too: they still name it). */
export async function evictionIdsAtSite(db: Executor, siteId: string) {
  return (await db.selectFrom('evictions').select('id').where('site_id', '=', siteId).orderBy('id').forUpdate().execute()).map((r) => r.id);
}

export async function evictionsForRelocation(db: Executor, ids: readonly string[], atSiteId: string) {
  if (ids.length === 0) return [];
  return db.selectFrom('evictions').select(['id', 'version']).where('id', 'in', ids).where('site_id', '=', atSiteId).orderBy('id').forUpdate().execute();
}
