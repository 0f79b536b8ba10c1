import type { MailingView } from '@vigie/domain/rules';
import { api } from '../../../api/client';

export type { MailingView };

/** One mailing of the shared pipeline (press release, newsletter issue…), whatever sent it. */
export const mailingsApi = {
  get: (id: string) => api.get<{ mailing: MailingView }>(`/api/mailings/${id}`).then((r) => r.mailing),
};
