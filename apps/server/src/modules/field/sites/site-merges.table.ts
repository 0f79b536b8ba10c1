import type { ColumnType, Generated } from 'kysely';

/** Kysely type of the site merges (migration 2026-12-03-15c-01), merged into the shared Database interface here. */
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface SiteMergesTable {
  id: Generated<string>; organisation_id: string; merged_site_id: string; kept_site_id: string;
  moved_eviction_ids: ColumnType<string[], string[] | undefined, string[]>; added_aliases: ColumnType<string[], string[] | undefined, string[]>;
  was_active: boolean; merged_by: string; merged_at: ColumnType<Date, Date | undefined, Date>;
  undone_by: Nullable<string>; undone_at: Nullable<Date>;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    site_merges: SiteMergesTable;
  }
}
