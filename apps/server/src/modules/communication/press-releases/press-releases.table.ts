import type { ColumnType, Generated } from 'kysely';

/** Kysely types of press releases (migration 2026-12-03-13-02-press-releases.sql). */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface PressReleasesTable {
  id: Generated<string>; organisation_id: string; language: ColumnType<string, string | undefined, string>; title: string; lede: Nullable<string>;
  body: ColumnType<string, string | undefined, string>; quotes: Nullable<string>; press_contacts: Nullable<string>;
  status: ColumnType<string, string | undefined, string>; embargo_until: NullableTimestamp; created_by: string; submitted_by: Nullable<string>;
  approved_by: Nullable<string>; approved_at: NullableTimestamp; sent_at: NullableTimestamp; list_id: Nullable<string>; mailing_id: Nullable<string>;
  snapshot: Nullable<Record<string, unknown>>; snapshot_sha256: Nullable<string>; created_at: DefaultTimestamp; updated_at: DefaultTimestamp;
}
export interface PressReleaseFiguresTable {
  id: Generated<string>; organisation_id: string; release_id: string; metric: string; period_from: ColumnType<string, string, string>;
  period_to: ColumnType<string, string, string>; area_code: Nullable<string>; filters: ColumnType<Record<string, string>, string | undefined, string>;
  value: number; at_least: boolean; wording: string; inserted_by: string; inserted_at: DefaultTimestamp;
}
export interface PressReleaseCorrectionsTable {
  id: Generated<string>; organisation_id: string; release_id: string; text: string; created_by: string; created_at: DefaultTimestamp;
}
/** A quote from a testimony, by reference only (migration 2026-12-03-16b-01-testimonies.sql): its text is read through the consent check. */
export interface PressReleaseQuotesTable {
  id: Generated<string>; organisation_id: string; release_id: string; testimony_id: string; inserted_by: string; inserted_at: DefaultTimestamp;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    press_releases: PressReleasesTable;
    press_release_figures: PressReleaseFiguresTable;
    press_release_corrections: PressReleaseCorrectionsTable;
    press_release_quotes: PressReleaseQuotesTable;
  }
}
