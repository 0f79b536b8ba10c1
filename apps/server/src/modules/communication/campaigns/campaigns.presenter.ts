import { postLength, type CalendarItemView, type ClippingEchoView, type CampaignTarget, type EventView, type PostChannel, type PostImageView, type PostView, type RegistrationView } from '@vigie/domain';
import type { EventRow, PostImageRow, PostRow, registrationsOf } from './campaigns.queries.js';

/** Rows of campaigns, posts and events as the views that cross HTTP. */
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function postView(r: PostRow, echoes: ClippingEchoView[] = []): PostView {
  const l = postLength(r.channel as PostChannel, r.body);
  return {
    id: r.id, campaignId: r.campaign_id, channel: r.channel as PostChannel, body: r.body, length: l.length, limit: l.limit,
    imageEvidenceId: r.image_evidence_id, imageUploadId: r.image_upload_id, imageAlt: r.image_alt, plannedAt: iso(r.planned_at), status: r.status as PostView['status'],
    createdById: r.created_by, createdByName: r.created_by_name, approvedByName: r.approved_by_name, approvedAt: iso(r.approved_at),
    publishedAt: iso(r.published_at), publishedUrl: r.published_url, updatedAt: r.updated_at.toISOString(), echoes,
  };
}

export const postImageView = (r: PostImageRow): PostImageView => ({
  id: r.id, originalName: r.original_name, alt: r.alt, type: r.detected_type, width: r.width, height: r.height, sizeBytes: r.size_bytes,
  publicCopySha256: r.public_copy_sha256, createdAt: r.created_at.toISOString(),
});

type RegistrationRow = Awaited<ReturnType<typeof registrationsOf>>[number];
const registrationView = (r: RegistrationRow): RegistrationView => ({
  id: r.id, name: r.name, email: r.email, userId: r.user_id, createdAt: r.created_at.toISOString(),
});

export function eventView(e: EventRow, registrations: RegistrationRow[]): EventView {
  return {
    id: e.id, campaignId: e.campaign_id, kind: e.kind as EventView['kind'], pole: e.pole as EventView['pole'], title: e.title, description: e.description,
    place: e.place, startsAt: e.starts_at.toISOString(), endsAt: e.ends_at.toISOString(), capacity: e.capacity, cancelledAt: e.cancelled_at?.toISOString() ?? null,
    registrations: registrations.filter((r) => r.event_id === e.id).map(registrationView),
  };
}

export const targetsOf = (targets: string[]) => targets as CampaignTarget[];

/** A post's calendar title: its first line, shortened. */
export function postTitle(body: string) {
  const line = body.trim().split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

export function postItem(p: PostRow, campaigns: Map<string, string>): CalendarItemView {
  return {
    uid: `post-${p.id}`, kind: 'post', title: postTitle(p.body), startsAt: (p.published_at ?? p.planned_at)!.toISOString(), endsAt: null,
    pole: 'communication', campaignId: p.campaign_id, campaignName: p.campaign_id ? campaigns.get(p.campaign_id) ?? null : null,
    status: p.status, channel: p.channel as PostChannel, path: p.campaign_id ? `/communication/campaigns/${p.campaign_id}` : '/communication/calendar',
  };
}

export function eventItem(e: EventRow, campaigns: Map<string, string>): CalendarItemView {
  return {
    uid: `event-${e.id}`, kind: 'event', title: e.title, startsAt: e.starts_at.toISOString(), endsAt: e.ends_at.toISOString(),
    pole: e.pole as CalendarItemView['pole'], campaignId: e.campaign_id, campaignName: e.campaign_id ? campaigns.get(e.campaign_id) ?? null : null,
    status: e.cancelled_at ? 'cancelled' : e.kind, channel: null, path: e.campaign_id ? `/communication/campaigns/${e.campaign_id}` : '/communication/calendar',
  };
}
