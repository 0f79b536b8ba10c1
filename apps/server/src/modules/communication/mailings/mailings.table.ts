import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the outgoing mail pipeline (migration 2026-12-03-13-01-contacts-and-mail.sql). */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface MailingsTable {
  id: Generated<string>; organisation_id: string; purpose: string; source_id: Nullable<string>; list_id: Nullable<string>;
  subject: string; body_text: string; bulk: ColumnType<boolean, boolean | undefined, boolean>; created_by: Nullable<string>; created_at: DefaultTimestamp;
  /** A secret link sealed with the server key until the mail has left (migration 13e-01). */
  sealed_secret: Nullable<string>;
}
export interface MailDeliveriesTable {
  id: Generated<string>; organisation_id: string; mailing_id: string; contact_id: Nullable<string>; address: string;
  status: ColumnType<string, string | undefined, string>; token: string; attempts: ColumnType<number, number | undefined, number>;
  last_error: Nullable<string>; sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>; updated_at: DefaultTimestamp;
}
export interface MailSuppressionsTable {
  id: Generated<string>; organisation_id: string; address: string; list_id: Nullable<string>; reason: string; note: Nullable<string>; created_at: DefaultTimestamp;
}
export interface MailBouncePatternsTable {
  id: Generated<string>; organisation_id: string; pattern: string; bounce_type: string; hold_threshold: number; position: ColumnType<number, number | undefined, number>;
}
export interface MailBouncesTable {
  id: Generated<string>; organisation_id: string; delivery_id: Nullable<string>; address: string; bounce_type: Nullable<string>;
  pattern_id: Nullable<string>; state: string; subject: Nullable<string>; excerpt: string; message_id: Nullable<string>; received_at: DefaultTimestamp;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    mailings: MailingsTable;
    mail_deliveries: MailDeliveriesTable;
    mail_suppressions: MailSuppressionsTable;
    mail_bounce_patterns: MailBouncePatternsTable;
    mail_bounces: MailBouncesTable;
  }
}
