import type { ColumnType, Generated } from 'kysely';

/** Kysely type of house_stays (migration 2026-12-04-19b-01), merged into the shared Database interface here. */
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface HouseStaysTable {
  id: Generated<string>; organisation_id: string; bed_id: string; person_id: Nullable<string>; guest_name: Nullable<string>;
  arrives_on: string; leaves_on: string; notes: ColumnType<string, string | undefined, string>;
  cancelled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>; created_by: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

declare module '../../../platform/db/schema.js' {
  interface Database { house_stays: HouseStaysTable }
}
