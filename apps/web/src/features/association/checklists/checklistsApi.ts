import type { HousePerson, PersonChecklistsView } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** Onboarding and offboarding checklists' calls (issue 18), typed from the domain's views. */
export type { HousePerson, PersonChecklistsView };
export type ChecklistKind = PersonChecklistsView['checklists'][number]['kind'];

export const checklistsApi = {
  people: () => api.get<{ people: HousePerson[] }>('/api/association/people').then((r) => r.people),
  of: (personId: string) => api.get<PersonChecklistsView>(`/api/association/people/${personId}/checklists`),
  start: (personId: string, kind: ChecklistKind) => api.post<PersonChecklistsView>(`/api/association/people/${personId}/checklists`, { kind }),
  tick: (itemId: string, done: boolean) => api.post<PersonChecklistsView>(`/api/association/checklist-items/${itemId}`, { done }),
};
