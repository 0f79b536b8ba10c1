import { z } from 'zod';

/**
 * Vehicles (issue 19): a vehicle is an inventory item of kind 'vehicle'. Bookings on a calendar
 * (never two at once), the logbook of trips (driver, times, kilometres, purpose) and the papers'
 * dates (insurance, contrôle technique). The logbook answers "who was driving this car on this date
 * at this time", which an association must answer within 45 days of a traffic fine.
 */
const text = (max: number) => z.string().trim().max(max);
const instant = z.iso.datetime({ offset: true });

export const vehicleBookingInputSchema = z.strictObject({
  itemId: z.uuid(), driverId: z.uuid(), startsAt: instant, endsAt: instant, purpose: text(300).default(''),
});
export type VehicleBookingInput = z.infer<typeof vehicleBookingInputSchema>;

export const vehicleBookingViewSchema = z.object({
  id: z.uuid(), itemId: z.uuid(), vehicleLabel: z.string(), driverId: z.uuid(), driverName: z.string(), startsAt: z.string(), endsAt: z.string(), purpose: z.string(),
});
export type VehicleBookingView = z.infer<typeof vehicleBookingViewSchema>;

/** A booking moved (same overlap rules as a new one) or its purpose reworded; the car and the driver stay. */
export const vehicleBookingChangeSchema = z.strictObject({ startsAt: instant, endsAt: instant, purpose: text(300).optional() });
export type VehicleBookingChange = z.infer<typeof vehicleBookingChangeSchema>;

/** A trip is opened on departure (kilometres on the dial) and closed on return; or written whole afterwards. */
export const tripStartSchema = z.strictObject({
  itemId: z.uuid(), driverId: z.uuid(), startedAt: instant, kmStart: z.number().int().min(0).max(2_000_000), purpose: text(300),
  endedAt: instant.nullable().default(null), kmEnd: z.number().int().min(0).max(2_000_000).nullable().default(null),
});
export type TripStart = z.infer<typeof tripStartSchema>;
export const tripEndSchema = z.strictObject({ endedAt: instant, kmEnd: z.number().int().min(0).max(2_000_000) });
export type TripEnd = z.infer<typeof tripEndSchema>;

/**
 * A trip corrected afterwards (a mistyped mileage, a wrong hour): the whole trip as it should read,
 * with the reason, checked like a new trip. What it read before stays in the trip's history.
 */
export const tripCorrectionSchema = z.strictObject({
  startedAt: instant, endedAt: instant.nullable(), kmStart: z.number().int().min(0).max(2_000_000), kmEnd: z.number().int().min(0).max(2_000_000).nullable(),
  purpose: text(300), reason: text(500),
});
export type TripCorrection = z.infer<typeof tripCorrectionSchema>;
const tripFacts = z.object({ startedAt: z.string(), endedAt: z.string().nullable(), kmStart: z.number(), kmEnd: z.number().nullable(), purpose: z.string() });
export type TripFacts = z.infer<typeof tripFacts>;

export const tripViewSchema = z.object({
  id: z.uuid(), itemId: z.uuid(), vehicleLabel: z.string(), bookingId: z.string().nullable(), driverId: z.uuid(), driverName: z.string(),
  startedAt: z.string(), endedAt: z.string().nullable(), kmStart: z.number(), kmEnd: z.number().nullable(), purpose: z.string(),
  /** The trip's corrections, oldest first: what it read before and after each, by whom, when and why. */
  corrections: z.array(z.object({ at: z.string(), byName: z.string(), reason: z.string(), before: tripFacts, after: tripFacts })),
});
export type TripView = z.infer<typeof tripViewSchema>;

export const vehiclePapersInputSchema = z.strictObject({
  insuranceUntil: z.iso.date().nullable().default(null), roadworthyUntil: z.iso.date().nullable().default(null),
});
export type VehiclePapersInput = z.infer<typeof vehiclePapersInputSchema>;

export const vehicleViewSchema = z.object({
  id: z.uuid(), label: z.string(), plate: z.string().nullable(), state: z.string(), location: z.string(),
  insuranceUntil: z.string().nullable(), roadworthyUntil: z.string().nullable(),
  /** Which papers lapse within VEHICLE_PAPERS_WARNING_DAYS (or have lapsed). */
  papersDue: z.array(z.enum(['insurance', 'roadworthy'])),
  lastKm: z.number().nullable(),
});
export type VehicleView = z.infer<typeof vehicleViewSchema>;

export const driverQuerySchema = z.strictObject({ itemId: z.uuid(), at: instant });
/**
 * The answer to a fine: the logbook's trips covering the moment (the driver of record) and the
 * bookings covering it (who held the car). `driver` is the trip's driver when the logbook has one,
 * else the booking's holder, flagged so the reader knows it rests on a booking only.
 */
export const driverAnswerSchema = z.object({
  vehicle: z.object({ id: z.uuid(), label: z.string(), plate: z.string().nullable() }), at: z.string(),
  driver: z.object({ id: z.uuid(), name: z.string(), source: z.enum(['logbook', 'booking']) }).nullable(),
  trips: z.array(tripViewSchema), bookings: z.array(vehicleBookingViewSchema),
});
export type DriverAnswer = z.infer<typeof driverAnswerSchema>;

