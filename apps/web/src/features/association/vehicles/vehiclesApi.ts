import type { DriverAnswer, TripCorrection, TripStart, TripView, VehicleBookingChange, VehicleBookingInput, VehicleBookingView, VehicleView } from '@vigie/domain/rules';
import { api } from '../../../api/client';

/** Vehicles' calls to the server (issue 19), typed from the domain's views. */
export type { DriverAnswer, TripView, VehicleBookingView, VehicleView };

export const vehiclesApi = {
  /** The cars in service; `withRetired` (house managers) adds the retired and lost ones, for the driver question. */
  vehicles: (withRetired = false) => api.get<{ vehicles: VehicleView[] }>(`/api/association/vehicles${withRetired ? '?retired=1' : ''}`).then((r) => r.vehicles),
  papers: (id: string, body: { insuranceUntil: string | null; roadworthyUntil: string | null }) =>
    api.put<{ vehicles: VehicleView[] }>(`/api/association/vehicles/${id}/papers`, body).then((r) => r.vehicles),
  bookings: (from: string, to: string) =>
    api.get<{ bookings: VehicleBookingView[] }>(`/api/association/vehicle-bookings?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`).then((r) => r.bookings),
  book: (body: VehicleBookingInput) => api.post<VehicleBookingView>('/api/association/vehicle-bookings', body),
  changeBooking: (id: string, body: VehicleBookingChange) => api.patch<VehicleBookingView>(`/api/association/vehicle-bookings/${id}`, body),
  cancel: (id: string) => api.delete<null>(`/api/association/vehicle-bookings/${id}`),
  trips: () => api.get<{ trips: TripView[] }>('/api/association/vehicle-trips').then((r) => r.trips),
  startTrip: (body: Partial<TripStart> & Pick<TripStart, 'itemId' | 'driverId' | 'startedAt' | 'kmStart' | 'purpose'>) => api.post<TripView>('/api/association/vehicle-trips', body),
  endTrip: (id: string, body: { endedAt: string; kmEnd: number }) => api.post<TripView>(`/api/association/vehicle-trips/${id}/end`, body),
  correctTrip: (id: string, body: TripCorrection) => api.put<TripView>(`/api/association/vehicle-trips/${id}`, body),
  whoDrove: (itemId: string, at: string) => api.post<DriverAnswer>('/api/association/vehicles/driver-question', { itemId, at }),
};
