import type { ContactListView, ContactSummaryView, ContactView } from '@vigie/domain/rules';
import { api, requestFile } from '../../../api/client';

/** The contacts registry's calls to the server, typed from the domain's views. */
export type { ContactListView, ContactSummaryView, ContactView };

export const contactsApi = {
  search: (query: string) => api.get<{ contacts: ContactSummaryView[] }>(`/api/contacts${query ? `?${query}` : ''}`).then((r) => r.contacts),
  create: (body: Record<string, unknown>) => api.post<{ contact: ContactView }>('/api/contacts', body).then((r) => r.contact),
  get: (id: string) => api.get<{ contact: ContactView }>(`/api/contacts/${id}`).then((r) => r.contact),
  consent: (id: string, body: Record<string, unknown>) => api.post<{ contact: ContactView }>(`/api/contacts/${id}/consents`, body).then((r) => r.contact),
  doNotContact: (id: string, body: Record<string, unknown>) => api.put<{ contact: ContactView }>(`/api/contacts/${id}/do-not-contact`, body).then((r) => r.contact),
  interaction: (id: string, body: Record<string, unknown>) => api.post<{ contact: ContactView }>(`/api/contacts/${id}/interactions`, body).then((r) => r.contact),
  exportFile: (id: string) => requestFile('GET', `/api/contacts/${id}/export`),
  erase: (id: string) => api.delete<{ erased: true }>(`/api/contacts/${id}`),
  lists: () => api.get<{ lists: ContactListView[] }>('/api/contact-lists').then((r) => r.lists),
  createList: (body: Record<string, unknown>) => api.post<{ list: ContactListView }>('/api/contact-lists', body).then((r) => r.list),
  addMember: (listId: string, contactId: string) => api.put<{ list: ContactListView }>(`/api/contact-lists/${listId}/members/${contactId}`, {}).then((r) => r.list),
};
