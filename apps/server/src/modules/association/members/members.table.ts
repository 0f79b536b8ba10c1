import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the members and dues tables (migration 2026-12-04-18a-01), merged into the shared Database interface here. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export interface ReceiptSettingsTable {
  organisation_id: string; legal_name: string; address: string; postcode: string; city: string; registration: WithDefault<string>; purpose: string;
  status: string; tax_receipts_enabled: WithDefault<boolean>; signatory_name: string; signatory_title: string; updated_by: Nullable<string>;
  updated_at: DefaultTimestamp;
}
export interface MembersTable {
  id: Generated<string>; organisation_id: string; contact_id: Nullable<string>; full_name: string; address: WithDefault<string>; postcode: WithDefault<string>;
  city: WithDefault<string>; email: Nullable<string>; joined_on: string; created_by: string; created_at: DefaultTimestamp;
}
export interface MembershipsTable {
  id: Generated<string>; organisation_id: string; member_id: string; year: number; category: string; amount_cents: number; paid_on: string; method: string;
  created_by: string; created_at: DefaultTimestamp; external_ref: Nullable<string>;
}
export interface DonationsTable {
  id: Generated<string>; organisation_id: string; member_id: Nullable<string>; donor_kind: string; donor_name: string; donor_address: string;
  donor_postcode: string; donor_city: string; amount_cents: number; received_on: string; method: string; created_by: string; created_at: DefaultTimestamp;
  external_ref: Nullable<string>;
}
export interface ReceiptCountersTable { organisation_id: string; series: string; year: number; last_number: number }
export interface ReceiptsTable {
  id: Generated<string>; organisation_id: string; series: string; year: number; number: number; reference: string; kind: string;
  membership_id: Nullable<string>; donation_id: Nullable<string>; cancels_id: Nullable<string>; reason: WithDefault<string>; payer_name: string;
  amount_cents: number; issued_by: string; issued_at: DefaultTimestamp; pdf: Buffer; pdf_sha256: string;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    receipt_settings: ReceiptSettingsTable;
    members: MembersTable;
    memberships: MembershipsTable;
    donations: DonationsTable;
    receipt_counters: ReceiptCountersTable;
    receipts: ReceiptsTable;
  }
}

/** Renewal reminders (migration 2026-12-05-18b-02). */
export interface MembershipReminderSettingsTable {
  organisation_id: string; enabled: WithDefault<boolean>; days_before: WithDefault<number>; updated_by: Nullable<string>; updated_at: DefaultTimestamp;
}
export interface MembershipRemindersTable { organisation_id: string; member_id: string; year: number; sent_on: string }
declare module '../../../platform/db/schema.js' {
  interface Database {
    membership_reminder_settings: MembershipReminderSettingsTable;
    membership_reminders: MembershipRemindersTable;
  }
}
