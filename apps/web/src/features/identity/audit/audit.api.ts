import type { AuditPage, UserView } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** The organisation's audit trail, a page at a time (newest first), and who the actors are. */
export const auditApi = {
  page: (before?: string) => api.get<AuditPage>(`/api/audit?limit=50${before ? `&before=${encodeURIComponent(before)}` : ''}`),
  users: () => api.get<{ users: UserView[] }>('/api/users').then((r) => r.users),
};
