import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the media monitoring (migration 2026-12-03-14a-01-media-monitoring.sql). */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export interface MonitoringSourcesTable {
  id: Generated<string>; organisation_id: string; name: string; url: string; outlet: Nullable<string>; active: WithDefault<boolean>;
  format: Nullable<string>; feed_title: Nullable<string>; etag: Nullable<string>; last_modified: Nullable<string>;
  last_fetched_at: NullableTimestamp; last_success_at: NullableTimestamp; last_error: Nullable<string>; last_error_at: NullableTimestamp;
  consecutive_failures: WithDefault<number>; next_fetch_at: DefaultTimestamp; items_seen: WithDefault<number>;
  created_by: Nullable<string>; created_at: DefaultTimestamp;
}
export interface MonitoringRulesTable {
  id: Generated<string>; organisation_id: string; source_id: Nullable<string>; name: string; expression: string;
  language: WithDefault<string>; active: WithDefault<boolean>; created_by: Nullable<string>; created_at: DefaultTimestamp;
}
export interface MonitoringStoriesTable {
  id: Generated<string>; organisation_id: string; title: string; first_seen_at: DefaultTimestamp;
}
export interface MonitoringClippingsTable {
  id: Generated<string>; organisation_id: string; canonical_url: string; url: string; title: string; outlet: string;
  author: Nullable<string>; published_at: NullableTimestamp; language: Nullable<string>; excerpt: WithDefault<string>;
  matched_terms: WithDefault<string[]>; snapshot_text: Nullable<string>; snapshot_sha256: Nullable<string>;
  snapshot_fetched_at: NullableTimestamp; snapshot_source: Nullable<string>; tags: WithDefault<string[]>; tone: Nullable<string>;
  tone_by: Nullable<string>; story_id: string; signature: WithDefault<number[]>; press_release_id: Nullable<string>;
  search_text: WithDefault<string>; search_vector: ColumnType<string, never, never>; found_at: DefaultTimestamp;
  /** Migration 2026-12-05-14m-01: numbered at insertion, under the story lock. */
  story_order: ColumnType<string, never, never>;
}
export interface MonitoringClippingSourcesTable {
  organisation_id: string; clipping_id: string; source_id: string; seen_at: DefaultTimestamp;
}
export interface MonitoringDigestRecipientsTable { organisation_id: string; user_id: string }
export interface MonitoringDigestsTable {
  id: Generated<string>; organisation_id: string; day: string; clippings: number; created_at: DefaultTimestamp;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    monitoring_sources: MonitoringSourcesTable;
    monitoring_rules: MonitoringRulesTable;
    monitoring_stories: MonitoringStoriesTable;
    monitoring_clippings: MonitoringClippingsTable;
    monitoring_clipping_sources: MonitoringClippingSourcesTable;
    monitoring_digest_recipients: MonitoringDigestRecipientsTable;
    monitoring_digests: MonitoringDigestsTable;
  }
}
