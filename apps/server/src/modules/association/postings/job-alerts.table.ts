import type { ColumnType, Generated } from 'kysely';

/** Kysely types of job alerts (migration 2026-12-05-18b-01-job-alerts.sql), merged into the shared Database interface here. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface JobAlertListsTable { organisation_id: string; category: string; list_id: string }
export interface JobAlertSignupsTable {
  id: Generated<string>; organisation_id: string; categories: string[]; email: Nullable<string>; language: string;
  token_sha256: string; form_version: string; form_text: string; created_at: DefaultTimestamp; expires_at: ColumnType<Date, Date | string, Date | string>;
  confirmed_at: Nullable<Date>; contact_id: Nullable<string>;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    job_alert_lists: JobAlertListsTable;
    job_alert_signups: JobAlertSignupsTable;
  }
}
