import type { ReferenceView, RoundInput, RoundView } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** Outreach rounds' calls to the server, typed from the domain. */
export type { RoundInput, RoundView };

export const roundsApi = {
  record: (input: RoundInput) => api.post<{ round: RoundView }>('/api/rounds', input).then((r) => r.round),
  list: () => api.get<{ rounds: RoundView[] }>('/api/rounds').then((r) => r.rounds),
  reference: () => api.get<ReferenceView>('/api/field/reference'),
};
