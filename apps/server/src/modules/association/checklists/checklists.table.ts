import type { ColumnType, Generated } from 'kysely';

/** Kysely type of person_checklist_items (migration 2026-12-05-18b-03), merged into the shared Database interface here. */
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface PersonChecklistItemsTable {
  id: Generated<string>; organisation_id: string; person_id: string; kind: string; item: string; position: number;
  done_at: ColumnType<Date | null, Date | null | undefined, Date | null>; done_by: Nullable<string>; created_by: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

declare module '../../../platform/db/schema.js' {
  interface Database { person_checklist_items: PersonChecklistItemsTable }
}
