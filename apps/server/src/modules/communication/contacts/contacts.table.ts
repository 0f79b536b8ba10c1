import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the contacts registry (migration 2026-12-03-13-01-contacts-and-mail.sql). */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface ContactsTable {
  id: Generated<string>; organisation_id: string; kind: string; display_name: string; employer_id: Nullable<string>;
  organisation_type: Nullable<string>; job_title: Nullable<string>; beat: Nullable<string>; languages: TextArray; roles: TextArray;
  tags: TextArray; notes: Nullable<string>; source: Nullable<string>; created_by: Nullable<string>; created_at: DefaultTimestamp; updated_at: DefaultTimestamp;
}
export interface ContactChannelsTable {
  id: Generated<string>; organisation_id: string; contact_id: string; kind: string; value: string; normalised: string;
  label: Nullable<string>; created_at: DefaultTimestamp;
}
export interface ContactDoNotContactTable {
  organisation_id: string; contact_id: string; channel: string; reason: string; set_by: Nullable<string>; set_at: DefaultTimestamp;
}
export interface ContactListsTable {
  id: Generated<string>; organisation_id: string; name: string; kind: string; filter: Nullable<Record<string, unknown>>;
  legal_basis: string; purpose: Nullable<string>; created_by: Nullable<string>; created_at: DefaultTimestamp;
}
export interface ContactListMembersTable {
  organisation_id: string; list_id: string; contact_id: string; added_by: Nullable<string>; added_at: DefaultTimestamp;
}
export interface ConsentEventsTable {
  id: Generated<string>; organisation_id: string; contact_id: string; list_id: Nullable<string>; channel: string; status: string;
  method: string; form_version: Nullable<string>; form_text: Nullable<string>; note: Nullable<string>; recorded_by: Nullable<string>;
  at: DefaultTimestamp;
}
export interface ContactInteractionsTable {
  id: Generated<string>; organisation_id: string; contact_id: string; kind: string; summary: string; mailing_id: Nullable<string>;
  occurred_at: DefaultTimestamp; recorded_by: Nullable<string>;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    contacts: ContactsTable;
    contact_channels: ContactChannelsTable;
    contact_do_not_contact: ContactDoNotContactTable;
    contact_lists: ContactListsTable;
    contact_list_members: ContactListMembersTable;
    consent_events: ConsentEventsTable;
    contact_interactions: ContactInteractionsTable;
  }
}
