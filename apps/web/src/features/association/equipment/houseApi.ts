import type { EquipmentInput, EquipmentView, HousePerson, LoanHandOver, LoanReturn, LoanView } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** The house's calls to the server (issue 19), typed from the domain's views. */
export type { EquipmentInput, EquipmentView, HousePerson, LoanHandOver, LoanReturn, LoanView };

export const houseApi = {
  items: () => api.get<{ items: EquipmentView[] }>('/api/association/equipment').then((r) => r.items),
  addItem: (body: Partial<EquipmentInput> & Pick<EquipmentInput, 'kind' | 'label'>) => api.post<EquipmentView>('/api/association/equipment', body),
  /** Registered field phones (needs field.verify): a field phone item names its device to know what it still holds unsent. */
  devices: () => api.get<{ devices: Array<{ id: string; label: string; displayName: string; revokedAt: string | null }> }>('/api/field/devices').then((r) => r.devices),
  people: () => api.get<{ people: HousePerson[] }>('/api/association/house-people').then((r) => r.people),
  openLoans: () => api.get<{ loans: LoanView[] }>('/api/association/loans?open=1').then((r) => r.loans),
  loan: (id: string) => api.get<LoanView>(`/api/association/loans/${id}`),
  mine: () => api.get<{ loans: LoanView[] }>('/api/association/loans/mine').then((r) => r.loans),
  handOver: (body: Partial<LoanHandOver> & Pick<LoanHandOver, 'borrowerId' | 'itemIds' | 'borrowerSignature'>) => api.post<LoanView>('/api/association/loans', body),
  takeBack: (id: string, body: Partial<LoanReturn> & Pick<LoanReturn, 'borrowerSignature'>) => api.post<LoanView>(`/api/association/loans/${id}/return`, body),
};
