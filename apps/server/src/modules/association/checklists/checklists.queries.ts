import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import './checklists.table.js';

export async function itemsOf(db: Executor, personId: string) {
  return db.selectFrom('person_checklist_items as i').leftJoin('users as u', 'u.id', 'i.done_by').leftJoin('users as a', 'a.id', 'i.assignee_id')
    .select(['i.id', 'i.kind', 'i.item', 'i.label', 'i.position', 'i.done_at', 'u.display_name as done_by_name', 'i.assignee_role', 'a.display_name as assignee_name'])
    .select(sql<string | null>`to_char(i.due_on, 'YYYY-MM-DD')`.as('due_on'))
    .where('i.person_id', '=', personId).orderBy('i.kind', 'desc').orderBy('i.position').execute();
}

export type NewItem = {
  organisation_id: string; person_id: string; kind: string; item: string | null; label: string | null; position: number; created_by: string;
  template_task_id: string | null; due_on: string | null; assignee_role: string | null; assignee_id: string | null;
};

/** Inserts what is not there yet: a fixed item code or a template task already on the person's list is skipped. */
export async function insertItems(db: Executor, rows: NewItem[]) {
  if (rows.length === 0) return;
  await db.insertInto('person_checklist_items').values(rows).onConflict((oc) => oc.doNothing()).execute();
}

export async function maxPosition(db: Executor, personId: string, kind: string): Promise<number> {
  const r = await db.selectFrom('person_checklist_items').select((eb) => eb.fn.max<number | null>('position').as('m'))
    .where('person_id', '=', personId).where('kind', '=', kind).executeTakeFirst();
  return r?.m ?? -1;
}

export async function findItem(db: Executor, id: string) {
  return db.selectFrom('person_checklist_items').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setDone(db: Executor, id: string, by: string | null) {
  await db.updateTable('person_checklist_items').set({ done_at: by ? new Date() : null, done_by: by }).where('id', '=', id).execute();
}

/** The person's roles: the primary one and the others. */
export async function rolesOf(db: Executor, personId: string): Promise<string[]> {
  const u = await db.selectFrom('users').select(['role', 'additional_roles']).where('id', '=', personId).executeTakeFirst();
  return u ? [u.role, ...u.additional_roles] : [];
}

/** Who holds each role among the active members (by name, the first one per role), to assign a task. */
export async function holdersOf(db: Executor, roles: string[]): Promise<Map<string, { id: string; name: string }>> {
  const out = new Map<string, { id: string; name: string }>();
  if (roles.length === 0) return out;
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'role', 'additional_roles']).where('active', '=', true)
    .where((eb) => eb.or([eb('role', 'in', roles), sql<boolean>`additional_roles && ${sql.val(roles)}::text[]`]))
    .orderBy('display_name').orderBy('id').execute();
  for (const role of roles) {
    const holder = rows.find((r) => r.role === role) ?? rows.find((r) => r.additional_roles.includes(role));
    if (holder) out.set(role, { id: holder.id, name: holder.display_name });
  }
  return out;
}

export async function listTemplates(db: Executor) {
  return db.selectFrom('checklist_templates').selectAll().orderBy('kind', 'desc').orderBy('is_default', 'desc').orderBy('role').orderBy('name').execute();
}

export async function listTemplateTasks(db: Executor) {
  return db.selectFrom('checklist_template_tasks').selectAll().orderBy('template_id').orderBy('position').execute();
}

export async function findTemplate(db: Executor, id: string) {
  return db.selectFrom('checklist_templates').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function hasDefault(db: Executor, kind: string) {
  return (await db.selectFrom('checklist_templates').select('id').where('kind', '=', kind).where('is_default', '=', true).executeTakeFirst()) !== undefined;
}

/** Inserts the default template of a kind unless another transaction just did (the partial unique index). */
export async function insertDefaultTemplate(db: Executor, organisationId: string, kind: string, name: string): Promise<string | undefined> {
  const r = await sql<{ id: string }>`INSERT INTO checklist_templates (organisation_id, kind, role, name, is_default)
    VALUES (${organisationId}, ${kind}, NULL, ${name}, true) ON CONFLICT (organisation_id, kind) WHERE is_default DO NOTHING RETURNING id`.execute(db);
  return r.rows[0]?.id;
}

export async function insertTemplate(db: Executor, row: { organisation_id: string; kind: string; role: string | null; name: string; active: boolean; created_by: string }) {
  return (await db.insertInto('checklist_templates').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateTemplate(db: Executor, id: string, row: { role: string | null; name: string; active: boolean }) {
  await db.updateTable('checklist_templates').set({ ...row, updated_at: new Date() }).where('id', '=', id).execute();
}

export type TaskRow = { code: string | null; label: string; relative_day: number; assignee_role: string | null; position: number; active: boolean };

export async function insertTasks(db: Executor, organisationId: string, templateId: string, rows: TaskRow[]) {
  if (rows.length === 0) return;
  await db.insertInto('checklist_template_tasks').values(rows.map((r) => ({ ...r, organisation_id: organisationId, template_id: templateId }))).execute();
}

export async function tasksOfTemplate(db: Executor, templateId: string) {
  return db.selectFrom('checklist_template_tasks').selectAll().where('template_id', '=', templateId).orderBy('position').execute();
}

export async function updateTask(db: Executor, id: string, row: Omit<TaskRow, 'code'>) {
  await db.updateTable('checklist_template_tasks').set(row).where('id', '=', id).execute();
}

/** The active templates of a kind for someone holding `roles` (a template with no role is for anyone), with their active tasks. */
export async function matchingTasks(db: Executor, kind: string, roles: string[]) {
  return db.selectFrom('checklist_template_tasks as t').innerJoin('checklist_templates as p', 'p.id', 't.template_id')
    .select(['t.id', 't.code', 't.label', 't.relative_day', 't.assignee_role'])
    .where('p.kind', '=', kind).where('p.active', '=', true).where('t.active', '=', true)
    .where((eb) => eb.or([eb('p.role', 'is', null), ...(roles.length > 0 ? [eb('p.role', 'in', roles)] : [])]))
    .orderBy('p.is_default', 'desc').orderBy('p.role').orderBy('p.name').orderBy('t.position').execute();
}
