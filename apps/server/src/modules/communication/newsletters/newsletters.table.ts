import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the newsletter (migration 2026-12-03-13d-01-newsletter.sql). */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface NewsletterSettingsTable {
  organisation_id: string; enabled: ColumnType<boolean, boolean | undefined, boolean>; list_id: Nullable<string>;
  updated_by: Nullable<string>; updated_at: DefaultTimestamp;
}
export interface NewsletterIssuesTable {
  id: Generated<string>; organisation_id: string; title: string; language: ColumnType<string, string | undefined, string>;
  status: ColumnType<string, string | undefined, string>; blocks: Json; list_id: Nullable<string>; mailing_id: Nullable<string>;
  snapshot: ColumnType<unknown, string | null | undefined, string | null>; sent_at: Nullable<Date>; sent_by: Nullable<string>;
  created_by: string; created_at: DefaultTimestamp; updated_at: DefaultTimestamp;
}
export interface NewsletterSignupsTable {
  id: Generated<string>; organisation_id: string; list_id: string; email: Nullable<string>; display_name: Nullable<string>; language: string;
  token_sha256: string; form_version: string; form_text: string; created_at: DefaultTimestamp; expires_at: ColumnType<Date, Date | string, Date | string>;
  confirmed_at: Nullable<Date>; contact_id: Nullable<string>;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    newsletter_settings: NewsletterSettingsTable;
    newsletter_issues: NewsletterIssuesTable;
    newsletter_signups: NewsletterSignupsTable;
  }
}
