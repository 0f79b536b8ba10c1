import type { AvailabilityInput, AvailabilityView, AvailabilityWeek } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** Volunteer availability's calls (issue 18), typed from the domain's views. */
export type { AvailabilityInput, AvailabilityView, AvailabilityWeek };

export const availabilityApi = {
  mine: () => api.get<AvailabilityView>('/api/association/availability/mine'),
  saveMine: (input: AvailabilityInput) => api.put<AvailabilityView>('/api/association/availability/mine', input),
  of: (personId: string) => api.get<AvailabilityView>(`/api/association/availability/people/${personId}`),
  saveOf: (personId: string, input: AvailabilityInput) => api.put<AvailabilityView>(`/api/association/availability/people/${personId}`, input),
  week: (date?: string) => api.get<AvailabilityWeek>(`/api/association/availability/week${date ? `?week=${encodeURIComponent(date)}` : ''}`),
};
