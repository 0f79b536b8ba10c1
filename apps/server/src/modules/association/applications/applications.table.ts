import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the application tables (migrations 2026-12-03-18-03 and 2026-12-04-18a-02), merged into the shared Database interface here. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface JobApplicationsTable {
  id: Generated<string>; organisation_id: string; posting_id: string; name: string; email: string; message: ColumnType<string, string | undefined, string>;
  stage: ColumnType<string, string | undefined, string>; submissions: ColumnType<number, number | undefined, number>;
  last_contact_at: DefaultTimestamp; erasure_requested_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: DefaultTimestamp; updated_at: DefaultTimestamp;
}
export interface JobApplicationFilesTable {
  id: string; organisation_id: string; application_id: string; kind: string; original_name: string; detected_type: string; size_bytes: number;
  sha256: string; iv: Buffer; tag: Buffer; ciphertext: Buffer; extraction_status: ColumnType<string, string | undefined, string>;
  extraction_note: Nullable<string>; extracted_text: Nullable<string>; search_vector: Nullable<string>; created_at: DefaultTimestamp;
}
export interface JobApplicationNotesTable {
  id: Generated<string>; organisation_id: string; application_id: string; author_id: string; body: string; created_at: DefaultTimestamp;
}
export interface JobApplicationRatingsTable {
  organisation_id: string; application_id: string; reviewer_id: string; score: number; updated_at: DefaultTimestamp;
}

export interface RecruitmentReplyTemplatesTable {
  id: Generated<string>; organisation_id: string; name: string; subject: string; body: string; created_by: string; updated_at: DefaultTimestamp;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    job_applications: JobApplicationsTable;
    job_application_files: JobApplicationFilesTable;
    job_application_notes: JobApplicationNotesTable;
    job_application_ratings: JobApplicationRatingsTable;
    recruitment_reply_templates: RecruitmentReplyTemplatesTable;
  }
}
