import type {
  CalendarItemView, CampaignSummaryView, CampaignTarget, CampaignView, EventKind, EventView, PostChannel, PostImageView, PostView, RotaCalendarFeedView,
} from '@vigie/domain/rules';
import { api, requestRaw } from '../../../api/client';

/** Campaigns' and the editorial calendar's calls to the server, typed from the domain's views. */
export type { CalendarItemView, CampaignSummaryView, CampaignTarget, CampaignView, EventKind, EventView, PostChannel, PostImageView, PostView };

export type CampaignBody = { name: string; objectives: string; keyMessages: string[]; targets: CampaignTarget[]; startsOn: string; endsOn: string };
export type PostBody = {
  campaignId: string | null; channel: PostChannel; body: string; imageEvidenceId: string | null; imageUploadId: string | null; imageAlt: string | null;
  plannedAt: string | null;
};
export type EventBody = {
  campaignId: string | null; kind: EventKind; pole: string; title: string; description: string; place: string | null; startsAt: string; endsAt: string;
  capacity: number | null;
};

export const campaignsApi = {
  list: () => api.get<{ campaigns: CampaignSummaryView[] }>('/api/campaigns').then((r) => r.campaigns),
  create: (body: CampaignBody) => api.post<{ campaign: CampaignView }>('/api/campaigns', body).then((r) => r.campaign),
  get: (id: string) => api.get<{ campaign: CampaignView }>(`/api/campaigns/${id}`).then((r) => r.campaign),
  edit: (id: string, body: CampaignBody) => api.put<{ campaign: CampaignView }>(`/api/campaigns/${id}`, body).then((r) => r.campaign),
  addRelease: (id: string, releaseId: string) => api.post<{ campaign: CampaignView }>(`/api/campaigns/${id}/press-releases/${releaseId}`).then((r) => r.campaign),
  removeRelease: (id: string, releaseId: string) => api.delete<{ campaign: CampaignView }>(`/api/campaigns/${id}/press-releases/${releaseId}`).then((r) => r.campaign),
  createPost: (body: PostBody) => api.post<{ post: PostView }>('/api/campaigns/posts', body).then((r) => r.post),
  editPost: (id: string, body: PostBody) => api.put<{ post: PostView }>(`/api/campaigns/posts/${id}`, body).then((r) => r.post),
  /** The file's bytes as the body; the server reads the type from them and refuses an image without alt text. */
  async uploadImage(file: File, alt: string) {
    const params = new URLSearchParams({ name: file.name.slice(0, 255) || 'image', alt });
    const answer = await requestRaw('POST', `/api/campaigns/post-images?${params}`, file, { 'Content-Type': file.type || 'application/octet-stream' });
    if (answer.error) throw answer.error;
    return (answer.payload as { image: PostImageView }).image;
  },
  imageUrl: (id: string) => `/api/campaigns/post-images/${id}`,
  approvePost: (id: string) => api.post<{ post: PostView }>(`/api/campaigns/posts/${id}/approve`).then((r) => r.post),
  markPublished: (id: string, url: string) => api.post<{ post: PostView }>(`/api/campaigns/posts/${id}/published`, { url }).then((r) => r.post),
  createEvent: (body: EventBody) => api.post<{ event: EventView }>('/api/campaigns/events', body).then((r) => r.event),
  editEvent: (id: string, body: EventBody) => api.put<{ event: EventView }>(`/api/campaigns/events/${id}`, body).then((r) => r.event),
  cancelEvent: (id: string) => api.post<{ event: EventView }>(`/api/campaigns/events/${id}/cancel`).then((r) => r.event),
  register: (id: string, body: { self: boolean; name?: string; email?: string }) =>
    api.post<{ event: EventView }>(`/api/campaigns/events/${id}/registrations`, body).then((r) => r.event),
  unregister: (id: string, registrationId: string) => api.delete<{ event: EventView }>(`/api/campaigns/events/${id}/registrations/${registrationId}`).then((r) => r.event),
  calendar: (query: Record<string, string>) => api.get<{ items: CalendarItemView[] }>(`/api/campaigns/calendar?${new URLSearchParams(query)}`).then((r) => r.items),
  feed: () => api.get<RotaCalendarFeedView>('/api/campaigns/calendar-feed'),
  createFeed: () => api.post<RotaCalendarFeedView>('/api/campaigns/calendar-feed'),
  revokeFeed: () => api.delete<null>('/api/campaigns/calendar-feed'),
};

/** A datetime-local value (the device's time, Paris for the team) as an instant, and back. */
export const instantOf = (local: string) => (local ? new Date(local).toISOString() : null);
export function localOf(iso: string | null) {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
