import type { ActionView, DecisionView, MeetingSeriesView, MeetingView } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** Meetings' calls to the server (issue 19), typed from the domain's views. */
export type { ActionView, DecisionView, MeetingSeriesView, MeetingView };
export type MeetingSummary = { id: string; title: string; kind: 'meeting' | 'retreat'; startsAt: string; status: MeetingView['status'] };

export const meetingsApi = {
  series: () => api.get<{ series: MeetingSeriesView[] }>('/api/association/meeting-series').then((r) => r.series),
  createSeries: (body: { title: string; weekday: number; startTime: string; agendaTemplate: string[] }) => api.post<MeetingSeriesView>('/api/association/meeting-series', body),
  plan: (seriesId: string, body: { startsAt: string; kind?: 'meeting' | 'retreat' }) => api.post<MeetingView>(`/api/association/meeting-series/${seriesId}/meetings`, body),
  meetings: () => api.get<{ meetings: MeetingSummary[] }>('/api/association/meetings').then((r) => r.meetings),
  meeting: (id: string) => api.get<MeetingView>(`/api/association/meetings/${id}`),
  propose: (id: string, body: { title: string; notes: string }) => api.post<MeetingView>(`/api/association/meetings/${id}/agenda`, body),
  start: (id: string) => api.post<MeetingView>(`/api/association/meetings/${id}/start`),
  close: (id: string) => api.post<MeetingView>(`/api/association/meetings/${id}/close`),
  minutes: (id: string, minutes: string) => api.put<MeetingView>(`/api/association/meetings/${id}/minutes`, { minutes }),
  decide: (id: string, body: { text: string; context: string }) => api.post<MeetingView>(`/api/association/meetings/${id}/decisions`, body),
  addAction: (id: string, body: { title: string; ownerId: string; dueOn: string; decisionId: string | null }) => api.post<MeetingView>(`/api/association/meetings/${id}/actions`, body),
  done: (actionId: string) => api.post<MeetingView>(`/api/association/meeting-actions/${actionId}/done`),
  members: () => api.get<{ members: Array<{ id: string; displayName: string }> }>('/api/association/meeting-members').then((r) => r.members),
  decisions: (q: string) => api.get<{ decisions: DecisionView[] }>(`/api/association/decisions?q=${encodeURIComponent(q)}`).then((r) => r.decisions),
};
