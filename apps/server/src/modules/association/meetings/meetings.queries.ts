import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type { MeetingActionsTable, MeetingAgendaItemsTable, MeetingDecisionsTable, MeetingSeriesTable, MeetingsTable } from './meetings.table.js';
import './meetings.table.js';

export type SeriesRow = Selectable<MeetingSeriesTable>;
export type MeetingRow = Selectable<MeetingsTable>;

export async function insertSeries(db: Executor, v: Insertable<MeetingSeriesTable>): Promise<SeriesRow> {
  return db.insertInto('meeting_series').values(v).returningAll().executeTakeFirstOrThrow();
}
export async function listSeries(db: Executor): Promise<SeriesRow[]> {
  return db.selectFrom('meeting_series').selectAll().orderBy('title').execute();
}
export async function findSeries(db: Executor, id: string) {
  return db.selectFrom('meeting_series').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertMeeting(db: Executor, v: Insertable<MeetingsTable>): Promise<MeetingRow> {
  return db.insertInto('meetings').values(v).returningAll().executeTakeFirstOrThrow();
}
export async function findMeeting(db: Executor, id: string, lock = false): Promise<MeetingRow | undefined> {
  let q = db.selectFrom('meetings').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export async function listMeetings(db: Executor, seriesId?: string) {
  let q = db.selectFrom('meetings').selectAll();
  if (seriesId) q = q.where('series_id', '=', seriesId);
  return q.orderBy('starts_at', 'desc').limit(200).execute();
}
export async function setMeeting(db: Executor, id: string, v: { status?: string; minutes?: string; closed_at?: Date }) {
  await db.updateTable('meetings').set(v).where('id', '=', id).execute();
}

export async function agendaOf(db: Executor, meetingId: string) {
  return db.selectFrom('meeting_agenda_items as a').leftJoin('users as u', 'u.id', 'a.proposed_by')
    .selectAll('a').select('u.display_name as proposed_by_name').where('a.meeting_id', '=', meetingId).orderBy('a.position').execute();
}
export async function nextPosition(db: Executor, meetingId: string): Promise<number> {
  const row = await db.selectFrom('meeting_agenda_items').select(sql<number>`coalesce(max(position), 0)`.as('max')).where('meeting_id', '=', meetingId).executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}
export async function insertAgendaItems(db: Executor, rows: Insertable<MeetingAgendaItemsTable>[]) {
  if (rows.length) await db.insertInto('meeting_agenda_items').values(rows).execute();
}
export async function findAgendaItem(db: Executor, id: string) {
  return db.selectFrom('meeting_agenda_items').select(['id', 'meeting_id']).where('id', '=', id).executeTakeFirst();
}

const decisionSelect = (db: Executor) => db.selectFrom('meeting_decisions as d').innerJoin('meetings as m', 'm.id', 'd.meeting_id')
  .selectAll('d').select(['m.title as meeting_title', 'm.starts_at as meeting_starts_at']);
export type DecisionRow = Awaited<ReturnType<typeof decisionsOf>>[number];

export async function insertDecision(db: Executor, v: Insertable<MeetingDecisionsTable>) {
  return db.insertInto('meeting_decisions').values(v).returning('id').executeTakeFirstOrThrow();
}
export async function decisionsOf(db: Executor, meetingId: string) {
  return decisionSelect(db).where('d.meeting_id', '=', meetingId).orderBy('d.decided_at').execute();
}
export async function findDecision(db: Executor, id: string) {
  return db.selectFrom('meeting_decisions').select(['id', 'meeting_id', 'text']).where('id', '=', id).executeTakeFirst();
}
/** The log, newest first; `q` searched in the text and the context, case- and accent-insensitively enough for a team. */
export async function searchDecisions(db: Executor, q: string | undefined) {
  let query = decisionSelect(db);
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('d.text', 'ilike', like), eb('d.context', 'ilike', like)]));
  }
  return query.orderBy('d.decided_at', 'desc').limit(500).execute();
}
export async function allDecisionHashes(db: Executor) {
  return db.selectFrom('meeting_decisions').selectAll().execute();
}
/** The audit entries that recorded decisions (content written in full), by decision id. */
export async function decisionAuditEntries(db: Executor, withPending = false) {
  const chained = await db.selectFrom('audit_log').select(['entity_id', 'after']).where('action', '=', 'decision.recorded').execute();
  if (!withPending) return chained;
  // Committed entries awaiting their chain link (seconds on a running server): not missing.
  const pending = await db.selectFrom('audit_pending').select(['entity_id', 'after']).where('action', '=', 'decision.recorded').execute();
  return [...chained, ...pending];
}

export async function insertAction(db: Executor, v: Insertable<MeetingActionsTable>) {
  return db.insertInto('meeting_actions').values(v).returning('id').executeTakeFirstOrThrow();
}
const actionSelect = (db: Executor) => db.selectFrom('meeting_actions as a').innerJoin('users as u', 'u.id', 'a.owner_id')
  .selectAll('a').select('u.display_name as owner_name');
export type ActionRow = Awaited<ReturnType<typeof actionsOfMeeting>>[number];
export async function actionsOfMeeting(db: Executor, meetingId: string) {
  return actionSelect(db).where('a.meeting_id', '=', meetingId).orderBy('a.due_on').execute();
}
export async function actionsByIds(db: Executor, ids: readonly string[]) {
  if (!ids.length) return [];
  return actionSelect(db).where('a.id', 'in', ids).execute();
}
/** Actions still open from the series' earlier meetings: they go on top of the next agenda. */
export async function openActionsOfSeries(db: Executor, seriesId: string, before: Date) {
  return actionSelect(db).innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .where('m.series_id', '=', seriesId).where('m.starts_at', '<', before).where('a.done_at', 'is', null).orderBy('a.due_on').execute();
}
/** Every action of the organisation not yet done, the oldest deadline first. */
export async function openActions(db: Executor, limit: number) {
  return actionSelect(db).where('a.done_at', 'is', null).orderBy('a.due_on').limit(limit).execute();
}
export async function findAction(db: Executor, id: string, lock = false) {
  let q = db.selectFrom('meeting_actions').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export async function reopenAction(db: Executor, id: string) {
  await db.updateTable('meeting_actions').set({ done_at: null }).where('id', '=', id).execute();
}
export async function markActionDone(db: Executor, id: string) {
  await db.updateTable('meeting_actions').set({ done_at: new Date() }).where('id', '=', id).where('done_at', 'is', null).execute();
}
export async function findMember(db: Executor, id: string) {
  return db.selectFrom('users').select(['id', 'display_name']).where('id', '=', id).where('active', '=', true).executeTakeFirst();
}
export async function organisationName(db: Executor): Promise<string> {
  return (await db.selectFrom('organisations').select('name').executeTakeFirst())?.name ?? '';
}

export async function activeMembers(db: Executor) {
  return db.selectFrom('users').select(['id', 'display_name']).where('active', '=', true).orderBy('display_name').execute();
}
export async function openActionsOf(db: Executor, ownerId: string) {
  return actionSelect(db).where('a.owner_id', '=', ownerId).where('a.done_at', 'is', null).orderBy('a.due_on').execute();
}
