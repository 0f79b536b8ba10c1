import type { GrantInput, GrantSummaryView, GrantView, IndicatorInput, IndicatorSource, IndicatorView } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** Grants' and funder indicators' calls to the server, typed from the domain's views. */
export type { GrantSummaryView, GrantView, IndicatorSource, IndicatorView };
export type GrantBody = GrantInput;
export type IndicatorBody = IndicatorInput;

export const grantsApi = {
  list: () => api.get<{ grants: GrantSummaryView[] }>('/api/grants').then((r) => r.grants),
  create: (body: GrantBody) => api.post<{ grant: GrantView }>('/api/grants', body).then((r) => r.grant),
  get: (id: string) => api.get<{ grant: GrantView }>(`/api/grants/${id}`).then((r) => r.grant),
  edit: (id: string, body: GrantBody) => api.put<{ grant: GrantView }>(`/api/grants/${id}`, body).then((r) => r.grant),
  addIndicator: (id: string, body: IndicatorBody) => api.post<{ grant: GrantView }>(`/api/grants/${id}/indicators`, body).then((r) => r.grant),
  editIndicator: (id: string, indicatorId: string, body: IndicatorBody) =>
    api.put<{ grant: GrantView }>(`/api/grants/${id}/indicators/${indicatorId}`, body).then((r) => r.grant),
  removeIndicator: (id: string, indicatorId: string) => api.delete<{ grant: GrantView }>(`/api/grants/${id}/indicators/${indicatorId}`).then((r) => r.grant),
  /** A download address (the browser fetches it with the session cookie). */
  reportUrl: (id: string, format: 'xlsx' | 'pdf', periodId: string, lang: 'fr' | 'en') =>
    `/api/grants/${id}/report.${format}?${new URLSearchParams({ periodId, lang })}`,
};

/** "1 250,50" or "1250.5" euros as cents; NaN when not a number. */
export function centsOf(euros: string): number {
  const n = Number(euros.replace(/\s/g, '').replace(',', '.'));
  return Number.isFinite(n) && euros.trim() !== '' ? Math.round(n * 100) : Number.NaN;
}

/** A number field's text as a number, or null when empty. */
export function quantityOf(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text.replace(/\s/g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}
