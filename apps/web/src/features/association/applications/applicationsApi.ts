import type { ApplicationStage, ApplicationView, ReplyTemplateView } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** Recruitment's application calls, typed from the domain's views. */
export type { ApplicationStage, ApplicationView, ReplyTemplateView };
export type UploadedFile = { name: string; contentBase64: string };

export const applicationsApi = {
  openJobs: (slug: string) => api.get<{ organisation: string; jobs: { id: string; title: string; closesOn: string }[] }>(`/api/public/${slug}/jobs.json`),
  apply: (slug: string, id: string, body: { name: string; email: string; message: string; cv: UploadedFile; letter?: UploadedFile }) =>
    api.post<{ merged: boolean }>(`/api/public/${slug}/jobs/${id}/applications`, body),
  list: (postingId: string, q: string) => api.get<{ applications: ApplicationView[] }>(`/api/association/postings/${postingId}/applications${q ? `?q=${encodeURIComponent(q)}` : ''}`).then((r) => r.applications),
  templates: () => api.get<{ templates: ReplyTemplateView[] }>('/api/association/reply-templates').then((r) => r.templates),
  saveTemplate: (body: { name: string; subject: string; body: string }, id?: string) =>
    (id ? api.put<ReplyTemplateView>(`/api/association/reply-templates/${id}`, body) : api.post<ReplyTemplateView>('/api/association/reply-templates', body)),
  deleteTemplate: (id: string) => api.delete<{ templates: ReplyTemplateView[] }>(`/api/association/reply-templates/${id}`),
  reply: (id: string, body: { templateId: string | null; subject: string; body: string }) =>
    api.post<{ subject: string; text: string }>(`/api/association/applications/${id}/reply`, body),
  fileUrl: (fileId: string) => `/api/association/application-files/${fileId}`,
  change: (id: string, body: { stage: ApplicationStage } | { note: string } | { rating: number }) => api.patch<ApplicationView>(`/api/association/applications/${id}`, body),
};

/** A chosen file as the server takes it: its name and its bytes in base64. */
export async function readUpload(file: File): Promise<UploadedFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { name: file.name, contentBase64: btoa(binary) };
}
