import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import './cases.table.js';
import '../deadlines/deadlines.table.js';

/** SQL of legal cases: the case row, its timeline, parties, links and tasks. No rules here. */

export async function insertCase(db: Executor, values: {
  organisationId: string; title: string; actionType: string; court: string | null; externalReference: string | null;
  summary: string | null; openedBy: string;
}) {
  return db.insertInto('legal_cases').values({
    organisation_id: values.organisationId, title: values.title, action_type: values.actionType, court: values.court,
    external_reference: values.externalReference, summary: values.summary, opened_by: values.openedBy,
  }).returningAll().executeTakeFirstOrThrow();
}

export async function listCases(db: Executor, filter: { evictionId?: string | undefined; incidentId?: string | undefined } = {}) {
  let q = db.selectFrom('legal_cases as c').selectAll('c')
    .select(sql<string | null>`(SELECT min(d.due_on)::text FROM legal_deadlines d WHERE d.case_id = c.id AND d.done_at IS NULL)`.as('next_deadline'));
  if (filter.evictionId) {
    q = q.where((eb) => eb.exists(eb.selectFrom('legal_case_links as l').select('l.id').whereRef('l.case_id', '=', 'c.id').where('l.eviction_id', '=', filter.evictionId!)));
  }
  if (filter.incidentId) {
    q = q.where((eb) => eb.exists(eb.selectFrom('legal_case_links as l').select('l.id').whereRef('l.case_id', '=', 'c.id').where('l.incident_id', '=', filter.incidentId!)));
  }
  return q.orderBy('c.updated_at', 'desc').limit(1000).execute();
}

export async function findCase(db: Executor, id: string, lock = false) {
  let q = db.selectFrom('legal_cases as c').innerJoin('users as u', 'u.id', 'c.opened_by').selectAll('c')
    .select(['u.display_name as opened_by_name',
      sql<string | null>`(SELECT min(d.due_on)::text FROM legal_deadlines d WHERE d.case_id = c.id AND d.done_at IS NULL)`.as('next_deadline')])
    .where('c.id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

export async function updateCase(db: Executor, id: string, set: Partial<{
  title: string; action_type: string; court: string | null; external_reference: string | null; summary: string | null;
  status: string; outcome: string | null; outcome_note: string | null;
}>) {
  await db.updateTable('legal_cases').set({ ...set, updated_at: sql`now()` as unknown as Date }).where('id', '=', id).execute();
}

export async function insertEvent(db: Executor, values: {
  organisationId: string; caseId: string; kind: 'opened' | 'status' | 'outcome' | 'note'; status?: string | null;
  outcome?: string | null; note?: string | null; occurredOn: string; actorId: string;
}) {
  await db.insertInto('legal_case_events').values({
    organisation_id: values.organisationId, case_id: values.caseId, kind: values.kind, status: values.status ?? null,
    outcome: values.outcome ?? null, note: values.note ?? null, occurred_on: values.occurredOn, actor_id: values.actorId,
  }).execute();
}

export async function caseEvents(db: Executor, caseId: string) {
  return db.selectFrom('legal_case_events as e').innerJoin('users as u', 'u.id', 'e.actor_id')
    .selectAll('e').select('u.display_name as actor_name')
    .where('e.case_id', '=', caseId).orderBy('e.occurred_on').orderBy('e.at').execute();
}

/** Parties with the pseudonym of a person party, never the identity. */
export async function caseParties(db: Executor, caseId: string) {
  return db.selectFrom('legal_case_parties as p').leftJoin('persons as ps', 'ps.id', 'p.person_id')
    .selectAll('p').select(['ps.pseudonym', 'ps.minor'])
    .where('p.case_id', '=', caseId).orderBy('p.created_at').execute();
}

export async function insertParty(db: Executor, values: {
  organisationId: string; caseId: string; kind: string; role: string; personId: string | null; name: string | null;
  contact: string | null; note: string | null;
}) {
  return db.insertInto('legal_case_parties').values({
    organisation_id: values.organisationId, case_id: values.caseId, kind: values.kind, role: values.role, person_id: values.personId,
    name: values.name, contact: values.contact, note: values.note,
  }).onConflict((oc) => oc.columns(['case_id', 'person_id', 'role']).where('person_id', 'is not', null).doNothing())
    .returning('id').executeTakeFirst();
}

export async function deleteCaseItem(db: Executor, table: 'legal_case_parties' | 'legal_case_links' | 'legal_case_tasks', caseId: string, id: string) {
  return db.deleteFrom(table).where('case_id', '=', caseId).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Links with a short human label of what they point to. */
export async function caseLinks(db: Executor, caseId: string) {
  return db.selectFrom('legal_case_links as l')
    .leftJoin('evictions as ev', 'ev.id', 'l.eviction_id')
    .leftJoin('sites as s', 's.id', 'ev.site_id')
    .leftJoin('incidents as i', 'i.id', 'l.incident_id')
    .leftJoin('evidence as f', 'f.id', 'l.evidence_id')
    .select(['l.id', 'l.eviction_id', 'l.incident_id', 'l.evidence_id', 'l.note', 'l.created_at',
      's.code as site_code', 's.name as site_name', 'ev.arrived_at as eviction_at',
      'i.kind as incident_kind', 'i.incident_type', 'i.occurred_at as incident_at',
      'f.original_name as evidence_name', 'f.kind as evidence_kind', 'f.captured_at as evidence_at'])
    .where('l.case_id', '=', caseId).orderBy('l.created_at').execute();
}

export async function insertLink(db: Executor, values: {
  organisationId: string; caseId: string; target: 'eviction' | 'incident' | 'evidence'; targetId: string; note: string | null; linkedBy: string;
}) {
  return db.insertInto('legal_case_links').values({
    organisation_id: values.organisationId, case_id: values.caseId, note: values.note, linked_by: values.linkedBy,
    eviction_id: values.target === 'eviction' ? values.targetId : null,
    incident_id: values.target === 'incident' ? values.targetId : null,
    evidence_id: values.target === 'evidence' ? values.targetId : null,
  }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
}

/** Whether the record to link exists in this organisation (row-level security hides the rest). */
export async function targetExists(db: Executor, target: 'eviction' | 'incident' | 'evidence' | 'person', id: string) {
  const row = target === 'eviction' ? await db.selectFrom('evictions').select('id').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst()
    : target === 'incident' ? await db.selectFrom('incidents').select('id').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst()
      : target === 'evidence' ? await db.selectFrom('evidence').select('id').where('id', '=', id).executeTakeFirst()
        : await db.selectFrom('persons').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/**
 * Every evidence file of a case: linked directly, or attached to a linked eviction or incident
 * (and to the incidents of a linked eviction). What an evidence bundle of "the whole case" holds.
 */
export async function caseEvidenceIds(db: Executor, caseId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT DISTINCT f.id FROM evidence f
    WHERE f.status = 'stored' AND (
      f.id IN (SELECT evidence_id FROM legal_case_links WHERE case_id = ${caseId} AND evidence_id IS NOT NULL)
      OR f.eviction_id IN (SELECT eviction_id FROM legal_case_links WHERE case_id = ${caseId} AND eviction_id IS NOT NULL)
      OR f.incident_id IN (SELECT incident_id FROM legal_case_links WHERE case_id = ${caseId} AND incident_id IS NOT NULL)
      OR f.incident_id IN (SELECT i.id FROM incidents i JOIN legal_case_links l ON l.eviction_id = i.eviction_id WHERE l.case_id = ${caseId})
    ) ORDER BY f.id`.execute(db);
  return rows.rows.map((r) => r.id);
}

export async function caseTasks(db: Executor, caseId: string) {
  return db.selectFrom('legal_case_tasks as t').leftJoin('users as u', 'u.id', 't.owner_id')
    .selectAll('t').select('u.display_name as owner_name')
    .where('t.case_id', '=', caseId).orderBy(sql`t.done_at IS NOT NULL`).orderBy(sql`t.due_on NULLS LAST`).orderBy('t.created_at').execute();
}

export async function insertTask(db: Executor, values: {
  organisationId: string; caseId: string; title: string; ownerId: string | null; dueOn: string | null; createdBy: string;
}) {
  return db.insertInto('legal_case_tasks').values({
    organisation_id: values.organisationId, case_id: values.caseId, title: values.title, owner_id: values.ownerId,
    due_on: values.dueOn, created_by: values.createdBy,
  }).returningAll().executeTakeFirstOrThrow();
}

export async function findTask(db: Executor, caseId: string, id: string) {
  return db.selectFrom('legal_case_tasks').selectAll().where('case_id', '=', caseId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateTask(db: Executor, id: string, set: Partial<{ title: string; owner_id: string | null; due_on: string | null; done_at: Date | null }>) {
  await db.updateTable('legal_case_tasks').set(set).where('id', '=', id).execute();
}

/** An active account of this organisation (owners of tasks and deadlines). */
export async function activeUserExists(db: Executor, userId: string) {
  const row = await db.selectFrom('users').select('id').where('id', '=', userId).where('active', '=', true).executeTakeFirst();
  return row !== undefined;
}

export async function touchCase(db: Executor, caseId: string) {
  await db.updateTable('legal_cases').set({ updated_at: sql`now()` as unknown as Date }).where('id', '=', caseId).execute();
}
