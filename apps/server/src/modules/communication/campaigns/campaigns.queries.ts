import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import './campaigns.table.js';

/** All SQL of campaigns, social posts, events and registrations (press releases: through their service). */

export type CampaignFields = {
  name: string; objectives: string; keyMessages: string[]; targets: string[]; startsOn: string; endsOn: string;
};

export async function insertCampaign(db: Executor, organisationId: string, userId: string, v: CampaignFields) {
  return db.insertInto('campaigns').values({
    organisation_id: organisationId, name: v.name, objectives: v.objectives, key_messages: JSON.stringify(v.keyMessages), targets: v.targets,
    starts_on: v.startsOn, ends_on: v.endsOn, created_by: userId,
  }).returning('id').executeTakeFirstOrThrow();
}

export async function updateCampaign(db: Executor, id: string, v: CampaignFields) {
  const r = await db.updateTable('campaigns').set({
    name: v.name, objectives: v.objectives, key_messages: JSON.stringify(v.keyMessages), targets: v.targets, starts_on: v.startsOn, ends_on: v.endsOn,
    updated_at: new Date(),
  }).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function findCampaign(db: Executor, id: string) {
  return db.selectFrom('campaigns as c').innerJoin('users as u', 'u.id', 'c.created_by')
    .select(['c.id', 'c.name', 'c.objectives', 'c.key_messages', 'c.targets', sql<string>`c.starts_on::text`.as('starts_on'),
      sql<string>`c.ends_on::text`.as('ends_on'), 'c.updated_at', 'u.display_name as created_by_name'])
    .where('c.id', '=', id).executeTakeFirst();
}

export async function listCampaigns(db: Executor) {
  return db.selectFrom('campaigns as c')
    .select(['c.id', 'c.name', 'c.targets', sql<string>`c.starts_on::text`.as('starts_on'), sql<string>`c.ends_on::text`.as('ends_on'),
      sql<number>`(SELECT count(*)::int FROM social_posts p WHERE p.campaign_id = c.id)`.as('posts'),
      sql<number>`(SELECT count(*)::int FROM campaign_events e WHERE e.campaign_id = c.id)`.as('events'),
      sql<number>`(SELECT count(*)::int FROM campaign_press_releases r WHERE r.campaign_id = c.id)`.as('press_releases')])
    .orderBy('c.starts_on', 'desc').limit(500).execute();
}

export async function campaignNames(db: Executor) {
  return new Map((await db.selectFrom('campaigns').select(['id', 'name']).execute()).map((c) => [c.id, c.name]));
}

export async function releaseLinks(db: Executor, campaignId?: string) {
  let q = db.selectFrom('campaign_press_releases').select(['campaign_id', 'press_release_id']);
  if (campaignId) q = q.where('campaign_id', '=', campaignId);
  return q.orderBy('added_at').execute();
}

export async function linkRelease(db: Executor, organisationId: string, campaignId: string, releaseId: string, userId: string) {
  await db.insertInto('campaign_press_releases').values({ organisation_id: organisationId, campaign_id: campaignId, press_release_id: releaseId, added_by: userId })
    .onConflict((oc) => oc.columns(['campaign_id', 'press_release_id']).doNothing()).execute();
}

export async function unlinkRelease(db: Executor, campaignId: string, releaseId: string) {
  const r = await db.deleteFrom('campaign_press_releases').where('campaign_id', '=', campaignId).where('press_release_id', '=', releaseId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// ---- Social posts ----

export type PostFields = {
  campaignId: string | null; channel: string; body: string; imageEvidenceId: string | null; imageUploadId: string | null; imageAlt: string | null;
  plannedAt: string | null;
};

export async function insertPost(db: Executor, organisationId: string, userId: string, v: PostFields) {
  return db.insertInto('social_posts').values({
    organisation_id: organisationId, campaign_id: v.campaignId, channel: v.channel, body: v.body, image_evidence_id: v.imageEvidenceId,
    image_upload_id: v.imageUploadId, image_alt: v.imageAlt, planned_at: v.plannedAt, created_by: userId,
  }).returning('id').executeTakeFirstOrThrow();
}

/** An edit takes the post back to draft: what was approved is no longer what would be published. */
export async function updatePost(db: Executor, id: string, v: PostFields) {
  await db.updateTable('social_posts').set({
    campaign_id: v.campaignId, channel: v.channel, body: v.body, image_evidence_id: v.imageEvidenceId, image_upload_id: v.imageUploadId, image_alt: v.imageAlt,
    planned_at: v.plannedAt, status: 'draft', approved_by: null, approved_at: null, updated_at: new Date(),
  }).where('id', '=', id).execute();
}

export async function setPostStatus(db: Executor, id: string, v: { status: 'approved' | 'published'; approvedBy?: string; publishedUrl?: string; publishedAt?: Date }) {
  await db.updateTable('social_posts').set({
    status: v.status, updated_at: new Date(),
    ...(v.approvedBy ? { approved_by: v.approvedBy, approved_at: new Date() } : {}),
    ...(v.publishedUrl ? { published_url: v.publishedUrl, published_at: v.publishedAt ?? new Date() } : {}),
  }).where('id', '=', id).execute();
}

const postColumns = [
  'p.id', 'p.campaign_id', 'p.channel', 'p.body', 'p.image_evidence_id', 'p.image_upload_id', 'p.image_alt', 'p.planned_at', 'p.status', 'p.created_by',
  'p.approved_at', 'p.published_at', 'p.published_url', 'p.updated_at', 'a.display_name as created_by_name', 'b.display_name as approved_by_name',
] as const;
function postsQuery(db: Executor) {
  return db.selectFrom('social_posts as p').innerJoin('users as a', 'a.id', 'p.created_by').leftJoin('users as b', 'b.id', 'p.approved_by').select(postColumns);
}
export type PostRow = Awaited<ReturnType<typeof findPost>> & object;

export async function findPost(db: Executor, id: string, forUpdate = false) {
  const q = postsQuery(db).where('p.id', '=', id);
  return (forUpdate ? q.forUpdate('p') : q).executeTakeFirst();
}

export async function postsOf(db: Executor, campaignId: string | null) {
  const q = postsQuery(db);
  return (campaignId === null ? q.where('p.campaign_id', 'is', null) : q.where('p.campaign_id', '=', campaignId))
    .orderBy(sql`p.planned_at NULLS LAST`).orderBy('p.updated_at', 'desc').limit(500).execute();
}

/** Planned (or published) within [from, to). */
export async function postsBetween(db: Executor, from: Date, to: Date, campaignId?: string) {
  let q = postsQuery(db).where(sql<boolean>`coalesce(p.published_at, p.planned_at) >= ${from} AND coalesce(p.published_at, p.planned_at) < ${to}`);
  if (campaignId) q = q.where('p.campaign_id', '=', campaignId);
  return q.orderBy(sql`coalesce(p.published_at, p.planned_at)`).limit(2000).execute();
}

// ---- Images uploaded for posts ----

export type PostImageFields = {
  id: string; organisationId: string; originalName: string; detectedType: string; sizeBytes: number; width: number; height: number;
  sha256: string; storageKey: string; iv: string; tag: string; publicCopyKey: string; publicCopySha256: string; alt: string; uploadedBy: string;
};

export async function insertPostImage(db: Executor, v: PostImageFields) {
  return db.insertInto('social_post_images').values({
    id: v.id, organisation_id: v.organisationId, original_name: v.originalName, detected_type: v.detectedType, size_bytes: v.sizeBytes,
    width: v.width, height: v.height, sha256: v.sha256, storage_key: v.storageKey, encryption_iv: v.iv, encryption_tag: v.tag,
    public_copy_key: v.publicCopyKey, public_copy_sha256: v.publicCopySha256, alt: v.alt, uploaded_by: v.uploadedBy,
  }).returningAll().executeTakeFirstOrThrow();
}

export async function findPostImage(db: Executor, id: string) {
  return db.selectFrom('social_post_images').selectAll().where('id', '=', id).executeTakeFirst();
}
export type PostImageRow = NonNullable<Awaited<ReturnType<typeof findPostImage>>>;

// ---- Events and registrations ----

export type EventFields = {
  campaignId: string | null; kind: string; pole: string; title: string; description: string; place: string | null;
  startsAt: string; endsAt: string; capacity: number | null;
};

export async function insertEvent(db: Executor, organisationId: string, userId: string, v: EventFields) {
  return db.insertInto('campaign_events').values({
    organisation_id: organisationId, campaign_id: v.campaignId, kind: v.kind, pole: v.pole, title: v.title, description: v.description,
    place: v.place, starts_at: v.startsAt, ends_at: v.endsAt, capacity: v.capacity, created_by: userId,
  }).returning('id').executeTakeFirstOrThrow();
}

export async function updateEvent(db: Executor, id: string, v: EventFields) {
  await db.updateTable('campaign_events').set({
    campaign_id: v.campaignId, kind: v.kind, pole: v.pole, title: v.title, description: v.description, place: v.place,
    starts_at: v.startsAt, ends_at: v.endsAt, capacity: v.capacity,
  }).where('id', '=', id).execute();
}

const eventColumns = ['id', 'campaign_id', 'kind', 'pole', 'title', 'description', 'place', 'starts_at', 'ends_at', 'capacity', 'cancelled_at'] as const;

export async function findEvent(db: Executor, id: string, forUpdate = false) {
  const q = db.selectFrom('campaign_events').select(eventColumns).where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}
export async function setEventCancelled(db: Executor, id: string, by: string) {
  await db.updateTable('campaign_events').set({ cancelled_at: new Date(), cancelled_by: by }).where('id', '=', id).execute();
}

export type EventRow = NonNullable<Awaited<ReturnType<typeof findEvent>>>;

export async function eventsOf(db: Executor, campaignId: string) {
  return db.selectFrom('campaign_events').select(eventColumns).where('campaign_id', '=', campaignId).orderBy('starts_at').limit(500).execute();
}

/** Overlapping [from, to). */
export async function eventsBetween(db: Executor, from: Date, to: Date, v: { campaignId?: string; pole?: string }) {
  let q = db.selectFrom('campaign_events').select(eventColumns).where('starts_at', '<', to).where('ends_at', '>', from);
  if (v.campaignId) q = q.where('campaign_id', '=', v.campaignId);
  if (v.pole) q = q.where('pole', '=', v.pole);
  return q.orderBy('starts_at').limit(2000).execute();
}

export async function registrationsOf(db: Executor, eventIds: string[]) {
  if (eventIds.length === 0) return [];
  return db.selectFrom('campaign_event_registrations').select(['id', 'event_id', 'user_id', 'name', 'email', 'created_at'])
    .where('event_id', 'in', eventIds).orderBy('created_at').execute();
}

export async function insertRegistration(db: Executor, organisationId: string, v: { eventId: string; userId: string | null; name: string; email: string; by: string }) {
  return db.insertInto('campaign_event_registrations').values({
    organisation_id: organisationId, event_id: v.eventId, user_id: v.userId, name: v.name, email: v.email, created_by: v.by,
  }).onConflict((oc) => oc.expression(sql`event_id, lower(email)`).doNothing()).returning('id').executeTakeFirst();
}

export async function deleteRegistration(db: Executor, eventId: string, id: string) {
  const r = await db.deleteFrom('campaign_event_registrations').where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function accountOf(db: Executor, userId: string) {
  return db.selectFrom('users').select(['id', 'display_name', 'email']).where('id', '=', userId).executeTakeFirstOrThrow();
}

/** Events of these kinds held (started and ended) between two Paris days, both included, and over by `now`: a funder indicator's count. */
export async function countEventsHeld(db: Executor, from: string, to: string, kinds: readonly string[], now: Date): Promise<number> {
  const r = await db.selectFrom('campaign_events').select(sql<number>`count(*)::int`.as('n')).where('kind', 'in', [...kinds]).where('ends_at', '<=', now).where('cancelled_at', 'is', null)
    .where(sql<boolean>`(starts_at AT TIME ZONE 'Europe/Paris')::date BETWEEN ${from}::date AND ${to}::date`).executeTakeFirstOrThrow();
  return r.n;
}

/** Those registered for an event, with the language of their account when they have one. */
export async function registrantsOf(db: Executor, eventId: string) {
  return db.selectFrom('campaign_event_registrations as r').leftJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.id', 'r.name', 'r.email', 'r.user_id', 'u.locale']).where('r.event_id', '=', eventId).orderBy('r.created_at').execute();
}
