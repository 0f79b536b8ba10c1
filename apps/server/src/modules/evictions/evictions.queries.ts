import type { Executor } from '../../platform/db/database.js';
import { currentXid } from '../../platform/db/change-xid.js';
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

export async function replaceTallies(db: Executor, organisationId: string, evictionId: string, tallies: Tallies) {
  await db.deleteFrom('eviction_tallies').where('eviction_id', '=', evictionId).execute();
  const rows = [
    ...tallies.seized.map((t) => ({ kind: 'seized', ...t })),
    ...tallies.destroyed.map((t) => ({ kind: 'destroyed', ...t })),
  ].map((t) => ({ eviction_id: evictionId, organisation_id: organisationId, kind: t.kind, term: t.term, n: t.n, at_least: t.atLeast }));
  if (rows.length) await db.insertInto('eviction_tallies').values(rows).execute();
}

export async function talliesOf(db: Executor, evictionIds: string[]): Promise<Map<string, Tallies>> {
  const map = new Map<string, Tallies>(evictionIds.map((id) => [id, { seized: [], destroyed: [] }]));
  if (evictionIds.length === 0) return map;
  const rows = await db.selectFrom('eviction_tallies').selectAll().where('eviction_id', 'in', evictionIds).orderBy('term').execute();
  for (const r of rows) {
    const t = map.get(r.eviction_id);
    if (t) (r.kind === 'seized' ? t.seized : t.destroyed).push({ term: r.term, n: r.n, atLeast: r.at_least });
  }
  return map;
}

/** Evictions at the same site on the same day: the candidates for duplicate detection. */
export async function sameSiteSameDay(db: Executor, siteId: string, date: string) {
  return db.selectFrom('evictions').select(['id', 'site_id', 'date', 'arrived_at', 'left_at'])
    .where('site_id', '=', siteId).where('date', '=', date).where('deleted_at', 'is', null).where('merged_into', 'is', null).execute();
}
