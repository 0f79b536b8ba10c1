import type { AuditChainCheck, AuditPage, UserView } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** The audit screen's filters: a person, a kind of record or one record, a span of Paris days. */
export type AuditFilters = { actorId?: string; entityType?: string; entityId?: string; from?: string; to?: string };

/** The organisation's audit trail, a page at a time (newest first), and who the actors are. */
export const auditApi = {
  page: (before?: string, filters: AuditFilters = {}) => {
    const query = new URLSearchParams({ limit: '50', ...(before && { before }) });
    for (const [k, v] of Object.entries(filters)) if (v) query.set(k, v);
    return api.get<AuditPage>(`/api/audit?${query}`);
  },
  /** The whole chain recomputed on the server (as `npm run audit:verify`), answered for this organisation. */
  verify: () => api.post<AuditChainCheck>('/api/audit/verify'),
  users: () => api.get<{ users: UserView[] }>('/api/users').then((r) => r.users),
};
