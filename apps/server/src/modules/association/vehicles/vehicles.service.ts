import {
  formatDateTime, papersDue, parisDate, type DriverAnswer, type TripCorrection, type TripEnd, type TripFacts, type TripStart, type TripView,
  type VehicleBookingChange, type VehicleBookingInput, type VehicleBookingView, type VehiclePapersInput, type VehicleView,
} from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Executor } from '../../../platform/db/database.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { activeMember as findPerson, itemsOfKind, lockedItemOfKind } from '../equipment/equipment.service.js';
import {
  bookingRecord, bookingsBetween, cancelBooking, closeTrip, correctionsOf, correctTrip, findBooking, findTrip, insertBooking, insertTrip, insertTripCorrection,
  lastKmOf, moveBooking, papersOf, tripsMeeting, tripsOf, upsertPapers, type BookingRow, type TripRow,
} from './vehicles.queries.js';

/**
 * Vehicles (issue 19). A vehicle is an inventory item (kind 'vehicle'); this module adds its
 * bookings, its logbook and its papers. Every check that two things do not overlap runs under a
 * lock on the vehicle's item, so two people booking the same car at once cannot both pass.
 */
const presentBooking = (b: BookingRow): VehicleBookingView => ({
  id: b.id, itemId: b.item_id, vehicleLabel: b.vehicle_label, driverId: b.driver_id, driverName: b.driver_name,
  startsAt: b.starts_at.toISOString(), endsAt: b.ends_at.toISOString(), purpose: b.purpose,
});
const factsOf = (t: Pick<TripRow, 'started_at' | 'ended_at' | 'km_start' | 'km_end' | 'purpose'>): TripFacts => ({
  startedAt: t.started_at.toISOString(), endedAt: t.ended_at?.toISOString() ?? null, kmStart: t.km_start, kmEnd: t.km_end, purpose: t.purpose,
});
type CorrectionRow = Awaited<ReturnType<typeof correctionsOf>>[number];
const presentTrip = (t: TripRow, corrections: readonly CorrectionRow[] = []): TripView => ({
  id: t.id, itemId: t.item_id, vehicleLabel: t.vehicle_label, bookingId: t.booking_id, driverId: t.driver_id, driverName: t.driver_name,
  ...factsOf(t),
  corrections: corrections.filter((c) => c.trip_id === t.id).map((c) => ({
    at: c.corrected_at.toISOString(), byName: c.by_name, reason: c.reason, before: c.before as TripFacts, after: c.after as TripFacts,
  })),
});
/** Trips with their corrections (one query for the lot). */
async function presentTrips(trx: Executor, trips: TripRow[]): Promise<TripView[]> {
  const corrections = await correctionsOf(trx, trips.map((t) => t.id));
  return trips.map((t) => presentTrip(t, corrections));
}
/** A retired or lost vehicle is no longer booked (it stays in the logbook and still answers for past fines). */
function inService(vehicle: { label: string; state: string }) {
  if (vehicle.state === 'retired' || vehicle.state === 'lost') throw new AppError('vehicle.out_of_service', { vehicle: vehicle.label });
}
const notLater = (d: Date) => { if (d.getTime() > Date.now() + 60_000) throw new AppError('vehicle.trip_in_future'); };
// Paris wall-clock time for the messages (the people reading them are in Calais).
const paris = (d: Date) => formatDateTime(d, 'fr');

/** The vehicles in service (what can be booked); with `withRetired`, the retired and lost ones too, after them. */
export async function listVehicles(ctx: AppContext, actor: Actor, withRetired = false): Promise<{ vehicles: VehicleView[] }> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const [items, papers, kms] = await Promise.all([itemsOfKind(trx, 'vehicle', withRetired), papersOf(trx), lastKmOf(trx)]);
    const today = parisDate(new Date());
    return {
      vehicles: items.map((i) => {
        const p = papers.find((x) => x.item_id === i.id);
        const dates = { insuranceUntil: p?.insurance_until ?? null, roadworthyUntil: p?.roadworthy_until ?? null };
        return {
          id: i.id, label: i.label, plate: i.identifier, state: i.state, location: i.location, ...dates, papersDue: papersDue(dates, today),
          lastKm: kms.find((k) => k.item_id === i.id)?.km ?? null,
        };
      }),
    };
  });
}

export async function setPapers(ctx: AppContext, actor: Actor, itemId: string, input: VehiclePapersInput, ip: string) {
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    await lockedItemOfKind(trx, itemId, 'vehicle');
    await upsertPapers(trx, actor.organisationId, itemId, input);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'vehicle.papers_changed', entityType: 'equipment_item', entityId: itemId,
      after: input, context: { ip },
    });
  });
  return listVehicles(ctx, actor);
}

export async function vehicleCalendar(ctx: AppContext, actor: Actor, from: string, to: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => ({
    bookings: (await bookingsBetween(trx, new Date(from), new Date(to))).map(presentBooking),
  }));
}

/** Two live bookings of one car never overlap: the other one is named (its holder, its hours). */
async function refuseBookingClash(trx: Executor, label: string, itemId: string, from: Date, to: Date, exceptId?: string) {
  const clash = (await bookingsBetween(trx, from, to, itemId, exceptId))[0];
  if (clash) throw new AppError('vehicle.booking_overlaps', { vehicle: label, driver: clash.driver_name, from: paris(clash.starts_at), to: paris(clash.ends_at) });
}

export async function bookVehicle(ctx: AppContext, actor: Actor, input: VehicleBookingInput, ip: string) {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw new AppError('vehicle.booking_ends_before_start');
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const vehicle = await lockedItemOfKind(trx, input.itemId, 'vehicle');
    inService(vehicle);
    if (!(await findPerson(trx, input.driverId))) throw new AppError('loan.unknown_person');
    await refuseBookingClash(trx, vehicle.label, input.itemId, startsAt, endsAt);
    const { id } = await insertBooking(trx, {
      organisation_id: actor.organisationId, item_id: input.itemId, driver_id: input.driverId, starts_at: startsAt, ends_at: endsAt, purpose: input.purpose,
      created_by: actor.userId,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'vehicle.booked', entityType: 'vehicle_booking', entityId: id,
      after: { itemId: input.itemId, driverId: input.driverId, startsAt: input.startsAt, endsAt: input.endsAt }, context: { ip },
    });
    return presentBooking((await findBooking(trx, id))!);
  });
}

/**
 * The driver or a house manager moves a booking (or rewords its purpose), under the same rules as
 * a new one: the car still in service, the end after the start, no other live booking overlapping.
 */
export async function changeVehicleBooking(ctx: AppContext, actor: Actor, id: string, input: VehicleBookingChange, mayManage: boolean, ip: string) {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw new AppError('vehicle.booking_ends_before_start');
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const record = await bookingRecord(trx, id);
    if (!record) throw new AppError('vehicle.booking_not_found');
    if (!mayManage && record.driver_id !== actor.userId) throw new AppError('auth.forbidden');
    const vehicle = await lockedItemOfKind(trx, record.item_id, 'vehicle');
    const before = await findBooking(trx, id);
    if (!before || record.cancelled_at) throw new AppError('vehicle.booking_cancelled');
    inService(vehicle);
    await refuseBookingClash(trx, vehicle.label, record.item_id, startsAt, endsAt, id);
    await moveBooking(trx, id, { starts_at: startsAt, ends_at: endsAt, ...(input.purpose !== undefined ? { purpose: input.purpose } : {}) });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'vehicle.booking_changed', entityType: 'vehicle_booking', entityId: id,
      before: { startsAt: before.starts_at.toISOString(), endsAt: before.ends_at.toISOString(), purpose: before.purpose },
      after: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), purpose: input.purpose ?? before.purpose }, context: { ip },
    });
    return presentBooking((await findBooking(trx, id))!);
  });
}

/** The driver or a house manager cancels a booking (it stays in the table, for the record). */
export async function cancelVehicleBooking(ctx: AppContext, actor: Actor, id: string, mayManage: boolean, ip: string) {
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const b = await findBooking(trx, id);
    if (!b) throw new AppError('vehicle.booking_not_found');
    if (!mayManage && b.driver_id !== actor.userId) throw new AppError('auth.forbidden');
    await cancelBooking(trx, id);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'vehicle.booking_cancelled', entityType: 'vehicle_booking', entityId: id, context: { ip },
    });
  });
}

export async function logbook(ctx: AppContext, actor: Actor, itemId: string | undefined) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => ({ trips: await presentTrips(trx, await tripsOf(trx, itemId, 200)) }));
}

/** A car has one driver at a time: a trip meeting another of the same car is refused, naming it. */
async function refuseOverlap(trx: Executor, label: string, itemId: string, from: Date, to: Date | null, exceptId?: string) {
  const other = (await tripsMeeting(trx, itemId, from, to ?? new Date('9999-12-31T00:00:00Z'), exceptId))[0];
  if (other) {
    throw new AppError('vehicle.trip_overlaps', {
      vehicle: label, driver: other.driver_name, from: paris(other.started_at), to: other.ended_at ? paris(other.ended_at) : '…',
    });
  }
}

/** A trip as written or corrected: not in the future, ending after it starts, kilometres not going backwards, a purpose. */
function checkedTrip(input: Pick<TripStart, 'startedAt' | 'endedAt' | 'kmStart' | 'kmEnd' | 'purpose'>) {
  const startedAt = new Date(input.startedAt);
  const endedAt = input.endedAt ? new Date(input.endedAt) : null;
  notLater(startedAt);
  if (endedAt) notLater(endedAt);
  if ((endedAt === null) !== (input.kmEnd === null)) throw new AppError('vehicle.trip_end_incomplete');
  if (endedAt && endedAt <= startedAt) throw new AppError('vehicle.trip_ends_before_start');
  if (input.kmEnd !== null && input.kmEnd < input.kmStart) throw new AppError('vehicle.km_backwards', { kmStart: input.kmStart });
  if (!input.purpose) throw new AppError('vehicle.trip_purpose_missing');
  return { startedAt, endedAt };
}

export async function startTrip(ctx: AppContext, actor: Actor, input: TripStart, ip: string) {
  const { startedAt, endedAt } = checkedTrip(input);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const vehicle = await lockedItemOfKind(trx, input.itemId, 'vehicle');
    if (!(await findPerson(trx, input.driverId))) throw new AppError('loan.unknown_person');
    await refuseOverlap(trx, vehicle.label, input.itemId, startedAt, endedAt);
    // The booking the trip was taken under, if any: the one of this vehicle running at departure.
    const booking = (await bookingsBetween(trx, startedAt, new Date(startedAt.getTime() + 1), input.itemId))[0];
    const { id } = await insertTrip(trx, {
      organisation_id: actor.organisationId, item_id: input.itemId, booking_id: booking?.id ?? null, driver_id: input.driverId, started_at: startedAt,
      ended_at: endedAt, km_start: input.kmStart, km_end: input.kmEnd, purpose: input.purpose, created_by: actor.userId,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'vehicle.trip_logged', entityType: 'vehicle_trip', entityId: id,
      after: { itemId: input.itemId, driverId: input.driverId, startedAt: input.startedAt, endedAt: input.endedAt, kmStart: input.kmStart, kmEnd: input.kmEnd },
      context: { ip },
    });
    return presentTrip((await findTrip(trx, id))!);
  });
}

export async function endTrip(ctx: AppContext, actor: Actor, id: string, input: TripEnd, mayManage: boolean, ip: string) {
  const endedAt = new Date(input.endedAt);
  notLater(endedAt);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const found = await findTrip(trx, id);
    if (!found) throw new AppError('vehicle.trip_not_found');
    const vehicle = await lockedItemOfKind(trx, found.item_id, 'vehicle');
    const trip = (await findTrip(trx, id))!;
    if (!mayManage && trip.driver_id !== actor.userId) throw new AppError('auth.forbidden');
    if (trip.ended_at) throw new AppError('vehicle.trip_already_ended');
    if (endedAt <= trip.started_at) throw new AppError('vehicle.trip_ends_before_start');
    if (input.kmEnd < trip.km_start) throw new AppError('vehicle.km_backwards', { kmStart: trip.km_start });
    await refuseOverlap(trx, vehicle.label, trip.item_id, trip.started_at, endedAt, id);
    await closeTrip(trx, id, endedAt, input.kmEnd);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'vehicle.trip_ended', entityType: 'vehicle_trip', entityId: id,
      before: { endedAt: null }, after: { endedAt: input.endedAt, kmEnd: input.kmEnd }, context: { ip },
    });
    return (await presentTrips(trx, [(await findTrip(trx, id))!]))[0]!;
  });
}

/**
 * A trip corrected afterwards (the driver or a house manager): the same checks as a trip written
 * whole — not in the future, back after departure, kilometres never going backwards, both return
 * values or neither, no other trip of the car meeting it. The trip keeps its driver; what it read
 * before is kept in `vehicle_trip_corrections` with the reason, and audited.
 */
export async function correctVehicleTrip(ctx: AppContext, actor: Actor, id: string, input: TripCorrection, mayManage: boolean, ip: string) {
  const { startedAt, endedAt } = checkedTrip(input);
  if (!input.reason) throw new AppError('vehicle.correction_reason_missing');
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const found = await findTrip(trx, id);
    if (!found) throw new AppError('vehicle.trip_not_found');
    if (!mayManage && found.driver_id !== actor.userId) throw new AppError('auth.forbidden');
    // A retired car's trips are still corrected: the logbook answers for the fines of when it was driven.
    const vehicle = await lockedItemOfKind(trx, found.item_id, 'vehicle', true);
    const trip = (await findTrip(trx, id))!;
    const before = factsOf(trip);
    const after = factsOf({ started_at: startedAt, ended_at: endedAt, km_start: input.kmStart, km_end: input.kmEnd, purpose: input.purpose });
    if (JSON.stringify(before) === JSON.stringify(after)) throw new AppError('vehicle.nothing_changed');
    await refuseOverlap(trx, vehicle.label, trip.item_id, startedAt, endedAt, id);
    await correctTrip(trx, id, { started_at: startedAt, ended_at: endedAt, km_start: input.kmStart, km_end: input.kmEnd, purpose: input.purpose });
    await insertTripCorrection(trx, {
      organisation_id: actor.organisationId, trip_id: id, before: JSON.stringify(before), after: JSON.stringify(after), reason: input.reason, corrected_by: actor.userId,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'vehicle.trip_corrected', entityType: 'vehicle_trip', entityId: id,
      before, after, context: { ip, reason: input.reason },
    });
    return (await presentTrips(trx, [(await findTrip(trx, id))!]))[0]!;
  });
}

/**
 * "Who was driving this car at this moment?" — asked when a traffic fine arrives (the association
 * must name the driver within 45 days). The logbook's trip covering the moment names the driver;
 * failing one, the booking holding the car then (flagged as such). The read names a person to
 * the police: it is audited with the question asked.
 */
export async function whoWasDriving(ctx: AppContext, actor: Actor, itemId: string, at: string, ip: string): Promise<DriverAnswer> {
  const when = new Date(at);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    // A vehicle since retired or sold still answers for the fines of when it was driven.
    const vehicle = await lockedItemOfKind(trx, itemId, 'vehicle', false);
    const after = new Date(when.getTime() + 1);
    const trips = (await tripsMeeting(trx, itemId, when, after)).filter((t) => t.started_at <= when);
    const bookings = await bookingsBetween(trx, when, after, itemId);
    const trip = trips[0];
    const booking = bookings[0];
    const driver = trip ? { id: trip.driver_id, name: trip.driver_name, source: 'logbook' as const }
      : booking ? { id: booking.driver_id, name: booking.driver_name, source: 'booking' as const } : null;
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'vehicle.driver_query', entityType: 'equipment_item', entityId: itemId,
      context: { ip, at: when.toISOString(), answer: driver ? { userId: driver.id, source: driver.source } : null },
    });
    return {
      vehicle: { id: vehicle.id, label: vehicle.label, plate: vehicle.identifier }, at: when.toISOString(), driver,
      trips: await presentTrips(trx, trips), bookings: bookings.map(presentBooking),
    };
  });
}
