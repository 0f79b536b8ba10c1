import type { Executor } from '../../../platform/db/database.js';

export async function findCommand(db: Executor, id: string) {
  return db.selectFrom('sync_commands').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCommand(db: Executor, c: { id: string; organisationId: string; userId: string; type: string; payloadHash: string; result: unknown }) {
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
