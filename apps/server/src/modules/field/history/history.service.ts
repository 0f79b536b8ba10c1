import { diffRecords, type RecordVersionView } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';
import { insertVersionRow, listVersions } from './history.queries.js';

/**
 * The history module's entry points: every save use case records its version here, and every
 * record page reads its history from here (other modules never touch record_versions).
 */
export async function insertVersion(db: Executor, v: {
  organisationId: string; entityType: string; entityId: string; version: number; data: unknown; changedBy: string; commandId?: string | null; changedAt?: Date;
}) {
  await insertVersionRow(db, v);
}

/** Each version with what changed since the one before, field by field (worded by the web in the reader's language). */
export async function readHistory(db: Executor, entityType: string, entityId: string): Promise<RecordVersionView[]> {
  const rows = await listVersions(db, entityType, entityId);
  return rows.map((r, i) => ({
    version: r.version,
    changedAt: r.changed_at.toISOString(),
    changedBy: { id: r.changed_by, displayName: r.display_name },
    changes: diffRecords(i === 0 ? null : (rows[i - 1]!.data as Record<string, unknown>), r.data as Record<string, unknown>)
      .map((c) => ({ field: c.field, before: toJson(c.before), after: toJson(c.after) })),
  }));
}

/** The data was JSON in the database: undefined (a field absent on one side) reads as null. */
const toJson = (v: unknown) => (v === undefined ? null : (v as RecordVersionView['changes'][number]['before']));

/** The latest saved content of a record (what a conflict is compared against). */
export async function latestVersionData(db: Executor, entityType: string, entityId: string) {
  const rows = await listVersions(db, entityType, entityId);
  const last = rows[rows.length - 1];
  return last ? { version: last.version, data: last.data as Record<string, unknown> } : null;
}
