import type { ColumnType } from 'kysely';

/** Kysely types of outreach rounds (migration 2026-12-04-16c-02-outreach-rounds.sql). */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Json<T> = ColumnType<T, string, string>;

export interface OutreachRoundsTable {
  id: string;
  organisation_id: string;
  area_id: string;
  started_at: ColumnType<Date, Date | string, Date | string>;
  ended_at: Nullable<Date>;
  team: ColumnType<string[], string[] | undefined, string[]>;
  site_ids: ColumnType<string[], string[] | undefined, string[]>;
  people_met: Nullable<number>;
  people_met_at_least: ColumnType<boolean, boolean | undefined, boolean>;
  needs: Json<Record<string, { n: number; atLeast: boolean }>>;
  distributed: Json<Array<{ item: string; count: { n: number; atLeast: boolean } | null }>>;
  notes: Nullable<string>;
  created_by: string;
  created_at: DefaultTimestamp;
  deleted_at: Nullable<Date>;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    outreach_rounds: OutreachRoundsTable;
  }
}
