import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the meeting tables (migration 2026-12-03-19a-02), merged into the shared Database interface here. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export interface MeetingSeriesTable {
  id: Generated<string>; organisation_id: string; title: string; weekday: number; start_time: string; agenda_template: WithDefault<string[]>;
  created_by: string; created_at: DefaultTimestamp;
}
export interface MeetingsTable {
  id: Generated<string>; organisation_id: string; series_id: Nullable<string>; title: string; kind: WithDefault<string>;
  starts_at: ColumnType<Date, Date | string, Date | string>; ends_at: NullableTimestamp; status: WithDefault<string>; minutes: WithDefault<string>;
  closed_at: NullableTimestamp; created_by: string; created_at: DefaultTimestamp;
}
export interface MeetingAgendaItemsTable {
  id: Generated<string>; organisation_id: string; meeting_id: string; position: number; title: string; notes: WithDefault<string>;
  source: string; action_id: Nullable<string>; proposed_by: Nullable<string>; created_at: DefaultTimestamp;
}
export interface MeetingDecisionsTable {
  id: Generated<string>; organisation_id: string; meeting_id: string; agenda_item_id: Nullable<string>; text: string; context: WithDefault<string>;
  decided_at: ColumnType<Date, Date | string, Date | string>; created_by: string; content_sha256: string;
}
export interface MeetingActionsTable {
  id: Generated<string>; organisation_id: string; meeting_id: string; decision_id: Nullable<string>; title: string; owner_id: string;
  due_on: string; done_at: NullableTimestamp; created_by: string; created_at: DefaultTimestamp;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    meeting_series: MeetingSeriesTable;
    meetings: MeetingsTable;
    meeting_agenda_items: MeetingAgendaItemsTable;
    meeting_decisions: MeetingDecisionsTable;
    meeting_actions: MeetingActionsTable;
  }
}
