import type {
  DeadlineRuleView, DeadlineView, LegalCaseGrantView, LegalCaseSummaryView, LegalCaseView, LegalSharedCaseView, Locale, PersonSearchView,
} from '@vigie/domain/rules';
import { ApiError, api, requestRaw } from '../../api/client';

/** The legal pole's calls to the server, typed from the domain's views. */
export type { DeadlineRuleView, DeadlineView, LegalCaseGrantView, LegalCaseSummaryView, LegalCaseView, LegalSharedCaseView, PersonSearchView };

export const legalApi = {
  cases: (evictionId?: string) => api.get<{ cases: LegalCaseSummaryView[] }>(`/api/legal/cases${evictionId ? `?evictionId=${evictionId}` : ''}`).then((r) => r.cases),
  open: (body: Record<string, unknown>) => api.post<{ case: LegalCaseView }>('/api/legal/cases', body).then((r) => r.case),
  get: (id: string) => api.get<{ case: LegalCaseView }>(`/api/legal/cases/${id}`).then((r) => r.case),
  change: (id: string, path: string, body: Record<string, unknown>) => api.post<{ case: LegalCaseView }>(`/api/legal/cases/${id}/${path}`, body).then((r) => r.case),
  patchTask: (id: string, taskId: string, body: Record<string, unknown>) => api.patch<{ case: LegalCaseView }>(`/api/legal/cases/${id}/tasks/${taskId}`, body).then((r) => r.case),
  /** The party picker: persons by pseudonym (the search is audited). */
  persons: (q: string) => api.get<PersonSearchView>(`/api/persons?${new URLSearchParams({ q })}`).then((r) => r.persons),
  remove: (id: string, what: 'parties' | 'links' | 'tasks', itemId: string) => api.delete<{ case: LegalCaseView }>(`/api/legal/cases/${id}/${what}/${itemId}`).then((r) => r.case),
  deadlines: (query: string) => api.get<{ deadlines: DeadlineView[] }>(`/api/legal/deadlines?${query}`).then((r) => r.deadlines),
  addDeadline: (id: string, body: Record<string, unknown>) => api.post<{ deadline: DeadlineView }>(`/api/legal/cases/${id}/deadlines`, body).then((r) => r.deadline),
  patchDeadline: (id: string, deadlineId: string, body: Record<string, unknown>) => api.patch<{ deadline: DeadlineView }>(`/api/legal/cases/${id}/deadlines/${deadlineId}`, body),
  rules: () => api.get<{ rules: DeadlineRuleView[] }>('/api/legal/deadline-rules').then((r) => r.rules),
  saveRule: (rule: DeadlineRuleView) => {
    const { id, updatedAt: _updatedAt, ...input } = rule;
    return api.put<{ rule: DeadlineRuleView }>(`/api/legal/deadline-rules/${id}`, input).then((r) => r.rule);
  },
  feed: () => api.get<{ active: boolean; createdAt: string | null; url: string | null }>('/api/legal/calendar-feed'),
  createFeed: () => api.post<{ active: boolean; createdAt: string | null; url: string | null }>('/api/legal/calendar-feed'),
  revokeFeed: () => api.delete<null>('/api/legal/calendar-feed'),
  grants: (id: string) => api.get<{ grants: LegalCaseGrantView[] }>(`/api/legal/cases/${id}/grants`).then((r) => r.grants),
  grant: (id: string, body: Record<string, unknown>) => api.post<{ grant: LegalCaseGrantView; url: string }>(`/api/legal/cases/${id}/grants`, body),
  revokeGrant: (id: string, grantId: string) => api.post(`/api/legal/cases/${id}/grants/${grantId}/revoke`),
  shared: (token: string) => api.get<{ case: LegalSharedCaseView; deadlines: DeadlineView[]; lawyerName: string; expiresAt: string }>(`/api/legal/shared/${token}`),
  async upload(id: string, file: File, query: Record<string, string>) {
    const params = new URLSearchParams({ name: file.name, ...query });
    const answer = await requestRaw('POST', `/api/legal/cases/${id}/documents?${params}`, file, { 'Content-Type': file.type || 'application/octet-stream' });
    if (answer.error) throw answer.error;
    return (answer.payload as { case: LegalCaseView }).case;
  },
};

export { ApiError };

/** "lundi 1 mars 2027" from a yyyy-MM-dd calendar date, without any time zone shift. */
export function formatDay(date: string, locale: Locale, style: 'long' | 'short' = 'long'): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB', style === 'long'
    ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } : { day: 'numeric', month: 'short', year: 'numeric' });
}
