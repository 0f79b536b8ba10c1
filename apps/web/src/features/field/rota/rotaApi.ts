import type { RotaRole, RotaView } from '@vigie/domain/rules';
import { request } from '../../../api/client';

/** The observation rota's HTTP calls (server: modules/field/rota). */
export const rotaApi = {
  view: (from?: string, to?: string) => request<RotaView>('GET', `/api/rota${from && to ? `?from=${from}&to=${to}` : ''}`),
  signUp: (areaCode: string, day: string, role: RotaRole) => request<null>('POST', '/api/rota/sign-up', { areaCode, day, role }),
  withdraw: (areaCode: string, day: string) => request<null>('POST', '/api/rota/withdraw', { areaCode, day }),
  nothingToReport: (areaCode: string, day: string) => request<null>('POST', '/api/rota/nothing-to-report', { areaCode, day }),
  saveRule: (areaCode: string, weekdays: number[], minObservers: number, minDrivers: number) =>
    request<null>('PUT', `/api/rota/areas/${encodeURIComponent(areaCode)}/rule`, { weekdays, minObservers, minDrivers }),
  addException: (areaCode: string, from: string, to: string, reason: string) =>
    request<{ id: string }>('POST', `/api/rota/areas/${encodeURIComponent(areaCode)}/exceptions`, { from, to, reason }),
  removeException: (id: string) => request<null>('DELETE', `/api/rota/exceptions/${id}`),
};
