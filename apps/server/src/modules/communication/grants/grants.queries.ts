import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import './grants.table.js';

/** All SQL of grants, reporting periods, indicators and their values. No rules. */

export type GrantFields = {
  title: string; funderContactId: string | null; funderName: string; amountCents: number; startsOn: string; endsOn: string;
  objectives: string; remindDaysBefore: number;
};

const grantValues = (v: GrantFields) => ({
  title: v.title, funder_contact_id: v.funderContactId, funder_name: v.funderName, amount_cents: v.amountCents, starts_on: v.startsOn,
  ends_on: v.endsOn, objectives: v.objectives, remind_days_before: v.remindDaysBefore,
});

export async function insertGrant(db: Executor, organisationId: string, userId: string, v: GrantFields) {
  return db.insertInto('grants').values({ organisation_id: organisationId, created_by: userId, ...grantValues(v) }).returning('id').executeTakeFirstOrThrow();
}

export async function updateGrant(db: Executor, id: string, v: GrantFields) {
  await db.updateTable('grants').set({ ...grantValues(v), updated_at: new Date() }).where('id', '=', id).execute();
}

export async function findGrant(db: Executor, id: string, forUpdate = false) {
  const q = db.selectFrom('grants as g').innerJoin('users as u', 'u.id', 'g.created_by')
    .select(['g.id', 'g.title', 'g.funder_contact_id', 'g.funder_name', sql<string>`g.amount_cents::text`.as('amount_cents'),
      sql<string>`g.starts_on::text`.as('starts_on'), sql<string>`g.ends_on::text`.as('ends_on'), 'g.objectives', 'g.remind_days_before',
      'g.updated_at', 'u.display_name as created_by_name'])
    .where('g.id', '=', id);
  return (forUpdate ? q.forUpdate('g') : q).executeTakeFirst();
}
export type GrantRow = NonNullable<Awaited<ReturnType<typeof findGrant>>>;

export async function listGrants(db: Executor) {
  return db.selectFrom('grants as g')
    .select(['g.id', 'g.title', 'g.funder_name', sql<string>`g.amount_cents::text`.as('amount_cents'), sql<string>`g.starts_on::text`.as('starts_on'),
      sql<string>`g.ends_on::text`.as('ends_on'),
      sql<number>`(SELECT count(*)::int FROM grant_indicators i WHERE i.grant_id = g.id)`.as('indicators'),
      sql<string | null>`(SELECT min(p.report_due_on)::text FROM grant_periods p WHERE p.grant_id = g.id AND p.report_due_on >= current_date)`.as('next_due')])
    .orderBy('g.starts_on', 'desc').limit(500).execute();
}

// ---- Reporting periods ----

const periodColumns = ['id', 'grant_id', 'label', sql<string>`starts_on::text`.as('starts_on'), sql<string>`ends_on::text`.as('ends_on'),
  sql<string | null>`report_due_on::text`.as('report_due_on')] as const;

export async function periodsOf(db: Executor, grantId: string) {
  return db.selectFrom('grant_periods').select(periodColumns).where('grant_id', '=', grantId).orderBy('starts_on').orderBy('label').execute();
}
export type PeriodRow = Awaited<ReturnType<typeof periodsOf>>[number];

export type PeriodFields = { label: string; startsOn: string; endsOn: string; reportDueOn: string | null };

export async function insertPeriod(db: Executor, organisationId: string, grantId: string, v: PeriodFields) {
  await db.insertInto('grant_periods').values({
    organisation_id: organisationId, grant_id: grantId, label: v.label, starts_on: v.startsOn, ends_on: v.endsOn, report_due_on: v.reportDueOn,
  }).execute();
}

/** A changed due date is reminded again. */
export async function updatePeriod(db: Executor, id: string, v: PeriodFields) {
  await db.updateTable('grant_periods').set({
    label: v.label, starts_on: v.startsOn, ends_on: v.endsOn, report_due_on: v.reportDueOn,
    reminder_sent_at: sql`CASE WHEN report_due_on IS NOT DISTINCT FROM ${v.reportDueOn}::date THEN reminder_sent_at END`,
  }).where('id', '=', id).execute();
}

export async function deletePeriods(db: Executor, ids: string[]) {
  if (ids.length) await db.deleteFrom('grant_periods').where('id', 'in', ids).execute();
}

export async function periodsWithValues(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('grant_indicator_values').select('period_id').distinct()
    .where('period_id', 'in', ids).where((eb) => eb.or([eb('target', 'is not', null), eb('actual', 'is not', null)])).execute();
}

/** Reporting dates between two Paris days (both included), with their grant: the calendar's entries. */
export async function reportingDatesBetween(db: Executor, from: string, to: string) {
  return db.selectFrom('grant_periods as p').innerJoin('grants as g', 'g.id', 'p.grant_id')
    .select(['p.id', 'p.grant_id', 'p.label', sql<string>`p.report_due_on::text`.as('report_due_on'), 'g.title'])
    .where(sql<boolean>`p.report_due_on BETWEEN ${from}::date AND ${to}::date`).orderBy('p.report_due_on').limit(2000).execute();
}

/** Reporting dates whose reminder is due on `today` (N days before, N per grant) and not yet sent. */
export async function dueReportReminders(db: Executor, today: string) {
  return db.selectFrom('grant_periods as p').innerJoin('grants as g', 'g.id', 'p.grant_id').innerJoin('users as u', 'u.id', 'g.created_by')
    .select(['p.id', 'p.grant_id', 'p.label', sql<string>`p.report_due_on::text`.as('report_due_on'), 'g.title', 'g.funder_name', 'u.email', 'u.active', 'u.locale'])
    .where('p.reminder_sent_at', 'is', null)
    .where(sql<boolean>`p.report_due_on >= ${today}::date AND p.report_due_on <= ${today}::date + g.remind_days_before`)
    .orderBy('p.report_due_on').execute();
}

export async function markReminderSent(db: Executor, periodId: string) {
  await db.updateTable('grant_periods').set({ reminder_sent_at: new Date() }).where('id', '=', periodId).execute();
}

// ---- Indicators and values ----

export type IndicatorFields = {
  name: string; unit: string; baseline: number | null; source: string; metric: string | null; areaCode: string | null; filters: Record<string, string>;
};
const indicatorValues = (v: IndicatorFields) => ({
  name: v.name, unit: v.unit, baseline: v.baseline, source: v.source, metric: v.metric, area_code: v.areaCode, filters: JSON.stringify(v.filters),
});

export async function insertIndicator(db: Executor, organisationId: string, grantId: string, v: IndicatorFields) {
  return db.insertInto('grant_indicators').values({
    organisation_id: organisationId, grant_id: grantId, ...indicatorValues(v),
    position: sql<number>`(SELECT coalesce(max(position) + 1, 0) FROM grant_indicators WHERE grant_id = ${grantId})`,
  }).returning('id').executeTakeFirstOrThrow();
}

export async function updateIndicator(db: Executor, id: string, v: IndicatorFields) {
  await db.updateTable('grant_indicators').set(indicatorValues(v)).where('id', '=', id).execute();
}

export async function deleteIndicator(db: Executor, grantId: string, id: string) {
  const r = await db.deleteFrom('grant_indicators').where('id', '=', id).where('grant_id', '=', grantId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function indicatorsOf(db: Executor, grantId: string) {
  return db.selectFrom('grant_indicators')
    .select(['id', 'grant_id', 'name', 'unit', sql<number | null>`baseline::float8`.as('baseline'), 'source', 'metric', 'area_code', 'filters'])
    .where('grant_id', '=', grantId).orderBy('position').orderBy('created_at').execute();
}
export type IndicatorRow = Awaited<ReturnType<typeof indicatorsOf>>[number];

export async function valuesOf(db: Executor, indicatorIds: string[]) {
  if (!indicatorIds.length) return [];
  return db.selectFrom('grant_indicator_values')
    .select(['indicator_id', 'period_id', sql<number | null>`target::float8`.as('target'), sql<number | null>`actual::float8`.as('actual'), 'actual_source'])
    .where('indicator_id', 'in', indicatorIds).execute();
}

export async function replaceValues(db: Executor, organisationId: string, indicatorId: string,
  values: Array<{ periodId: string; target: number | null; actual: number | null; actualSource: string | null }>) {
  await db.deleteFrom('grant_indicator_values').where('indicator_id', '=', indicatorId).execute();
  const rows = values.filter((v) => v.target !== null || v.actual !== null);
  if (rows.length) {
    await db.insertInto('grant_indicator_values').values(rows.map((v) => ({
      organisation_id: organisationId, indicator_id: indicatorId, period_id: v.periodId, target: v.target, actual: v.actual,
      actual_source: v.actual === null ? null : v.actualSource,
    }))).execute();
  }
}
