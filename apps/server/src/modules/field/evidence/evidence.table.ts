import type { ColumnType, Selectable } from 'kysely';

/**
 * Kysely type of the evidence table (migration 2026-11-22-20-evidence.sql), merged into the
 * shared Database interface from here so this module's schema stays beside its queries.
 */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string | null | undefined, string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface EvidenceTable {
  id: string;
  organisation_id: string;
  eviction_id: Nullable<string>;
  incident_id: Nullable<string>;
  kind: string;
  declared_type: string;
  detected_type: Nullable<string>;
  original_name: string;
  size_bytes: ColumnType<number, number, number>;
  sha256_device: string;
  sha256_received: Nullable<string>;
  captured_at: NullableTimestamp;
  latitude: Nullable<number>;
  longitude: Nullable<number>;
  altitude: Nullable<number>;
  exif: Json;
  author_id: string;
  status: ColumnType<'uploading' | 'stored' | 'rejected', 'uploading' | 'stored' | 'rejected' | undefined, 'uploading' | 'stored' | 'rejected'>;
  rejection_reason: Nullable<'hash_mismatch' | 'type_mismatch' | 'too_many_pixels'>;
  upload_offset: ColumnType<number, number | undefined, number>;
  storage_key: Nullable<string>;
  encryption_iv: Nullable<string>;
  encryption_tag: Nullable<string>;
  public_copy_key: Nullable<string>;
  public_copy_sha256: Nullable<string>;
  /** True from the upload until the background job has made the publication copy (or found it cannot). */
  public_copy_pending: ColumnType<boolean, boolean | undefined, boolean>;
  /** When the job failed its last try (no copy, nothing pending); cleared when someone tries again. */
  public_copy_failed_at: NullableTimestamp;
  received_at: NullableTimestamp;
  credit: Nullable<string>;
  created_at: DefaultTimestamp;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    evidence: EvidenceTable;
  }
}

export type EvidenceRow = Selectable<EvidenceTable>;
