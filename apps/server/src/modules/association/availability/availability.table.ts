import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the availability tables (migration 2026-12-07-18g-01), merged into the shared Database interface here. */
export interface AvailabilitySlotsTable { organisation_id: string; person_id: string; weekday: number; part: string }
export interface AvailabilityAwayTable {
  id: Generated<string>; organisation_id: string; person_id: string;
  starts_on: ColumnType<string, string, string>; ends_on: ColumnType<string, string, string>; note: ColumnType<string, string | undefined, string>;
}
export interface AvailabilityNotesTable {
  person_id: string; organisation_id: string; note: string; updated_by: string;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

declare module '../../../platform/db/schema.js' {
  interface Database { availability_slots: AvailabilitySlotsTable; availability_away: AvailabilityAwayTable; availability_notes: AvailabilityNotesTable }
}
