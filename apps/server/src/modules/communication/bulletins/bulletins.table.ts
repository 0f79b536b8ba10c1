import type { ColumnType, Selectable } from 'kysely';

/**
 * Kysely types of the bulletin tables (migration 2026-11-22-45-bulletins.sql), merged into the
 * shared Database interface from here, like the evidence module does.
 */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface BulletinDefaultFigureSetsTable {
  area_code: string;
  figures: Json;
}

export interface BulletinFigureSetsTable {
  area_id: string;
  organisation_id: string;
  figures: Json;
  updated_by: string;
  updated_at: DefaultTimestamp;
}

export interface BulletinsTable {
  id: ColumnType<string, string | undefined, never>;
  organisation_id: string;
  area_id: string;
  month: string;
  status: ColumnType<'draft' | 'published', 'draft' | 'published' | undefined, 'draft' | 'published'>;
  figures: Json;
  headline_fr: ColumnType<string, string | undefined, string>;
  headline_en: ColumnType<string, string | undefined, string>;
  context_fr: ColumnType<unknown, string | undefined, string>;
  context_en: ColumnType<unknown, string | undefined, string>;
  photos: ColumnType<unknown, string | undefined, string>;
  version: ColumnType<number, number | undefined, number>;
  created_by: string;
  updated_by: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  published_at: Nullable<Date>;
  published_by: Nullable<string>;
  snapshot: ColumnType<unknown, string | null | undefined, string | null>;
  snapshot_sha256: Nullable<string>;
  /** The cited figures as the draft last showed them (migration 2026-12-03-11a-01). */
  drafted_figures: ColumnType<unknown, string | undefined, string>;
}

export interface BulletinFilesTable {
  bulletin_id: string;
  organisation_id: string;
  locale: 'fr' | 'en';
  format: 'pdf' | 'html' | 'md';
  content: Buffer;
  sha256: string;
}

/** A quote from a testimony, by reference only (migration 2026-12-04-16c-01-bulletin-quotes.sql): its text is read through the consent check. */
export interface BulletinQuotesTable {
  id: ColumnType<string, string | undefined, never>;
  organisation_id: string;
  bulletin_id: string;
  testimony_id: string;
  inserted_by: string;
  inserted_at: DefaultTimestamp;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    bulletin_default_figure_sets: BulletinDefaultFigureSetsTable;
    bulletin_figure_sets: BulletinFigureSetsTable;
    bulletins: BulletinsTable;
    bulletin_files: BulletinFilesTable;
    bulletin_quotes: BulletinQuotesTable;
  }
}

export type BulletinRow = Selectable<BulletinsTable>;
