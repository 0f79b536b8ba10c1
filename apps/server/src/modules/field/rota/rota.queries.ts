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
export type ShiftPersonRow = { shift_id: string; user_id: string; name: string; role: 'observer' | 'driver'; no_show: boolean };

export async function shiftsBetween(db: Executor, from: string, to: string): Promise<ShiftRow[]> {
  const r = await sql<ShiftRow>`
    SELECT id, area_id, to_char(day, 'YYYY-MM-DD') AS day, nothing_to_report_at IS NOT NULL AS nothing_to_report
    FROM rota_shifts WHERE day >= ${from}::date AND day <= ${to}::date`.execute(db);
  return r.rows;
}

export async function peopleOf(db: Executor, shiftIds: string[]): Promise<ShiftPersonRow[]> {
  if (shiftIds.length === 0) return [];
  const r = await sql<ShiftPersonRow>`
    SELECT p.shift_id, p.user_id, u.display_name AS name, p.role, p.no_show
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
