import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the deadline tables (migration 2026-11-22-61-legal-deadlines.sql). */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Days = ColumnType<number[], number[] | undefined, number[]>;

export interface DeadlineRulesTable {
  id: Generated<string>; organisation_id: string; code: string; label: string; action_type: Nullable<string>; trigger_label: string;
  amount: number; unit: string; effect: ColumnType<string, string | undefined, string>; extends_to_working_day: boolean; source_note: string;
  remind_days_before: Days; active: ColumnType<boolean, boolean | undefined, boolean>; updated_by: Nullable<string>;
  created_at: DefaultTimestamp; updated_at: DefaultTimestamp;
}
export interface LegalDeadlinesTable {
  id: Generated<string>; organisation_id: string; case_id: string; rule_id: Nullable<string>; label: string;
  effect: ColumnType<string, string | undefined, string>; trigger_date: Nullable<string>; due_on: string; unextended_due_on: Nullable<string>;
  source_note: Nullable<string>; owner_id: Nullable<string>; remind_days_before: Days; done_at: NullableTimestamp; created_by: string;
  created_at: DefaultTimestamp;
}
export interface LegalDeadlineRemindersTable {
  deadline_id: string; days_before: number; organisation_id: string; recipient_id: string; sent_at: DefaultTimestamp;
}
export interface LegalCalendarFeedsTable {
  id: Generated<string>; organisation_id: string; user_id: string; token_hash: string; created_at: DefaultTimestamp;
  revoked_at: NullableTimestamp; last_used_at: NullableTimestamp;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    deadline_rules: DeadlineRulesTable;
    legal_deadlines: LegalDeadlinesTable;
    legal_deadline_reminders: LegalDeadlineRemindersTable;
    legal_calendar_feeds: LegalCalendarFeedsTable;
  }
}
