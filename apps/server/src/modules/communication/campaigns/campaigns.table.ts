import type { ColumnType, Generated } from 'kysely';

/** Kysely types of campaigns, social posts and events (migration 2026-12-03-14c-01-campaigns.sql). */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type DateText = ColumnType<string, string, string>;

export interface CampaignsTable {
  id: Generated<string>; organisation_id: string; name: string; objectives: ColumnType<string, string | undefined, string>;
  key_messages: ColumnType<string[], string, string>; targets: ColumnType<string[], string[] | undefined, string[]>;
  starts_on: DateText; ends_on: DateText; created_by: string; created_at: DefaultTimestamp; updated_at: DefaultTimestamp;
}
export interface CampaignPressReleasesTable {
  organisation_id: string; campaign_id: string; press_release_id: string; added_by: string; added_at: DefaultTimestamp;
}
export interface SocialPostsTable {
  id: Generated<string>; organisation_id: string; campaign_id: Nullable<string>; channel: string; body: string;
  image_evidence_id: Nullable<string>; image_upload_id: Nullable<string>; image_alt: Nullable<string>; planned_at: NullableTimestamp;
  status: ColumnType<string, string | undefined, string>; created_by: string; approved_by: Nullable<string>; approved_at: NullableTimestamp;
  published_at: NullableTimestamp; published_url: Nullable<string>; created_at: DefaultTimestamp; updated_at: DefaultTimestamp;
}
export interface CampaignEventsTable {
  id: Generated<string>; organisation_id: string; campaign_id: Nullable<string>; kind: string; pole: ColumnType<string, string | undefined, string>;
  title: string; description: ColumnType<string, string | undefined, string>; place: Nullable<string>;
  starts_at: ColumnType<Date, Date | string, Date | string>; ends_at: ColumnType<Date, Date | string, Date | string>;
  capacity: Nullable<number>; created_by: string; created_at: DefaultTimestamp;
  /** Migration 2026-12-03-14f-01: a cancelled event stays, marked, and no longer counts as held. */
  cancelled_at: NullableTimestamp; cancelled_by: Nullable<string>;
}
export interface CampaignEventRegistrationsTable {
  id: Generated<string>; organisation_id: string; event_id: string; user_id: Nullable<string>; name: string; email: string;
  created_by: string; created_at: DefaultTimestamp;
}

/** Migration 2026-12-04-14g-01: images uploaded for posts through the file intake. */
export interface SocialPostImagesTable {
  id: string; organisation_id: string; original_name: string; detected_type: string; size_bytes: number; width: number; height: number;
  sha256: string; storage_key: string; encryption_iv: string; encryption_tag: string; public_copy_key: string; public_copy_sha256: string;
  alt: string; uploaded_by: string; created_at: DefaultTimestamp;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    campaigns: CampaignsTable;
    campaign_press_releases: CampaignPressReleasesTable;
    social_posts: SocialPostsTable;
    social_post_images: SocialPostImagesTable;
    campaign_events: CampaignEventsTable;
    campaign_event_registrations: CampaignEventRegistrationsTable;
  }
}
