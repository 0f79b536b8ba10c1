import type { ConsentInput, QuotableTestimony, TestimonySummaryView, TestimonyView } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** The testimonies' calls to the server, typed from the domain's views. */
export type { ConsentInput, QuotableTestimony, TestimonySummaryView, TestimonyView };
export type WithdrawalResult = { withdrawnAt: string; alreadyWithdrawn: boolean };

export const testimoniesApi = {
  list: () => api.get<{ testimonies: TestimonySummaryView[] }>('/api/testimonies').then((r) => r.testimonies),
  get: (id: string) => api.get<{ testimony: TestimonyView }>(`/api/testimonies/${id}`).then((r) => r.testimony),
  /** The answer carries the withdrawal code, the only time it exists in clear. */
  create: (body: Record<string, unknown>) => api.post<{ testimony: TestimonyView; withdrawalCode: string }>('/api/testimonies', body),
  consent: (id: string, body: ConsentInput) => api.post<{ testimony: TestimonyView }>(`/api/testimonies/${id}/consent`, body).then((r) => r.testimony),
  withdrawByStaff: (code: string) => api.post<WithdrawalResult>('/api/testimonies/withdrawals', { code }),
  withdrawByPerson: (code: string) => api.post<WithdrawalResult>('/api/public/testimony-withdrawals', { code }),
  quotable: () => api.get<{ quotes: QuotableTestimony[] }>('/api/testimonies/quotable').then((r) => r.quotes),
};
