import type { PersonChecklistsView, PersonListItem } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** Onboarding and offboarding checklists' calls (issue 18), typed from the domain's views. */
export type { PersonChecklistsView, PersonListItem };
export type PeopleState = 'active' | 'former';
export type ChecklistKind = PersonChecklistsView['checklists'][number]['kind'];

export const checklistsApi = {
  people: (state: PeopleState) => api.get<{ people: PersonListItem[] }>(`/api/association/people?state=${state}`).then((r) => r.people),
  of: (personId: string) => api.get<PersonChecklistsView>(`/api/association/people/${personId}/checklists`),
  start: (personId: string, kind: ChecklistKind) => api.post<PersonChecklistsView>(`/api/association/people/${personId}/checklists`, { kind }),
  tick: (itemId: string, done: boolean) => api.post<PersonChecklistsView>(`/api/association/checklist-items/${itemId}`, { done }),
};
