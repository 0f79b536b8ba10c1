import type { ColumnType } from 'kysely';

/** Kysely types of the phone tables (migration 2026-12-03-16-01-phone-scope.sql). */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface FieldPhoneSettingsTable {
  organisation_id: string; prefill_days: ColumnType<number, number | undefined, number>; updated_by: string | null; updated_at: DefaultTimestamp;
}
export interface ObserverAreasTable { organisation_id: string; user_id: string; area_id: string }
export interface FieldDevicesTable {
  id: string; organisation_id: string; user_id: string; label: string; registered_at: DefaultTimestamp; last_seen_at: DefaultTimestamp;
  revoked_at: NullableTimestamp; revoked_by: string | null; wiped_at: NullableTimestamp;
  /** What the phone last reported still waiting to be sent (migration 2026-12-03-19a-01). */
  pending_records: ColumnType<number | null, number | null | undefined, number | null>;
  pending_media: ColumnType<number | null, number | null | undefined, number | null>;
  pending_reported_at: NullableTimestamp;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    field_phone_settings: FieldPhoneSettingsTable;
    observer_areas: ObserverAreasTable;
    field_devices: FieldDevicesTable;
  }
}
