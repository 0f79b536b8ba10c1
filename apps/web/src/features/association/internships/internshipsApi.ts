import type { InternshipInput, InternshipSettings, InternshipsPage, StaffRegister } from '@vigie/domain/rules';
import { api } from '../../../api/client';
import type { UploadedFile } from '../applications/applicationsApi';

/** Interns' calls (issue 18), typed from the domain's views. */
export type { InternshipsPage, StaffRegister };
export type InternshipView = InternshipsPage['internships'][number];

export const internshipsApi = {
  page: () => api.get<InternshipsPage>('/api/association/internships'),
  register: () => api.get<StaffRegister>('/api/association/staff-register'),
  record: (input: InternshipInput) => api.post<InternshipsPage>('/api/association/internships', input),
  convention: (id: string, file: UploadedFile) => api.put<InternshipsPage>(`/api/association/internships/${id}/convention`, { file }),
  start: (id: string) => api.post<InternshipsPage>(`/api/association/internships/${id}/start`, {}),
  settings: (settings: InternshipSettings) => api.put<InternshipsPage>('/api/association/internship-settings', settings),
};
