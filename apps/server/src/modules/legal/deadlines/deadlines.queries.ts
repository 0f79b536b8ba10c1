import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import './deadlines.table.js';
import '../cases/cases.table.js';

/** SQL of deadline rules, deadlines, reminders sent and calendar feeds. No rules here. */

export async function listRules(db: Executor) {
  return db.selectFrom('deadline_rules').selectAll().orderBy('active', 'desc').orderBy('label').execute();
}

export async function findRule(db: Executor, id: string) {
  return db.selectFrom('deadline_rules').selectAll().where('id', '=', id).executeTakeFirst();
}
export type RuleRow = NonNullable<Awaited<ReturnType<typeof findRule>>>;

export type RuleColumns = {
  code: string; label: string; action_type: string | null; trigger_label: string; amount: number; unit: string; effect: string;
  extends_to_working_day: boolean; source_note: string; remind_days_before: number[]; active: boolean;
};

export async function insertRule(db: Executor, organisationId: string, values: RuleColumns, userId: string) {
  return db.insertInto('deadline_rules').values({ ...values, organisation_id: organisationId, updated_by: userId })
    .onConflict((oc) => oc.columns(['organisation_id', 'code']).doNothing()).returningAll().executeTakeFirst();
}

export async function updateRule(db: Executor, id: string, values: RuleColumns, userId: string) {
  return db.updateTable('deadline_rules').set({ ...values, updated_by: userId, updated_at: sql`now()` as unknown as Date })
    .where('id', '=', id).returningAll().executeTakeFirst();
}

export async function codeTakenByOther(db: Executor, code: string, id: string) {
  return (await db.selectFrom('deadline_rules').select('id').where('code', '=', code).where('id', '!=', id).executeTakeFirst()) !== undefined;
}

export async function insertDeadline(db: Executor, values: {
  organisationId: string; caseId: string; ruleId: string | null; label: string; effect: string; triggerDate: string | null;
  dueOn: string; unextendedDueOn: string | null; sourceNote: string | null; ownerId: string | null; remindDaysBefore: number[]; createdBy: string;
}) {
  return db.insertInto('legal_deadlines').values({
    organisation_id: values.organisationId, case_id: values.caseId, rule_id: values.ruleId, label: values.label, effect: values.effect,
    trigger_date: values.triggerDate, due_on: values.dueOn, unextended_due_on: values.unextendedDueOn, source_note: values.sourceNote,
    owner_id: values.ownerId, remind_days_before: values.remindDaysBefore, created_by: values.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
}

function deadlinesWithCase(db: Executor) {
  return db.selectFrom('legal_deadlines as d').innerJoin('legal_cases as c', 'c.id', 'd.case_id').leftJoin('users as u', 'u.id', 'd.owner_id')
    .selectAll('d').select(['c.title as case_title', 'u.display_name as owner_name']);
}
export type DeadlineRow = Awaited<ReturnType<ReturnType<typeof deadlinesWithCase>['executeTakeFirstOrThrow']>>;

export async function findDeadline(db: Executor, id: string) {
  return deadlinesWithCase(db).where('d.id', '=', id).executeTakeFirst();
}

export async function listDeadlines(db: Executor, filter: { caseId?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  let q = deadlinesWithCase(db);
  if (filter.caseId) q = q.where('d.case_id', '=', filter.caseId);
  if (filter.from) q = q.where('d.due_on', '>=', filter.from);
  if (filter.to) q = q.where('d.due_on', '<=', filter.to);
  return q.orderBy('d.due_on').orderBy('d.created_at').limit(2000).execute();
}

export async function updateDeadline(db: Executor, id: string, set: Partial<{ owner_id: string | null; remind_days_before: number[]; done_at: Date | null }>) {
  await db.updateTable('legal_deadlines').set(set).where('id', '=', id).execute();
}

/**
 * Reminders due on `today`, across organisations (the daily job runs outside any one): open
 * 'expires' deadlines from today on, with a reminder offset reached and not yet mailed to the
 * recipient (the deadline's owner, else whoever opened the case). A reminder missed while the
 * server was down still goes out the next day; `days` lists every offset it covers.
 */
export async function dueReminders(db: Executor, today: string) {
  const rows = await sql<{
    deadline_id: string; organisation_id: string; label: string; due_on: string; source_note: string | null; case_id: string;
    case_title: string; recipient_id: string; email: string; locale: string; days: number[];
  }>`
    SELECT d.id AS deadline_id, d.organisation_id, d.label, d.due_on::text AS due_on, d.source_note, c.id AS case_id, c.title AS case_title,
           u.id AS recipient_id, u.email, u.locale, array_agg(r.days ORDER BY r.days) AS days
    FROM legal_deadlines d
    JOIN legal_cases c ON c.id = d.case_id
    JOIN users u ON u.id = coalesce(d.owner_id, c.opened_by) AND u.active
    CROSS JOIN LATERAL unnest(d.remind_days_before) AS r(days)
    WHERE d.done_at IS NULL AND d.due_on >= ${today}::date AND d.due_on - ${today}::date <= r.days
      AND NOT EXISTS (SELECT 1 FROM legal_deadline_reminders s WHERE s.deadline_id = d.id AND s.days_before = r.days AND s.recipient_id = u.id)
    GROUP BY d.id, c.id, u.id
    ORDER BY d.due_on`.execute(db);
  return rows.rows;
}

export async function recordRemindersSent(db: Executor, rows: { deadlineId: string; organisationId: string; recipientId: string; days: number[] }) {
  await db.insertInto('legal_deadline_reminders')
    .values(rows.days.map((d) => ({ deadline_id: rows.deadlineId, days_before: d, organisation_id: rows.organisationId, recipient_id: rows.recipientId })))
    .onConflict((oc) => oc.doNothing()).execute();
}

/** What a user's calendar holds: deadlines and tasks they own, and those of the cases they opened. */
export async function calendarItems(db: Executor, userId: string) {
  const deadlines = await deadlinesWithCase(db)
    .where((eb) => eb.or([eb('d.owner_id', '=', userId), eb.and([eb('d.owner_id', 'is', null), eb('c.opened_by', '=', userId)])]))
    .where('d.done_at', 'is', null).orderBy('d.due_on').limit(2000).execute();
  const tasks = await db.selectFrom('legal_case_tasks as t').innerJoin('legal_cases as c', 'c.id', 't.case_id')
    .select(['t.id', 't.title', 't.due_on', 't.case_id', 'c.title as case_title'])
    .where('t.due_on', 'is not', null).where('t.done_at', 'is', null)
    .where((eb) => eb.or([eb('t.owner_id', '=', userId), eb.and([eb('t.owner_id', 'is', null), eb('c.opened_by', '=', userId)])]))
    .orderBy('t.due_on').limit(2000).execute();
  return { deadlines, tasks };
}

export async function activeFeed(db: Executor, userId: string) {
  return db.selectFrom('legal_calendar_feeds').selectAll().where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function revokeFeeds(db: Executor, userId: string) {
  return db.updateTable('legal_calendar_feeds').set({ revoked_at: sql`now()` as unknown as Date })
    .where('user_id', '=', userId).where('revoked_at', 'is', null).returning('id').execute();
}

export async function insertFeed(db: Executor, organisationId: string, userId: string, tokenHash: string) {
  return db.insertInto('legal_calendar_feeds').values({ organisation_id: organisationId, user_id: userId, token_hash: tokenHash })
    .returningAll().executeTakeFirstOrThrow();
}

/** Looked up before any organisation is known (the feed URL is all a calendar app sends). */
export async function feedByTokenHash(db: Executor, tokenHash: string) {
  return db.selectFrom('legal_calendar_feeds as f').innerJoin('users as u', 'u.id', 'f.user_id')
    .select(['f.id', 'f.organisation_id', 'f.user_id', 'f.revoked_at', 'u.active', 'u.role', 'u.additional_roles', 'u.locale'])
    .where('f.token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchFeed(db: Executor, id: string) {
  await db.updateTable('legal_calendar_feeds').set({ last_used_at: sql`now()` as unknown as Date }).where('id', '=', id).execute();
}
