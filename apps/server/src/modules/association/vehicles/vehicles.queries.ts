import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type { VehicleBookingsTable, VehicleTripCorrectionsTable, VehicleTripsTable } from './vehicles.table.js';
import './vehicles.table.js';

const bookingSelect = (db: Executor) => db.selectFrom('vehicle_bookings as b')
  .innerJoin('equipment_items as i', 'i.id', 'b.item_id').innerJoin('users as u', 'u.id', 'b.driver_id')
  .select(['b.id', 'b.item_id', 'i.label as vehicle_label', 'b.driver_id', 'u.display_name as driver_name', 'b.starts_at', 'b.ends_at', 'b.purpose'])
  .where('b.cancelled_at', 'is', null);
export type BookingRow = Awaited<ReturnType<typeof bookingsBetween>>[number];

/** Live bookings meeting [from, to) — of one vehicle (but one of its bookings, being moved), or of all. */
export async function bookingsBetween(db: Executor, from: Date, to: Date, itemId?: string, exceptId?: string) {
  let q = bookingSelect(db).where('b.starts_at', '<', to).where('b.ends_at', '>', from);
  if (itemId) q = q.where('b.item_id', '=', itemId);
  if (exceptId) q = q.where('b.id', '<>', exceptId);
  return q.orderBy('b.starts_at').execute();
}
/** A booking, live or cancelled (to tell "cancelled" from "never existed"). */
export async function bookingRecord(db: Executor, id: string) {
  return db.selectFrom('vehicle_bookings').select(['id', 'item_id', 'driver_id', 'cancelled_at']).where('id', '=', id).executeTakeFirst();
}
export async function moveBooking(db: Executor, id: string, v: { starts_at: Date; ends_at: Date; purpose?: string }) {
  await db.updateTable('vehicle_bookings').set(v).where('id', '=', id).execute();
}
export async function findBooking(db: Executor, id: string) {
  return bookingSelect(db).where('b.id', '=', id).executeTakeFirst();
}
export async function insertBooking(db: Executor, v: Insertable<VehicleBookingsTable>) {
  return db.insertInto('vehicle_bookings').values(v).returning('id').executeTakeFirstOrThrow();
}
export async function cancelBooking(db: Executor, id: string) {
  await db.updateTable('vehicle_bookings').set({ cancelled_at: new Date() }).where('id', '=', id).execute();
}

const tripSelect = (db: Executor) => db.selectFrom('vehicle_trips as t')
  .innerJoin('equipment_items as i', 'i.id', 't.item_id').innerJoin('users as u', 'u.id', 't.driver_id')
  .select(['t.id', 't.item_id', 'i.label as vehicle_label', 't.booking_id', 't.driver_id', 'u.display_name as driver_name', 't.started_at', 't.ended_at',
    't.km_start', 't.km_end', 't.purpose']);
export type TripRow = Awaited<ReturnType<typeof tripsOf>>[number];

export async function tripsOf(db: Executor, itemId: string | undefined, limit: number) {
  let q = tripSelect(db);
  if (itemId) q = q.where('t.item_id', '=', itemId);
  return q.orderBy('t.started_at', 'desc').limit(limit).execute();
}
export async function findTrip(db: Executor, id: string) {
  return tripSelect(db).where('t.id', '=', id).executeTakeFirst();
}
/** Trips of a vehicle meeting [from, to); an open trip (not yet back) runs on for ever. */
export async function tripsMeeting(db: Executor, itemId: string, from: Date, to: Date, exceptId?: string) {
  let q = tripSelect(db).where('t.item_id', '=', itemId).where('t.started_at', '<', to)
    .where((eb) => eb.or([eb('t.ended_at', 'is', null), eb('t.ended_at', '>', from)]));
  if (exceptId) q = q.where('t.id', '<>', exceptId);
  return q.orderBy('t.started_at').execute();
}
export async function insertTrip(db: Executor, v: Insertable<VehicleTripsTable>) {
  return db.insertInto('vehicle_trips').values(v).returning('id').executeTakeFirstOrThrow();
}
export async function closeTrip(db: Executor, id: string, endedAt: Date, kmEnd: number) {
  await db.updateTable('vehicle_trips').set({ ended_at: endedAt, km_end: kmEnd }).where('id', '=', id).execute();
}
export async function correctTrip(db: Executor, id: string, v: { started_at: Date; ended_at: Date | null; km_start: number; km_end: number | null; purpose: string }) {
  await db.updateTable('vehicle_trips').set(v).where('id', '=', id).execute();
}
export async function insertTripCorrection(db: Executor, v: Insertable<VehicleTripCorrectionsTable>) {
  await db.insertInto('vehicle_trip_corrections').values(v).execute();
}
/** The corrections of these trips, oldest first, with the corrector's name. */
export async function correctionsOf(db: Executor, tripIds: readonly string[]) {
  if (tripIds.length === 0) return [];
  return db.selectFrom('vehicle_trip_corrections as c').innerJoin('users as u', 'u.id', 'c.corrected_by')
    .select(['c.trip_id', 'c.before', 'c.after', 'c.reason', 'c.corrected_at', 'u.display_name as by_name'])
    .where('c.trip_id', 'in', tripIds).orderBy('c.corrected_at').orderBy('c.id').execute();
}
export async function lastKmOf(db: Executor) {
  return db.selectFrom('vehicle_trips').select(['item_id', sql<number>`max(coalesce(km_end, km_start))`.as('km')]).groupBy('item_id').execute();
}

export async function papersOf(db: Executor) {
  return db.selectFrom('vehicle_papers').selectAll().execute();
}
export async function upsertPapers(db: Executor, organisationId: string, itemId: string, v: { insuranceUntil: string | null; roadworthyUntil: string | null }) {
  // A renewed date resets its reminder, so the next lapse is announced again.
  await sql`INSERT INTO vehicle_papers (item_id, organisation_id, insurance_until, roadworthy_until)
    VALUES (${itemId}, ${organisationId}, ${v.insuranceUntil}, ${v.roadworthyUntil})
    ON CONFLICT (item_id) DO UPDATE SET
      insurance_reminded_on = CASE WHEN vehicle_papers.insurance_until IS DISTINCT FROM excluded.insurance_until THEN NULL ELSE vehicle_papers.insurance_reminded_on END,
      roadworthy_reminded_on = CASE WHEN vehicle_papers.roadworthy_until IS DISTINCT FROM excluded.roadworthy_until THEN NULL ELSE vehicle_papers.roadworthy_reminded_on END,
      insurance_until = excluded.insurance_until, roadworthy_until = excluded.roadworthy_until, updated_at = now()`.execute(db);
}

/** Papers lapsing by `limit` and not reminded in the last 7 days (every organisation: a system job). */
export async function papersToRemind(db: Executor, today: string, limit: string) {
  const r = await sql<{ item_id: string; organisation_id: string; label: string; identifier: string | null; which: 'insurance' | 'roadworthy'; until: string }>`
    SELECT p.item_id, p.organisation_id, i.label, i.identifier, w.which, w.until::text AS until
    FROM vehicle_papers p JOIN equipment_items i ON i.id = p.item_id
    CROSS JOIN LATERAL (VALUES ('insurance', p.insurance_until, p.insurance_reminded_on), ('roadworthy', p.roadworthy_until, p.roadworthy_reminded_on))
      AS w(which, until, reminded_on)
    WHERE w.until IS NOT NULL AND w.until <= ${limit}::date AND i.state NOT IN ('retired', 'lost')
      AND (w.reminded_on IS NULL OR w.reminded_on <= ${today}::date - 7)
    ORDER BY w.until`.execute(db);
  return r.rows;
}
export async function markPapersReminded(db: Executor, itemId: string, which: 'insurance' | 'roadworthy', today: string) {
  const set = which === 'insurance' ? { insurance_reminded_on: today } : { roadworthy_reminded_on: today };
  await db.updateTable('vehicle_papers').set(set).where('item_id', '=', itemId).execute();
}
/** Who keeps the house in an organisation (house.manage is held through these roles): the reminders' recipients. */
export async function houseKeepers(db: Executor, organisationId: string, roles: readonly string[]) {
  return db.selectFrom('users').select(['email', 'locale', 'display_name']).where('organisation_id', '=', organisationId).where('active', '=', true)
    .where((eb) => eb.or([eb('role', 'in', roles), sql<boolean>`additional_roles && ${sql.val([...roles])}::text[]`])).execute();
}
