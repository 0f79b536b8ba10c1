import { useState } from 'preact/hooks';
import { formatDateTime } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { TextField } from '../../../ui/TextField';
import { NumberInput } from '../postings/fields';
import { DateTimeInput, isoToLocal, localToIso } from './DateTimeInput';
import { vehiclesApi, type TripView, type VehicleBookingView } from './vehiclesApi';

type Act = (work: () => Promise<unknown>, done: string) => Promise<unknown>;

/** A booking moved on the phone: new hours (the server refuses an overlap, naming who holds the car) and purpose. */
export function BookingEditForm({ booking, act, onClose }: { booking: VehicleBookingView; act: Act; onClose: () => void }) {
  const t = useT();
  const [v, setV] = useState({ startsAt: isoToLocal(booking.startsAt), endsAt: isoToLocal(booking.endsAt), purpose: booking.purpose });
  return (
    <form class="card" data-testid="booking-edit" onSubmit={(e) => {
      e.preventDefault();
      void act(() => vehiclesApi.changeBooking(booking.id, { startsAt: localToIso(v.startsAt), endsAt: localToIso(v.endsAt), purpose: v.purpose }).then(onClose), t('vehicles.edit.bookingSaved'));
    }}>
      <DateTimeInput label={t('vehicles.fields.from')} value={v.startsAt} onValue={(x) => setV({ ...v, startsAt: x })} required />
      <DateTimeInput label={t('vehicles.fields.to')} value={v.endsAt} onValue={(x) => setV({ ...v, endsAt: x })} required />
      <TextField label={t('vehicles.fields.purpose')} value={v.purpose} onValue={(x) => setV({ ...v, purpose: x })} maxLength={300} />
      <Button type="submit">{t('vehicles.edit.save')}</Button> <Button variant="secondary" onClick={onClose}>{t('vehicles.edit.close')}</Button>
    </form>
  );
}

/** A logbook trip corrected: the whole trip as it should read, and why (kept, with what it read before). */
export function TripCorrectionForm({ trip, act, onClose }: { trip: TripView; act: Act; onClose: () => void }) {
  const t = useT();
  const [v, setV] = useState({
    startedAt: isoToLocal(trip.startedAt), endedAt: trip.endedAt ? isoToLocal(trip.endedAt) : '', kmStart: String(trip.kmStart),
    kmEnd: trip.kmEnd === null ? '' : String(trip.kmEnd), purpose: trip.purpose, reason: '',
  });
  return (
    <form class="card" data-testid="trip-correction" onSubmit={(e) => {
      e.preventDefault();
      void act(() => vehiclesApi.correctTrip(trip.id, {
        startedAt: localToIso(v.startedAt), endedAt: v.endedAt ? localToIso(v.endedAt) : null, kmStart: Number(v.kmStart),
        kmEnd: v.kmEnd === '' ? null : Number(v.kmEnd), purpose: v.purpose, reason: v.reason,
      }).then(onClose), t('vehicles.edit.tripSaved'));
    }}>
      <DateTimeInput label={t('vehicles.fields.departure')} value={v.startedAt} onValue={(x) => setV({ ...v, startedAt: x })} required />
      <DateTimeInput label={t('vehicles.fields.back')} value={v.endedAt} onValue={(x) => setV({ ...v, endedAt: x })} />
      <NumberInput label={t('vehicles.fields.kmStart')} value={v.kmStart} step="1" onValue={(x) => setV({ ...v, kmStart: x })} />
      <NumberInput label={t('vehicles.fields.kmEnd')} value={v.kmEnd} step="1" onValue={(x) => setV({ ...v, kmEnd: x })} />
      <TextField label={t('vehicles.fields.purpose')} value={v.purpose} onValue={(x) => setV({ ...v, purpose: x })} required maxLength={300} />
      <TextField label={t('vehicles.edit.reason')} value={v.reason} onValue={(x) => setV({ ...v, reason: x })} required maxLength={500} testId="trip-correction-reason" />
      <Button type="submit">{t('vehicles.edit.saveCorrection')}</Button> <Button variant="secondary" onClick={onClose}>{t('vehicles.edit.close')}</Button>
    </form>
  );
}

/** What a trip read before each correction, by whom, when and why. */
export function TripHistory({ trip }: { trip: TripView }) {
  const t = useT();
  const locale = useLocale();
  if (trip.corrections.length === 0) return null;
  const km = (f: TripView['corrections'][number]['before']) => `${f.kmStart} → ${f.kmEnd ?? '…'} km`;
  return (
    <details>
      <summary>{t('vehicles.edit.corrected', { count: trip.corrections.length })}</summary>
      <ul>
        {trip.corrections.map((c) => (
          <li key={c.at}>{t('vehicles.edit.correction', { date: formatDateTime(c.at, locale), name: c.byName, reason: c.reason, before: km(c.before), after: km(c.after) })}</li>
        ))}
      </ul>
    </details>
  );
}
