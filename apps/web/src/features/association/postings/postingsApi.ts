import type { PostingInput, PostingView } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** Recruitment's calls to the server, typed from the domain's views. */
export type { PostingInput, PostingView };

export const postingsApi = {
  list: () => api.get<{ postings: PostingView[] }>('/api/association/postings').then((r) => r.postings),
  get: (id: string) => api.get<PostingView>(`/api/association/postings/${id}`),
  create: (body: PostingInput) => api.post<PostingView>('/api/association/postings', body),
  save: (id: string, body: PostingInput) => api.put<PostingView>(`/api/association/postings/${id}`, body),
  publish: (id: string) => api.post<PostingView>(`/api/association/postings/${id}/publish`),
  close: (id: string) => api.post<PostingView>(`/api/association/postings/${id}/close`),
};
