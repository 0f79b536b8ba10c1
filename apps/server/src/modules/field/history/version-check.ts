import type { Executor } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/catalogue.js';

export class VersionConflict extends AppError {
  constructor(readonly currentVersion: number) {
    super('field.version_conflict', { currentVersion });
  }
}

/**
 * An edit made from version `baseVersion` may apply to the record at `currentVersion` when
 * every version in between was saved by the same person: a phone's outbox replays its own
 * edits in order, and must not conflict with itself. A version by anyone else in between is
 * a real concurrent edit: refused here, and kept for review by the caller.
 */
export async function assertNoConcurrentEdit(
  db: Executor, entityType: string, entityId: string, baseVersion: number | null, currentVersion: number, userId: string,
): Promise<void> {
  const from = baseVersion ?? 0;
  if (from >= currentVersion) return;
  const other = await db.selectFrom('record_versions').select('version')
    .where('entity_type', '=', entityType).where('entity_id', '=', entityId)
    .where('version', '>', from).where((eb) => eb.or([eb('changed_by', '!=', userId), eb('changed_by', 'is', null)]))
    .executeTakeFirst();
  if (other) throw new VersionConflict(currentVersion);
}
