import type { RotaCalendarFeedView, RotaMineView, RotaRole, RotaShiftState, RotaView } from '@vigie/domain/rules';
import { request } from '../../../api/client';

/** The observation rota's HTTP calls (server: modules/field/rota). */
export const rotaApi = {
  view: (from?: string, to?: string) => request<RotaView>('GET', `/api/rota${from && to ? `?from=${from}&to=${to}` : ''}`),
  mine: () => request<RotaMineView>('GET', '/api/rota/mine'),
  signUp: (areaCode: string, day: string, role: RotaRole) => request<null>('POST', '/api/rota/sign-up', { areaCode, day, role }),
  withdraw: (areaCode: string, day: string) => request<RotaShiftState>('POST', '/api/rota/withdraw', { areaCode, day }),
  offer: (areaCode: string, day: string, offered: boolean) => request<null>('POST', '/api/rota/offer', { areaCode, day, offered }),
  take: (areaCode: string, day: string, userId: string) => request<RotaShiftState>('POST', '/api/rota/take', { areaCode, day, userId }),
  reassign: (areaCode: string, day: string, fromUserId: string, toUserId: string) =>
    request<RotaShiftState>('POST', '/api/rota/reassign', { areaCode, day, fromUserId, toUserId }),
  noShow: (areaCode: string, day: string, userId: string, noShow: boolean) => request<null>('POST', '/api/rota/no-show', { areaCode, day, userId, noShow }),
  nothingToReport: (areaCode: string, day: string) => request<null>('POST', '/api/rota/nothing-to-report', { areaCode, day }),
  saveRule: (areaCode: string, weekdays: number[], minObservers: number, minDrivers: number) =>
    request<null>('PUT', `/api/rota/areas/${encodeURIComponent(areaCode)}/rule`, { weekdays, minObservers, minDrivers }),
  addException: (areaCode: string, from: string, to: string, reason: string) =>
    request<{ id: string }>('POST', `/api/rota/areas/${encodeURIComponent(areaCode)}/exceptions`, { from, to, reason }),
  removeException: (id: string) => request<null>('DELETE', `/api/rota/exceptions/${id}`),
  feed: () => request<RotaCalendarFeedView>('GET', '/api/rota/calendar-feed'),
  createFeed: () => request<RotaCalendarFeedView>('POST', '/api/rota/calendar-feed'),
  revokeFeed: () => request<null>('DELETE', '/api/rota/calendar-feed'),
};
