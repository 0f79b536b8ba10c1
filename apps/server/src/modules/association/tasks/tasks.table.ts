import type { ColumnType, Generated } from 'kysely';

/** Kysely type of house_tasks (migration 2026-12-04-19b-01), merged into the shared Database interface here. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface HouseTasksTable {
  id: Generated<string>; organisation_id: string; pole: string; title: string; notes: ColumnType<string, string | undefined, string>;
  status: ColumnType<string, string | undefined, string>; assignee_id: Nullable<string>; due_on: Nullable<string>;
  link_kind: Nullable<string>; link_id: Nullable<string>; link_label: Nullable<string>; reminded_on: Nullable<string>;
  /** Migration 2026-12-05-19c-01: the meeting action this task carries on a board. */
  meeting_action_id: Nullable<string>;
  done_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: string; created_at: DefaultTimestamp; updated_at: DefaultTimestamp;
}

declare module '../../../platform/db/schema.js' {
  interface Database { house_tasks: HouseTasksTable }
}
