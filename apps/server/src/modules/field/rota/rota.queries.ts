import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';

/** All SQL of the rota's own tables (migration 2026-12-03-10-01). No rules here. */

export type AreaRow = { id: string; code: string; name: string; weekdays: number[] | null; min_observers: number | null; min_drivers: number | null };

export async function rotaAreas(db: Executor): Promise<AreaRow[]> {
  const r = await sql<AreaRow>`
    SELECT a.id, a.code, a.name, r.weekdays, r.min_observers, r.min_drivers
    FROM areas a LEFT JOIN rota_rules r ON r.area_id = a.id
    WHERE a.active ORDER BY a.name`.execute(db);
  return r.rows;
}

export async function findRotaArea(db: Executor, code: string): Promise<AreaRow | undefined> {
  const r = await sql<AreaRow>`
    SELECT a.id, a.code, a.name, r.weekdays, r.min_observers, r.min_drivers
    FROM areas a LEFT JOIN rota_rules r ON r.area_id = a.id WHERE a.code = ${code}`.execute(db);
  return r.rows[0];
}

export async function upsertRule(db: Executor, organisationId: string, areaId: string, weekdays: number[], minObservers: number, minDrivers: number, userId: string) {
  await sql`
    INSERT INTO rota_rules (area_id, organisation_id, weekdays, min_observers, min_drivers, updated_by)
    VALUES (${areaId}, ${organisationId}, ${sql.val(weekdays)}::smallint[], ${minObservers}, ${minDrivers}, ${userId})
    ON CONFLICT (area_id) DO UPDATE SET weekdays = EXCLUDED.weekdays, min_observers = EXCLUDED.min_observers,
      min_drivers = EXCLUDED.min_drivers, updated_by = EXCLUDED.updated_by, updated_at = now()`.execute(db);
}

export type ExceptionRow = { id: string; area_id: string; from_day: string; to_day: string; reason: string };

export async function exceptionsBetween(db: Executor, from: string, to: string): Promise<ExceptionRow[]> {
  const r = await sql<ExceptionRow>`
    SELECT id, area_id, to_char(from_day, 'YYYY-MM-DD') AS from_day, to_char(to_day, 'YYYY-MM-DD') AS to_day, reason
    FROM rota_exceptions WHERE to_day >= ${from}::date AND from_day <= ${to}::date ORDER BY from_day`.execute(db);
  return r.rows;
}

export async function insertException(db: Executor, organisationId: string, areaId: string, from: string, to: string, reason: string, userId: string): Promise<string> {
  const r = await sql<{ id: string }>`
    INSERT INTO rota_exceptions (organisation_id, area_id, from_day, to_day, reason, created_by)
    VALUES (${organisationId}, ${areaId}, ${from}::date, ${to}::date, ${reason}, ${userId}) RETURNING id`.execute(db);
  return r.rows[0]!.id;
}

export async function deleteException(db: Executor, id: string): Promise<ExceptionRow | undefined> {
  const r = await sql<ExceptionRow>`
    DELETE FROM rota_exceptions WHERE id = ${id}
    RETURNING id, area_id, to_char(from_day, 'YYYY-MM-DD') AS from_day, to_char(to_day, 'YYYY-MM-DD') AS to_day, reason`.execute(db);
  return r.rows[0];
}

export type ShiftRow = { id: string; area_id: string; day: string; nothing_to_report: boolean };
export type ShiftPersonRow = { shift_id: string; user_id: string; name: string; role: 'observer' | 'driver'; no_show: boolean; offered: boolean };

export async function shiftsBetween(db: Executor, from: string, to: string): Promise<ShiftRow[]> {
  const r = await sql<ShiftRow>`
    SELECT id, area_id, to_char(day, 'YYYY-MM-DD') AS day, nothing_to_report_at IS NOT NULL AS nothing_to_report
    FROM rota_shifts WHERE day >= ${from}::date AND day <= ${to}::date`.execute(db);
  return r.rows;
}

export async function peopleOf(db: Executor, shiftIds: string[]): Promise<ShiftPersonRow[]> {
  if (shiftIds.length === 0) return [];
  const r = await sql<ShiftPersonRow>`
    SELECT p.shift_id, p.user_id, u.display_name AS name, p.role, p.no_show, p.offered_at IS NOT NULL AS offered
    FROM rota_shift_people p JOIN users u ON u.id = p.user_id
    WHERE p.shift_id = ANY (${sql.val(shiftIds)}::uuid[]) ORDER BY p.signed_up_at`.execute(db);
  return r.rows;
}

export async function operationDays(db: Executor, from: string, to: string): Promise<Array<{ area_id: string; day: string }>> {
  const r = await sql<{ area_id: string; day: string }>`
    SELECT DISTINCT area_id, to_char(date, 'YYYY-MM-DD') AS day FROM operations
    WHERE date >= ${from}::date AND date <= ${to}::date AND deleted_at IS NULL`.execute(db);
  return r.rows;
}

/** The shift of an area and day, created on first sign-up (one per area and day). */
export async function ensureShift(db: Executor, organisationId: string, areaId: string, day: string): Promise<string> {
  const r = await sql<{ id: string }>`
    INSERT INTO rota_shifts (organisation_id, area_id, day) VALUES (${organisationId}, ${areaId}, ${day}::date)
    ON CONFLICT (area_id, day) DO UPDATE SET day = EXCLUDED.day RETURNING id`.execute(db);
  return r.rows[0]!.id;
}

export async function findShift(db: Executor, areaId: string, day: string): Promise<ShiftRow | undefined> {
  const r = await sql<ShiftRow>`
    SELECT id, area_id, to_char(day, 'YYYY-MM-DD') AS day, nothing_to_report_at IS NOT NULL AS nothing_to_report
    FROM rota_shifts WHERE area_id = ${areaId} AND day = ${day}::date`.execute(db);
  return r.rows[0];
}

export async function addPerson(db: Executor, organisationId: string, shiftId: string, userId: string, role: string) {
  await sql`
    INSERT INTO rota_shift_people (shift_id, organisation_id, user_id, role) VALUES (${shiftId}, ${organisationId}, ${userId}, ${role})
    ON CONFLICT (shift_id, user_id) DO UPDATE SET role = EXCLUDED.role`.execute(db);
}

export async function removePerson(db: Executor, shiftId: string, userId: string): Promise<boolean> {
  const r = await sql`DELETE FROM rota_shift_people WHERE shift_id = ${shiftId} AND user_id = ${userId}`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}

export async function setNoShow(db: Executor, shiftId: string, userId: string, noShow: boolean): Promise<boolean> {
  const r = await sql`UPDATE rota_shift_people SET no_show = ${noShow} WHERE shift_id = ${shiftId} AND user_id = ${userId}`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}

export async function markNothingToReport(db: Executor, shiftId: string, userId: string) {
  await sql`UPDATE rota_shifts SET nothing_to_report_at = now(), nothing_to_report_by = ${userId} WHERE id = ${shiftId}`.execute(db);
}

export async function isOnShift(db: Executor, shiftId: string, userId: string): Promise<boolean> {
  const r = await sql`SELECT 1 FROM rota_shift_people WHERE shift_id = ${shiftId} AND user_id = ${userId}`.execute(db);
  return r.rows.length > 0;
}

export async function findPerson(db: Executor, shiftId: string, userId: string): Promise<{ role: 'observer' | 'driver'; offered: boolean } | undefined> {
  const r = await sql<{ role: 'observer' | 'driver'; offered: boolean }>`
    SELECT role, offered_at IS NOT NULL AS offered FROM rota_shift_people WHERE shift_id = ${shiftId} AND user_id = ${userId} FOR UPDATE`.execute(db);
  return r.rows[0];
}

export async function setOffered(db: Executor, shiftId: string, userId: string, offered: boolean): Promise<boolean> {
  const r = await sql`
    UPDATE rota_shift_people SET offered_at = CASE WHEN ${offered} THEN coalesce(offered_at, now()) END
    WHERE shift_id = ${shiftId} AND user_id = ${userId}`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}

/** The present (not no-show) observers and drivers of a shift, and what its area's rule asks for. */
export async function shiftStaffing(db: Executor, shiftId: string): Promise<{ observers: number; drivers: number; min_observers: number; min_drivers: number }> {
  const r = await sql<{ observers: number; drivers: number; min_observers: number; min_drivers: number }>`
    SELECT count(*) FILTER (WHERE p.role = 'observer' AND NOT p.no_show)::int AS observers,
      count(*) FILTER (WHERE p.role = 'driver' AND NOT p.no_show)::int AS drivers,
      coalesce(max(r.min_observers), 2)::int AS min_observers, coalesce(max(r.min_drivers), 1)::int AS min_drivers
    FROM rota_shifts s LEFT JOIN rota_shift_people p ON p.shift_id = s.id LEFT JOIN rota_rules r ON r.area_id = s.area_id
    WHERE s.id = ${shiftId}`.execute(db);
  return r.rows[0]!;
}

export type MemberRow = { id: string; display_name: string; role: string; additional_roles: string[] };

/** The active people of the organisation (the service keeps those who may sign up). */
export async function activeMembers(db: Executor, organisationId: string): Promise<MemberRow[]> {
  const r = await sql<MemberRow>`
    SELECT id, display_name, role, additional_roles FROM users
    WHERE organisation_id = ${organisationId} AND active ORDER BY display_name`.execute(db);
  return r.rows;
}

export async function findMember(db: Executor, organisationId: string, userId: string): Promise<MemberRow | undefined> {
  const r = await sql<MemberRow>`
    SELECT id, display_name, role, additional_roles FROM users
    WHERE organisation_id = ${organisationId} AND id = ${userId} AND active`.execute(db);
  return r.rows[0];
}

// ---- Calendar feeds (rota_calendar_feeds): the rota's, and the communication calendar's ----

export type FeedCalendar = 'rota' | 'communication' | 'tasks';
export type FeedRow = { id: string; created_at: Date; expires_at: Date };

export async function activeRotaFeed(db: Executor, userId: string, calendar: FeedCalendar = 'rota'): Promise<FeedRow | undefined> {
  const r = await sql<FeedRow>`
    SELECT id, created_at, expires_at FROM rota_calendar_feeds
    WHERE user_id = ${userId} AND calendar = ${calendar} AND revoked_at IS NULL AND expires_at > now()`.execute(db);
  return r.rows[0];
}

export async function revokeRotaFeeds(db: Executor, userId: string, calendar: FeedCalendar = 'rota'): Promise<number> {
  const r = await sql`UPDATE rota_calendar_feeds SET revoked_at = now() WHERE user_id = ${userId} AND calendar = ${calendar} AND revoked_at IS NULL`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export async function insertRotaFeed(db: Executor, organisationId: string, userId: string, tokenHash: string, validDays: number, calendar: FeedCalendar = 'rota'): Promise<FeedRow> {
  const r = await sql<FeedRow>`
    INSERT INTO rota_calendar_feeds (organisation_id, user_id, token_hash, expires_at, calendar)
    VALUES (${organisationId}, ${userId}, ${tokenHash}, now() + make_interval(days => ${validDays}::int), ${calendar})
    RETURNING id, created_at, expires_at`.execute(db);
  return r.rows[0]!;
}

export type FeedOwnerRow = {
  id: string; organisation_id: string; user_id: string; revoked_at: Date | null; expired: boolean;
  active: boolean; role: string; additional_roles: string[]; locale: string; calendar: FeedCalendar;
};

/** Looked up before any organisation is known (the feed URL is all a calendar app sends). */
export async function rotaFeedByTokenHash(db: Executor, tokenHash: string): Promise<FeedOwnerRow | undefined> {
  const r = await sql<FeedOwnerRow>`
    SELECT f.id, f.organisation_id, f.user_id, f.revoked_at, f.expires_at <= now() AS expired, u.active, u.role, u.additional_roles, u.locale, f.calendar
    FROM rota_calendar_feeds f JOIN users u ON u.id = f.user_id WHERE f.token_hash = ${tokenHash}`.execute(db);
  return r.rows[0];
}

export async function touchRotaFeed(db: Executor, id: string) {
  await sql`UPDATE rota_calendar_feeds SET last_used_at = now() WHERE id = ${id}`.execute(db);
}

export type OwnShiftRow = {
  shift_id: string; day: string; area_code: string; area_name: string; role: 'observer' | 'driver'; offered: boolean; no_show: boolean; team: string[];
};

/** A person's shifts between two days, with the names of the others on each. */
export async function shiftsOfUser(db: Executor, userId: string, from: string, to: string): Promise<OwnShiftRow[]> {
  const r = await sql<OwnShiftRow>`
    SELECT s.id AS shift_id, to_char(s.day, 'YYYY-MM-DD') AS day, a.code AS area_code, a.name AS area_name, p.role,
      p.offered_at IS NOT NULL AS offered, p.no_show,
      coalesce((SELECT array_agg(u.display_name ORDER BY o.signed_up_at) FROM rota_shift_people o JOIN users u ON u.id = o.user_id
        WHERE o.shift_id = s.id AND o.user_id <> p.user_id), ARRAY[]::text[]) AS team
    FROM rota_shift_people p JOIN rota_shifts s ON s.id = p.shift_id JOIN areas a ON a.id = s.area_id
    WHERE p.user_id = ${userId} AND s.day >= ${from}::date AND s.day <= ${to}::date
    ORDER BY s.day, a.name`.execute(db);
  return r.rows;
}

// ---- Evening reminders (rota_reminders) ----

export type ReminderRow = { organisation_id: string; user_id: string; email: string; locale: string; name: string; area_name: string; role: 'observer' | 'driver'; team: string[] };

/** Everyone on a shift of `day` (every organisation: the job runs for the whole deployment). */
export async function peopleOnDay(db: Executor, day: string): Promise<ReminderRow[]> {
  const r = await sql<ReminderRow>`
    SELECT p.organisation_id, p.user_id, u.email, u.locale, u.display_name AS name, a.name AS area_name, p.role,
      coalesce((SELECT array_agg(v.display_name ORDER BY o.signed_up_at) FROM rota_shift_people o JOIN users v ON v.id = o.user_id
        WHERE o.shift_id = s.id AND o.user_id <> p.user_id), ARRAY[]::text[]) AS team
    FROM rota_shift_people p JOIN rota_shifts s ON s.id = p.shift_id JOIN areas a ON a.id = s.area_id JOIN users u ON u.id = p.user_id
    WHERE s.day = ${day}::date AND u.active ORDER BY p.user_id, a.name`.execute(db);
  return r.rows;
}

/** Claims the reminder of a person for a day; undefined when it was already sent. */
export async function claimReminder(db: Executor, organisationId: string, userId: string, day: string): Promise<string | undefined> {
  const r = await sql<{ id: string }>`
    INSERT INTO rota_reminders (organisation_id, user_id, day) VALUES (${organisationId}, ${userId}, ${day}::date)
    ON CONFLICT (user_id, day) DO NOTHING RETURNING id`.execute(db);
  return r.rows[0]?.id;
}
