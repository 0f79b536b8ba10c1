import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely types of the legal pole's case tables (migration 2026-11-22-60-legal-cases.sql),
 * merged into the shared Database interface from here, beside the queries that use them.
 */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
/** Calendar dates come back as yyyy-MM-dd strings (the pg type parser for date is left as text). */
type CalendarDate = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;

export interface LegalCasesTable {
  id: Generated<string>; organisation_id: string; title: string; action_type: string; court: Nullable<string>;
  external_reference: Nullable<string>; summary: Nullable<string>; status: ColumnType<string, string | undefined, string>;
  outcome: Nullable<string>; outcome_note: Nullable<string>; opened_by: string; created_at: DefaultTimestamp; updated_at: DefaultTimestamp;
}
export interface LegalCaseLinksTable {
  id: Generated<string>; organisation_id: string; case_id: string; eviction_id: Nullable<string>; incident_id: Nullable<string>;
  evidence_id: Nullable<string>; note: Nullable<string>; linked_by: string; created_at: DefaultTimestamp;
}
export interface LegalCasePartiesTable {
  id: Generated<string>; organisation_id: string; case_id: string; kind: string; role: string; person_id: Nullable<string>;
  name: Nullable<string>; contact: Nullable<string>; note: Nullable<string>; created_at: DefaultTimestamp;
}
export interface LegalCaseEventsTable {
  id: Generated<string>; organisation_id: string; case_id: string; kind: string; status: Nullable<string>; outcome: Nullable<string>;
  note: Nullable<string>; occurred_on: CalendarDate; actor_id: string; at: DefaultTimestamp;
}
export interface LegalCaseTasksTable {
  id: Generated<string>; organisation_id: string; case_id: string; title: string; owner_id: Nullable<string>; due_on: NullableDate;
  done_at: NullableTimestamp; created_by: string; created_at: DefaultTimestamp;
}
export interface LegalCaseDocumentsTable {
  id: Generated<string>; organisation_id: string; case_id: string; title: string; created_by: string; created_at: DefaultTimestamp;
}
export interface LegalCaseDocumentVersionsTable {
  id: string; organisation_id: string; document_id: string; version: number; original_name: string; content_type: string;
  size_bytes: ColumnType<number, number, number>; sha256: string; storage_key: string; encryption_iv: string; encryption_tag: string;
  uploaded_by: string; uploaded_at: DefaultTimestamp;
}
export interface LegalCaseGrantsTable {
  id: Generated<string>; organisation_id: string; case_id: string; token_hash: string; lawyer_name: string; lawyer_email: Nullable<string>;
  expires_at: ColumnType<Date, Date | string, Date | string>; revoked_at: NullableTimestamp; revoked_by: Nullable<string>;
  created_by: string; created_at: DefaultTimestamp; last_used_at: NullableTimestamp;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    legal_cases: LegalCasesTable;
    legal_case_links: LegalCaseLinksTable;
    legal_case_parties: LegalCasePartiesTable;
    legal_case_events: LegalCaseEventsTable;
    legal_case_tasks: LegalCaseTasksTable;
    legal_case_documents: LegalCaseDocumentsTable;
    legal_case_document_versions: LegalCaseDocumentVersionsTable;
    legal_case_grants: LegalCaseGrantsTable;
  }
}
