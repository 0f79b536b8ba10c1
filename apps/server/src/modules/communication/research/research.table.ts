import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the research-sharing tables (migration 2026-12-03-17-01-research-sharing.sql). */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type CalendarDate = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export interface ResearchAgreementsTable {
  id: string; organisation_id: string; recipient_name: string; recipient_email: string; contact_id: Nullable<string>;
  institution: string; purpose: string; starts_on: CalendarDate; ends_on: CalendarDate; finest_date: string; finest_place: string;
  measures: Json<string[]>; pseudonym_salt: string;
  document_name: Nullable<string>; document_content_type: Nullable<string>; document_sha256: Nullable<string>;
  document_size: Nullable<number>; document_storage_key: Nullable<string>; document_iv: Nullable<string>; document_tag: Nullable<string>;
  reminder_sent_at: NullableTimestamp; ended_notice_sent_at: NullableTimestamp; created_by: string; created_at: DefaultTimestamp;
}
export interface ResearchProfilesTable {
  id: Generated<string>; organisation_id: string; name: string; version: number; definition: Json<unknown>; created_by: string; created_at: DefaultTimestamp;
}
export interface ResearchReleasesTable {
  id: string; organisation_id: string; agreement_id: string; profile_id: string; period_from: CalendarDate; period_to: CalendarDate;
  status: ColumnType<string, string | undefined, string>; refused_cells: ColumnType<string[], string | undefined, string>;
  files: ColumnType<unknown, string | undefined, string>; manifest_sha256: Nullable<string>; disclosure: ColumnType<unknown, string | null | undefined, string | null>;
  requested_by: string; created_at: DefaultTimestamp; finished_at: NullableTimestamp;
}
export interface ResearchReleaseLinksTable {
  id: Generated<string>; organisation_id: string; release_id: string; token_hash: string; expires_at: ColumnType<Date, Date | string, Date | string>;
  revoked_at: NullableTimestamp; revoked_by: Nullable<string>; created_by: string; created_at: DefaultTimestamp;
}
export interface ResearchReleaseDownloadsTable {
  id: Generated<string>; organisation_id: string; link_id: string; release_id: string; file: string; ip_hash: string; user_agent: Nullable<string>; at: DefaultTimestamp;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    research_agreements: ResearchAgreementsTable;
    research_profiles: ResearchProfilesTable;
    research_releases: ResearchReleasesTable;
    research_release_links: ResearchReleaseLinksTable;
    research_release_downloads: ResearchReleaseDownloadsTable;
  }
}
