import type { OperationPageView, OperationTimelineEntry } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** The office's reading of an operation, typed from the domain's view. */
export type { OperationPageView, OperationTimelineEntry };

export const operationsApi = {
  page: (id: string) => api.get<{ page: OperationPageView }>(`/api/operations/${id}`).then((r) => r.page),
};
