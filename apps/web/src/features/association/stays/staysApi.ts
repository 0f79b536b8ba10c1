import type { HouseCalendar, StayInput, StayView } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** The flat's calls to the server (issue 19), typed from the domain's views. */
export type { HouseCalendar, StayView };

export const staysApi = {
  calendar: (from: string, days: number) => api.get<HouseCalendar>(`/api/association/stays?from=${from}&days=${days}`),
  add: (body: Partial<StayInput> & Pick<StayInput, 'bedId' | 'arrivesOn' | 'leavesOn'>) => api.post<StayView>('/api/association/stays', body),
  remove: (id: string) => api.delete<null>(`/api/association/stays/${id}`),
};
