import type {
  ConflictView, FailedPublicCopyView, EvictionPageView, EvictionRowView, RecordVersionView, ReviewCountsView, ReviewQueueView,
} from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** The coordinator's and the legal pole's calls about evictions, typed from the domain's views. */
export type { ConflictView, FailedPublicCopyView, EvictionPageView, EvictionRowView, RecordVersionView, ReviewCountsView, ReviewQueueView };

type StatusAnswer = { id: string; version: number; status: string };

export const evictionsApi = {
  page: (id: string) => api.get<{ page: EvictionPageView }>(`/api/evictions/${id}`).then((r) => r.page),
  queue: () => api.get<ReviewQueueView>('/api/review/queue'),
  counts: () => api.get<ReviewCountsView>('/api/review/counts'),
  verify: (id: string, version: number) => api.post<StatusAnswer>(`/api/evictions/${id}/verify`, { version }),
  reject: (id: string, version: number, reason: string) => api.post<StatusAnswer>(`/api/evictions/${id}/reject`, { version, reason }),
  merge: (keepId: string, mergeIds: string[]) => api.post<{ keepId: string; version: number; merged: string[] }>('/api/evictions/merge', { keepId, mergeIds }),
  /** Photos whose publication copy failed for good (field.verify), and trying one again. */
  failedCopies: () => api.get<{ failures: FailedPublicCopyView[] }>('/api/evidence/public-copy-failures').then((r) => r.failures),
  retryCopy: (evidenceId: string) => api.post<null>(`/api/evidence/${evidenceId}/public-copy/retry`),
  conflicts: (id: string) => api.get<{ conflicts: ConflictView[] }>(`/api/evictions/${id}/conflicts`).then((r) => r.conflicts),
  resolve: (id: string, conflictId: string, body: { version: number; take: Record<string, 'current' | 'proposed'> }) =>
    api.post<{ version: number }>(`/api/evictions/${id}/conflicts/${conflictId}/resolve`, body),
};
