import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the vehicle tables (migration 2026-12-04-19b-01), merged into the shared Database interface here. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface VehiclePapersTable {
  item_id: string; organisation_id: string; insurance_until: Nullable<string>; roadworthy_until: Nullable<string>;
  insurance_reminded_on: Nullable<string>; roadworthy_reminded_on: Nullable<string>; updated_at: DefaultTimestamp;
}
export interface VehicleBookingsTable {
  id: Generated<string>; organisation_id: string; item_id: string; driver_id: string; starts_at: Timestamp; ends_at: Timestamp;
  purpose: ColumnType<string, string | undefined, string>; cancelled_at: NullableTimestamp; created_by: string; created_at: DefaultTimestamp;
}
export interface VehicleTripsTable {
  id: Generated<string>; organisation_id: string; item_id: string; booking_id: Nullable<string>; driver_id: string; started_at: Timestamp;
  ended_at: NullableTimestamp; km_start: number; km_end: Nullable<number>; purpose: string; created_by: string; created_at: DefaultTimestamp;
}

/** Migration 2026-12-05-19c-01: the append-only history of a trip's corrections. */
export interface VehicleTripCorrectionsTable {
  id: Generated<string>; organisation_id: string; trip_id: string; before: ColumnType<unknown, string, never>; after: ColumnType<unknown, string, never>;
  reason: string; corrected_by: string; corrected_at: DefaultTimestamp;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    vehicle_papers: VehiclePapersTable;
    vehicle_bookings: VehicleBookingsTable;
    vehicle_trips: VehicleTripsTable;
    vehicle_trip_corrections: VehicleTripCorrectionsTable;
  }
}
