import type { Executor } from '../../../platform/db/database.js';
import './checklists.table.js';

export async function itemsOf(db: Executor, personId: string) {
  return db.selectFrom('person_checklist_items as i').leftJoin('users as u', 'u.id', 'i.done_by')
    .select(['i.id', 'i.kind', 'i.item', 'i.position', 'i.done_at', 'u.display_name as done_by_name'])
    .where('i.person_id', '=', personId).orderBy('i.kind', 'desc').orderBy('i.position').execute();
}

export async function insertItems(db: Executor, rows: Array<{ organisation_id: string; person_id: string; kind: string; item: string; position: number; created_by: string }>) {
  if (rows.length === 0) return;
  await db.insertInto('person_checklist_items').values(rows).onConflict((oc) => oc.columns(['person_id', 'kind', 'item']).doNothing()).execute();
}

export async function findItem(db: Executor, id: string) {
  return db.selectFrom('person_checklist_items').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setDone(db: Executor, id: string, by: string | null) {
  await db.updateTable('person_checklist_items').set({ done_at: by ? new Date() : null, done_by: by }).where('id', '=', id).execute();
}
