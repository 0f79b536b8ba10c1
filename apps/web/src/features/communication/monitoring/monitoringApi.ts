import type { ClippingDetailView, ClippingTone, ClippingView, DigestSettingsView, MonitoringRuleView, MonitoringSourceView, PollResult } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** The media monitoring's calls to the server, typed from the domain's views. */
export type { ClippingDetailView, ClippingTone, ClippingView, DigestSettingsView, MonitoringRuleView, MonitoringSourceView, PollResult };
export const CLIPPING_TONES: readonly ClippingTone[] = ['positive', 'neutral', 'negative', 'mixed'];

export const monitoringApi = {
  sources: () => api.get<{ sources: MonitoringSourceView[] }>('/api/monitoring/sources').then((r) => r.sources),
  addSource: (body: { name: string; url: string; outlet?: string }) => api.post<{ source: MonitoringSourceView }>('/api/monitoring/sources', body).then((r) => r.source),
  removeSource: (id: string) => api.delete<{ removed: true }>(`/api/monitoring/sources/${id}`),
  poll: (id: string) => api.post<{ result: PollResult; source: MonitoringSourceView }>(`/api/monitoring/sources/${id}/poll`),
  rules: () => api.get<{ rules: MonitoringRuleView[] }>('/api/monitoring/rules').then((r) => r.rules),
  addRule: (body: { name: string; expression: string; sourceId: string | null; language: 'any' | 'fr' | 'en' }) =>
    api.post<{ rule: MonitoringRuleView }>('/api/monitoring/rules', body).then((r) => r.rule),
  removeRule: (id: string) => api.delete<{ removed: true }>(`/api/monitoring/rules/${id}`),
  clippings: (query: Record<string, string>) => api.get<{ clippings: ClippingView[] }>(`/api/monitoring/clippings?${new URLSearchParams(query)}`).then((r) => r.clippings),
  clipping: (id: string) => api.get<{ clipping: ClippingDetailView }>(`/api/monitoring/clippings/${id}`).then((r) => r.clipping),
  changeClipping: (id: string, body: { tone?: ClippingTone | null; tags?: string[]; pressReleaseId?: string | null }) =>
    api.patch<{ clipping: ClippingDetailView }>(`/api/monitoring/clippings/${id}`, body).then((r) => r.clipping),
  digest: () => api.get<DigestSettingsView>('/api/monitoring/digest'),
  saveDigest: (recipientIds: string[]) => api.put<DigestSettingsView>('/api/monitoring/digest', { recipientIds }),
};
