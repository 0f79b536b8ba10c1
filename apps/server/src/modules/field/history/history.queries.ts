import type { Executor } from '../../../platform/db/database.js';

/** Every saved version of a synced record: the history screen and merge provenance read it. */
export async function insertVersionRow(db: Executor, v: {
  organisationId: string; entityType: string; entityId: string; version: number; data: unknown; changedBy: string; commandId?: string | null; changedAt?: Date;
}) {
  await db.insertInto('record_versions').values({
    organisation_id: v.organisationId, entity_type: v.entityType, entity_id: v.entityId, version: v.version,
    data: JSON.stringify(v.data), changed_by: v.changedBy, command_id: v.commandId ?? null, ...(v.changedAt && { changed_at: v.changedAt }),
  }).execute();
}

export async function listVersions(db: Executor, entityType: string, entityId: string) {
  return db.selectFrom('record_versions as v').leftJoin('users as u', 'u.id', 'v.changed_by')
    .select(['v.version', 'v.data', 'v.changed_at', 'v.changed_by', 'u.display_name']).where('v.entity_type', '=', entityType)
    .where('v.entity_id', '=', entityId).orderBy('v.version').execute();
}
