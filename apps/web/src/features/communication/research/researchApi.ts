import type { AgreementView, ProfileView, ReleaseView } from '@vigie/domain/rules';
import { api, requestRaw } from '../../../api/client';

/** The data-sharing desk's calls to the server, typed from the domain's views. */
export type { AgreementView, ProfileView, ReleaseView };
export type LinkView = { id: string; expiresAt: string; revokedAt: string | null; createdAt: string; active: boolean };
export type DownloadView = { linkId: string; file: string; at: string; ipHash: string; userAgent: string | null };

export const researchApi = {
  agreements: () => api.get<{ agreements: AgreementView[] }>('/api/research/agreements').then((r) => r.agreements),
  createAgreement: (body: Record<string, unknown>) => api.post<{ agreement: AgreementView }>('/api/research/agreements', body).then((r) => r.agreement),
  profiles: () => api.get<{ profiles: ProfileView[] }>('/api/research/profiles').then((r) => r.profiles),
  saveProfile: (body: Record<string, unknown>) => api.post<{ profile: ProfileView }>('/api/research/profiles', body).then((r) => r.profile),
  releases: (agreementId: string) => api.get<{ releases: ReleaseView[] }>(`/api/research/agreements/${agreementId}/releases`).then((r) => r.releases),
  requestRelease: (agreementId: string, body: Record<string, unknown>) =>
    api.post<{ release: ReleaseView }>(`/api/research/agreements/${agreementId}/releases`, body).then((r) => r.release),
  links: (releaseId: string) => api.get<{ links: LinkView[]; downloads: DownloadView[] }>(`/api/research/releases/${releaseId}/links`),
  createLink: (releaseId: string, days: number) => api.post<{ link: LinkView; url: string }>(`/api/research/releases/${releaseId}/links`, { days }),
  revokeLink: (releaseId: string, linkId: string) => api.post(`/api/research/releases/${releaseId}/links/${linkId}/revoke`),
  async uploadDocument(agreementId: string, file: File) {
    const answer = await requestRaw('POST', `/api/research/agreements/${agreementId}/document?${new URLSearchParams({ name: file.name })}`, file, { 'Content-Type': file.type || 'application/octet-stream' });
    if (answer.error) throw answer.error;
    return (answer.payload as { agreement: AgreementView }).agreement;
  },
};
