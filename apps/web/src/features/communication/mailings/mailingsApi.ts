import type { BouncePatternView, BounceView, MailingView, RecentDeliveryView, SuppressionView } from '@vigie/domain/rules';
import { api } from '../../../api/client';

export type { BouncePatternView, BounceView, MailingView, RecentDeliveryView, SuppressionView };
type Pattern = Omit<BouncePatternView, 'id'>;

/** One mailing of the shared pipeline (press release, newsletter issue…), whatever sent it; the suppression list and bounces. */
export const mailingsApi = {
  get: (id: string) => api.get<{ mailing: MailingView }>(`/api/mailings/${id}`).then((r) => r.mailing),
  recent: () => api.get<{ deliveries: RecentDeliveryView[] }>('/api/mail/deliveries').then((r) => r.deliveries),
  suppressions: () => api.get<{ suppressions: SuppressionView[] }>('/api/mail/suppressions').then((r) => r.suppressions),
  suppress: (body: { address: string; note: string; listId: string | null }) =>
    api.post<{ suppressions: SuppressionView[] }>('/api/mail/suppressions', body).then((r) => r.suppressions),
  unsuppress: (id: string, note: string) => api.post<{ suppressions: SuppressionView[] }>(`/api/mail/suppressions/${id}/remove`, { note }).then((r) => r.suppressions),
  bounces: (state: string) => api.get<{ bounces: BounceView[] }>(`/api/mail/bounces?state=${state}`).then((r) => r.bounces),
  resolveBounce: (id: string, bounceType: string | null) => api.post<{ resolved: true }>(`/api/mail/bounces/${id}/resolve`, { bounceType }),
  patterns: () => api.get<{ patterns: BouncePatternView[] }>('/api/mail/bounce-patterns').then((r) => r.patterns),
  savePatterns: (patterns: Pattern[]) => api.put<{ patterns: BouncePatternView[] }>('/api/mail/bounce-patterns', { patterns }).then((r) => r.patterns),
};
