import type { PressReleaseSummaryView, PressReleaseView, QuotableTestimony } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** Press releases' calls to the server, typed from the domain's views. */
export type { PressReleaseSummaryView, PressReleaseView };

export const pressApi = {
  list: () => api.get<{ releases: PressReleaseSummaryView[] }>('/api/press-releases').then((r) => r.releases),
  create: (body: Record<string, unknown>) => api.post<{ release: PressReleaseView }>('/api/press-releases', body).then((r) => r.release),
  get: (id: string) => api.get<{ release: PressReleaseView }>(`/api/press-releases/${id}`).then((r) => r.release),
  edit: (id: string, body: Record<string, unknown>) => api.put<{ release: PressReleaseView }>(`/api/press-releases/${id}`, body).then((r) => r.release),
  post: (id: string, path: string, body: Record<string, unknown> = {}) => api.post<{ release: PressReleaseView }>(`/api/press-releases/${id}/${path}`, body).then((r) => r.release),
  /** The testimonies' excerpts whose persons agreed to be quoted anonymously (nothing else about them). */
  quotable: () => api.get<{ quotes: QuotableTestimony[] }>('/api/testimonies/quotable').then((r) => r.quotes),
  removeQuote: (id: string, quoteId: string) => api.delete<{ release: PressReleaseView }>(`/api/press-releases/${id}/testimony-quotes/${quoteId}`).then((r) => r.release),
  removeFigure: (id: string, figureId: string) => api.delete<{ release: PressReleaseView }>(`/api/press-releases/${id}/figures/${figureId}`).then((r) => r.release),
};
