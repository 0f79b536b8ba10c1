import type { ColumnType, Selectable } from 'kysely';

/** Kysely type of report_jobs (migration 2026-11-22-50-report-jobs.sql), merged into the shared Database interface. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
export type ReportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ReportJobsTable {
  id: string;
  organisation_id: string;
  kind: 'annual';
  params: Json;
  status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>;
  progress: ColumnType<number, number | undefined, number>;
  step: ColumnType<string, string | undefined, string>;
  error_code: Nullable<string>;
  files: ColumnType<unknown, string | undefined, string>;
  requested_by: string;
  created_at: DefaultTimestamp;
  finished_at: Nullable<Date>;
}
export type ReportJobRow = Selectable<ReportJobsTable>;

declare module '../../../platform/db/schema.js' {
  interface Database {
    report_jobs: ReportJobsTable;
  }
}
