import type { RotaCalendarFeedView, TaskBoard, TaskChange, TaskInput, TaskPole, TaskView } from '@vigie/domain/rules';
import { api, request } from '../../../api/client';

/** Task boards' calls to the server (issue 19), typed from the domain's views. */
export type { TaskBoard, TaskView };

export const tasksApi = {
  board: (pole: string) => api.get<TaskBoard>(`/api/association/tasks?pole=${pole}`),
  mine: () => api.get<TaskBoard>('/api/association/tasks/mine'),
  create: (body: Partial<TaskInput> & Pick<TaskInput, 'pole' | 'title'>) => api.post<TaskView>('/api/association/tasks', body),
  edit: (id: string, body: TaskChange) => api.patch<TaskView>(`/api/association/tasks/${id}`, body),
  fromAction: (actionId: string, pole: TaskPole) => api.post<TaskView>('/api/association/tasks/from-action', { actionId, pole }),
  ofActions: (ids: readonly string[]) => (ids.length === 0 ? Promise.resolve([])
    : api.get<{ tasks: Array<{ actionId: string; taskId: string; pole: TaskPole }> }>(`/api/association/tasks/of-actions?ids=${ids.join(',')}`).then((r) => r.tasks)),
  move: (id: string, status: TaskView['status']) => api.post<TaskView>(`/api/association/tasks/${id}/status`, { status }),
  // The shared secret calendar links (the rota's mechanism), calendar 'tasks'.
  feed: () => request<RotaCalendarFeedView>('GET', '/api/association/tasks/calendar-feed'),
  createFeed: () => request<RotaCalendarFeedView>('POST', '/api/association/tasks/calendar-feed'),
  revokeFeed: () => request<null>('DELETE', '/api/association/tasks/calendar-feed'),
};
