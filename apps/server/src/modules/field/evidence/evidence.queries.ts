import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type { EvidenceRow, EvidenceTable } from './evidence.table.js';

export async function insertEvidence(db: Executor, row: Insertable<EvidenceTable>): Promise<EvidenceRow> {
  return db.insertInto('evidence').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findEvidence(db: Executor, id: string): Promise<EvidenceRow | undefined> {
  return db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listEvidenceOfEviction(db: Executor, evictionId: string): Promise<EvidenceRow[]> {
  return db.selectFrom('evidence').selectAll().where('eviction_id', '=', evictionId).orderBy('created_at').limit(1000).execute();
}

/** Moves the offset only if nobody else moved it meanwhile: the row is the truth on where to resume. */
export async function advanceOffset(db: Executor, id: string, from: number, to: number): Promise<boolean> {
  const res = await db.updateTable('evidence').set({ upload_offset: to })
    .where('id', '=', id).where('status', '=', 'uploading').where('upload_offset', '=', from).executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

/** Ends an upload in 'stored' or 'rejected'; only an upload still in progress can end. */
export async function finishUpload(db: Executor, id: string, changes: Updateable<EvidenceTable>): Promise<EvidenceRow | undefined> {
  return db.updateTable('evidence').set(changes).where('id', '=', id).where('status', '=', 'uploading').returningAll().executeTakeFirst();
}

export async function findLiveEviction(db: Executor, id: string) {
  return db.selectFrom('evictions').select(['id']).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findLiveIncident(db: Executor, id: string) {
  return db.selectFrom('incidents').select(['id', 'eviction_id']).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}
