import type { ChecklistTemplateInput, ChecklistTemplatesView, ChecklistTemplateView, PersonChecklistsView, PersonListItem } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** Onboarding and offboarding checklists' calls (issue 18), typed from the domain's views. */
export type { ChecklistTemplateInput, ChecklistTemplateView, PersonChecklistsView, PersonListItem };
export type PeopleState = 'active' | 'former';
export type ChecklistKind = PersonChecklistsView['checklists'][number]['kind'];

export const checklistsApi = {
  people: (state: PeopleState) => api.get<{ people: PersonListItem[] }>(`/api/association/people?state=${state}`).then((r) => r.people),
  of: (personId: string) => api.get<PersonChecklistsView>(`/api/association/people/${personId}/checklists`),
  start: (personId: string, kind: ChecklistKind, date?: string) =>
    api.post<PersonChecklistsView>(`/api/association/people/${personId}/checklists`, date ? { kind, date } : { kind }),
  tick: (itemId: string, done: boolean) => api.post<PersonChecklistsView>(`/api/association/checklist-items/${itemId}`, { done }),
  templates: () => api.get<ChecklistTemplatesView>('/api/association/checklist-templates').then((r) => r.templates),
  createTemplate: (input: ChecklistTemplateInput) => api.post<ChecklistTemplatesView>('/api/association/checklist-templates', input).then((r) => r.templates),
  changeTemplate: (id: string, input: ChecklistTemplateInput) =>
    api.put<ChecklistTemplatesView>(`/api/association/checklist-templates/${id}`, input).then((r) => r.templates),
};
