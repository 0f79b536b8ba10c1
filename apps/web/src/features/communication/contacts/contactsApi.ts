import type { ContactImportReport, ContactListView, ContactSummaryView, ContactView } from '@vigie/domain/rules';
import { api, requestFile, requestRaw } from '../../../api/client';

/** The contacts registry's calls to the server, typed from the domain's views. */
export type { ContactImportReport, ContactListView, ContactSummaryView, ContactView };

/** The CSV import: the file is sent as is, first for a dry run, then again to commit. */
async function importFile(step: 'dry-run' | 'commit', file: File, listId: string) {
  const query = new URLSearchParams({ fileName: file.name, ...(listId && { listId }) }).toString();
  const res = await requestRaw('POST', `/api/contacts/import/${step}?${query}`, file, { 'Content-Type': file.type || 'text/csv' });
  if (res.error) throw res.error;
  return res.payload as ContactImportReport;
}

export const contactsApi = {
  importFile,
  exportCsv: (query: string) => requestFile('GET', `/api/contacts/export.csv${query ? `?${query}` : ''}`),
  update: (id: string, body: Record<string, unknown>) => api.put<{ contact: ContactView }>(`/api/contacts/${id}`, body).then((r) => r.contact),
  merge: (id: string, duplicateId: string) => api.post<{ contact: ContactView }>(`/api/contacts/${id}/merge`, { duplicateId }).then((r) => r.contact),
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
