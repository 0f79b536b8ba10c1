import type { ColumnType, Selectable } from 'kysely';

/**
 * Kysely type of the imports table (migration 2026-11-22-30-imports.sql), merged into the
 * shared Database interface from here, like the evidence module does.
 */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null | undefined, string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface ImportsTable {
  id: string;
  organisation_id: string;
  file_name: string;
  file_type: 'csv' | 'xlsx';
  size_bytes: number;
  sha256: string;
  columns: Json;
  rows: Json;
  row_count: number;
  status: ColumnType<'uploaded' | 'committed', 'uploaded' | 'committed' | undefined, 'uploaded' | 'committed'>;
  mapping: Json;
  options: Json;
  summary: Json;
  created_by: string;
  created_at: DefaultTimestamp;
  committed_by: Nullable<string>;
  committed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    imports: ImportsTable;
  }
}

export type ImportRow = Selectable<ImportsTable>;
