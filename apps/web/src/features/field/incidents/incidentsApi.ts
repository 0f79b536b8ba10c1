import type { IncidentPageView } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** The office's reading of an incident, typed from the domain's view. */
export type { IncidentPageView };

export const incidentsApi = {
  page: (id: string) => api.get<{ page: IncidentPageView }>(`/api/incidents/${id}`).then((r) => r.page),
};
