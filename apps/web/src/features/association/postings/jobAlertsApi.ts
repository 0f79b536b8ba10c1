import type { JobAlertConfirmationView, JobAlertFormView, JobAlertSignupInput } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** Job alerts' public calls (no account), typed from the domain's views. */
export type { JobAlertConfirmationView, JobAlertFormView, JobAlertSignupInput };

export const jobAlertsApi = {
  form: (slug: string) => api.get<JobAlertFormView>(`/api/public/${encodeURIComponent(slug)}/job-alerts`),
  request: (slug: string, body: JobAlertSignupInput) => api.post<{ requested: true }>(`/api/public/${encodeURIComponent(slug)}/job-alerts`, body),
  confirmation: (token: string) => api.get<JobAlertConfirmationView>(`/api/public/job-alerts/confirmations/${encodeURIComponent(token)}`),
  confirm: (token: string) => api.post<JobAlertConfirmationView>(`/api/public/job-alerts/confirmations/${encodeURIComponent(token)}`),
};
