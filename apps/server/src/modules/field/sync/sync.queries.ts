import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';

/** What a replay needs of a command applied before. */
export type StoredCommand = { payload_hash: string; result: unknown };

export async function findCommand(db: Executor, id: string): Promise<StoredCommand | undefined> {
  return db.selectFrom('sync_commands').select(['payload_hash', 'result']).where('id', '=', id).executeTakeFirst();
}

type CommandRow = { id: string; organisationId: string; userId: string; type: string; payloadHash: string };

/**
 * A command's look-up and its recording as parts of the write's own statements (a sub-select
 * and a data-modifying CTE), for the write path of a phone's submission: two round trips fewer.
 */
export function carriedCommand(c: CommandRow, result: (version: number) => unknown) {
  return {
    lookup: sql<StoredCommand | null>`(SELECT jsonb_build_object('payload_hash', payload_hash, 'result', result) FROM sync_commands WHERE id = ${c.id}::uuid)`,
    store: (version: number) => sql`INSERT INTO sync_commands (id, organisation_id, user_id, type, payload_hash, result)
      VALUES (${c.id}::uuid, ${c.organisationId}::uuid, ${c.userId}::uuid, ${c.type}, ${c.payloadHash}, ${JSON.stringify(result(version))}::jsonb)`,
  };
}

export async function insertCommand(db: Executor, c: CommandRow & { result: unknown }) {
  await db.insertInto('sync_commands').values({
    id: c.id, organisation_id: c.organisationId, user_id: c.userId, type: c.type, payload_hash: c.payloadHash, result: JSON.stringify(c.result),
  }).execute();
}

export async function insertConflict(db: Executor, c: {
  organisationId: string; commandId: string; userId: string; reason: 'command_reused' | 'version_mismatch'; entityType: string;
  entityId: string | null; baseVersion: number | null; currentVersion: number | null; payload: unknown;
}) {
  await db.insertInto('sync_conflicts').values({
    organisation_id: c.organisationId, command_id: c.commandId, user_id: c.userId, reason: c.reason, entity_type: c.entityType,
    entity_id: c.entityId, base_version: c.baseVersion, current_version: c.currentVersion, payload: JSON.stringify(c.payload),
  }).execute();
}

export async function countOpenConflicts(db: Executor, filter: { entityType?: string; entityId?: string } = {}) {
  let q = db.selectFrom('sync_conflicts').select((eb) => eb.fn.countAll<string>().as('n')).where('resolved_at', 'is', null)
    .where('reason', '=', 'version_mismatch');
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function conflictsOfRecord(db: Executor, entityType: string, entityId: string) {
  return db.selectFrom('sync_conflicts as c').leftJoin('users as u', 'u.id', 'c.user_id').leftJoin('users as r', 'r.id', 'c.resolved_by')
    .selectAll('c').select(['u.display_name as sent_by_name', 'r.display_name as resolved_by_name'])
    .where('c.entity_type', '=', entityType).where('c.entity_id', '=', entityId).where('c.reason', '=', 'version_mismatch')
    .orderBy('c.received_at').limit(200).execute();
}

export async function lockConflict(db: Executor, id: string) {
  return db.selectFrom('sync_conflicts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function markConflictResolved(db: Executor, id: string, userId: string) {
  await db.updateTable('sync_conflicts').set({ resolved_at: new Date(), resolved_by: userId }).where('id', '=', id).execute();
}
