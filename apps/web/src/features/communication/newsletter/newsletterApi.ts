import type {
  NewsletterBlockInput, NewsletterConfirmationView, NewsletterIssueSummaryView, NewsletterIssueView, NewsletterPhotoView,
  NewsletterSettingsView, NewsletterSignupFormView, ChecklistItem, QuotableTestimony,
} from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** The newsletter's calls to the server, typed from the domain's views. */
export type {
  NewsletterBlockInput, NewsletterConfirmationView, NewsletterIssueSummaryView, NewsletterIssueView, NewsletterPhotoView,
  NewsletterSettingsView, NewsletterSignupFormView, QuotableTestimony,
};

export const newsletterApi = {
  list: () => api.get<{ issues: NewsletterIssueSummaryView[] }>('/api/newsletter/issues').then((r) => r.issues),
  create: (title: string) => api.post<{ issue: NewsletterIssueView }>('/api/newsletter/issues', { title }).then((r) => r.issue),
  get: (id: string) => api.get<{ issue: NewsletterIssueView }>(`/api/newsletter/issues/${id}`).then((r) => r.issue),
  edit: (id: string, body: { title: string; language: 'fr' | 'en'; blocks: NewsletterBlockInput[] }) =>
    api.put<{ issue: NewsletterIssueView }>(`/api/newsletter/issues/${id}`, body).then((r) => r.issue),
  send: (id: string, listId: string) => api.post<{ issue: NewsletterIssueView }>(`/api/newsletter/issues/${id}/send`, { listId }).then((r) => r.issue),
  photos: () => api.get<{ photos: NewsletterPhotoView[] }>('/api/newsletter/photos').then((r) => r.photos),
  checklist: (id: string) => api.get<{ items: ChecklistItem[] }>(`/api/newsletter/issues/${id}/checklist`),
  /** Excerpts whose persons agree to be quoted anonymously: the only ones a quote block may reference. */
  quotable: () => api.get<{ quotes: QuotableTestimony[] }>('/api/testimonies/quotable').then((r) => r.quotes),
  settings: () => api.get<NewsletterSettingsView>('/api/newsletter/settings'),
  saveSettings: (body: { enabled: boolean; listId: string | null }) => api.put<NewsletterSettingsView>('/api/newsletter/settings', body),
};

/** The public pages' calls (no account). */
export const subscribeApi = {
  form: (slug: string) => api.get<NewsletterSignupFormView>(`/api/public/${encodeURIComponent(slug)}/newsletter/signup`),
  signUp: (slug: string, body: { email: string; name?: string; language: 'fr' | 'en'; formVersion: string; consent: true }) =>
    api.post<{ requested: true }>(`/api/public/${encodeURIComponent(slug)}/newsletter/signup`, body),
  confirmation: (token: string) => api.get<NewsletterConfirmationView>(`/api/public/newsletter/confirmations/${encodeURIComponent(token)}`),
  confirm: (token: string) => api.post<NewsletterConfirmationView>(`/api/public/newsletter/confirmations/${encodeURIComponent(token)}`),
};
