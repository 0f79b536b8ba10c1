import type { IncidentPageView, OutsideIncidentRowView } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** The office's reading of incidents, typed from the domain's views. */
export type { IncidentPageView, OutsideIncidentRowView };

type StatusAnswer = { id: string; version: number; status: string };

export const incidentsApi = {
  page: (id: string) => api.get<{ page: IncidentPageView }>(`/api/incidents/${id}`).then((r) => r.page),
  /** Incidents outside an eviction, newest first (the server keeps unverified ones to those who may see them). */
  outside: (q: { status?: string; areaCode?: string; from?: string; to?: string }) => {
    const params = new URLSearchParams(Object.entries(q).filter(([, v]) => v) as Array<[string, string]>);
    return api.get<{ incidents: OutsideIncidentRowView[] }>(`/api/incidents${params.size ? `?${params}` : ''}`).then((r) => r.incidents);
  },
  verify: (id: string, version: number) => api.post<StatusAnswer>(`/api/incidents/${id}/verify`, { version }),
  reject: (id: string, version: number, reason: string) => api.post<StatusAnswer>(`/api/incidents/${id}/reject`, { version, reason }),
};
