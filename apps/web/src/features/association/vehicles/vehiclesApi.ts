import type { DriverAnswer, TripStart, TripView, VehicleBookingInput, VehicleBookingView, VehicleView } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** Vehicles' calls to the server (issue 19), typed from the domain's views. */
export type { DriverAnswer, TripView, VehicleBookingView, VehicleView };

export const vehiclesApi = {
  vehicles: () => api.get<{ vehicles: VehicleView[] }>('/api/association/vehicles').then((r) => r.vehicles),
  papers: (id: string, body: { insuranceUntil: string | null; roadworthyUntil: string | null }) =>
    api.put<{ vehicles: VehicleView[] }>(`/api/association/vehicles/${id}/papers`, body).then((r) => r.vehicles),
  bookings: (from: string, to: string) =>
    api.get<{ bookings: VehicleBookingView[] }>(`/api/association/vehicle-bookings?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`).then((r) => r.bookings),
  book: (body: VehicleBookingInput) => api.post<VehicleBookingView>('/api/association/vehicle-bookings', body),
  cancel: (id: string) => api.delete<null>(`/api/association/vehicle-bookings/${id}`),
  trips: () => api.get<{ trips: TripView[] }>('/api/association/vehicle-trips').then((r) => r.trips),
  startTrip: (body: Partial<TripStart> & Pick<TripStart, 'itemId' | 'driverId' | 'startedAt' | 'kmStart' | 'purpose'>) => api.post<TripView>('/api/association/vehicle-trips', body),
  endTrip: (id: string, body: { endedAt: string; kmEnd: number }) => api.post<TripView>(`/api/association/vehicle-trips/${id}/end`, body),
  whoDrove: (itemId: string, at: string) => api.post<DriverAnswer>('/api/association/vehicles/driver-question', { itemId, at }),
};
