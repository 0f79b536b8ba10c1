import type { ColumnType, Generated } from 'kysely';

/** Kysely types of grants, their reporting periods and indicators (migration 2026-12-03-14e-01-grants.sql). */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type DateText = ColumnType<string, string, string>;
/** numeric comes back as text from PostgreSQL; the queries cast it to float8. */
type Quantity = ColumnType<number | null, number | null | undefined, number | null>;

export interface GrantsTable {
  id: Generated<string>; organisation_id: string; title: string; funder_contact_id: Nullable<string>; funder_name: string;
  amount_cents: ColumnType<string, number, number>; starts_on: DateText; ends_on: DateText; objectives: ColumnType<string, string | undefined, string>;
  remind_days_before: ColumnType<number, number | undefined, number>; created_by: string; created_at: DefaultTimestamp; updated_at: DefaultTimestamp;
}
export interface GrantPeriodsTable {
  id: Generated<string>; organisation_id: string; grant_id: string; label: string; starts_on: DateText; ends_on: DateText;
  report_due_on: Nullable<string>; reminder_sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
export interface GrantIndicatorsTable {
  id: Generated<string>; organisation_id: string; grant_id: string; position: ColumnType<number, number | undefined, number>; name: string;
  unit: ColumnType<string, string | undefined, string>; baseline: Quantity; source: string; metric: Nullable<string>; area_code: Nullable<string>;
  filters: ColumnType<Record<string, string>, string | undefined, string>; created_at: DefaultTimestamp;
}
export interface GrantIndicatorValuesTable {
  organisation_id: string; indicator_id: string; period_id: string; target: Quantity; actual: Quantity; actual_source: Nullable<string>;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    grants: GrantsTable;
    grant_periods: GrantPeriodsTable;
    grant_indicators: GrantIndicatorsTable;
    grant_indicator_values: GrantIndicatorValuesTable;
  }
}
