import type { ColumnType, Generated } from 'kysely';

/** Kysely types of testimonies (migration 2026-12-03-16b-01-testimonies.sql), merged into the shared Database interface. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type CalendarDate = ColumnType<string, string, string>;

export interface TestimoniesTable {
  id: Generated<string>; organisation_id: string; person_id: string; language: string; given_on: CalendarDate;
  account_enc: Nullable<string>; quote_enc: Nullable<string>; code_hash: string; withdrawn_at: NullableTimestamp;
  created_by: string; created_at: DefaultTimestamp; updated_at: DefaultTimestamp;
}
export interface TestimonyConsentsTable {
  id: Generated<string>; organisation_id: string; testimony_id: string; purpose: string; granted: boolean;
  text_version: Nullable<string>; shown_in: Nullable<string>; via: string; recorded_by: Nullable<string>; recorded_at: DefaultTimestamp;
}
export interface TestimonyLinksTable {
  id: Generated<string>; organisation_id: string; testimony_id: string; eviction_id: Nullable<string>; incident_id: Nullable<string>; round_id: Nullable<string>;
  linked_by: string; created_at: DefaultTimestamp;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    testimonies: TestimoniesTable;
    testimony_consents: TestimonyConsentsTable;
    testimony_links: TestimonyLinksTable;
  }
}
