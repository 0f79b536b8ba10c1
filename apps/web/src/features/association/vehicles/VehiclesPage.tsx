import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatDateTime } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { hasPermission, useUser } from '../../identity/auth/session';
import { meetingsApi } from '../meetings/meetingsApi';
import { DateInput, NumberInput } from '../postings/fields';
import { DateTimeInput, localToIso } from './DateTimeInput';
import { BookingEditForm, TripCorrectionForm, TripHistory } from './VehicleEdits';
import { vehiclesApi, type TripView, type VehicleBookingView, type VehicleView } from './vehiclesApi';

const DAY = 86_400_000;

/**
 * Vehicles on a phone: the cars and their papers, the coming fortnight's bookings day by day,
 * a booking form (an overlap is refused with who holds the car), and the logbook — a trip opened
 * on departure and closed on return with the dial's kilometres.
 */
export function VehiclesPage() {
  const t = useT();
  const locale = useLocale();
  const me = useUser();
  const manage = hasPermission(me, 'house.manage');
  const [vehicles, setVehicles] = useState<VehicleView[]>([]);
  const [bookings, setBookings] = useState<VehicleBookingView[]>([]);
  const [trips, setTrips] = useState<TripView[]>([]);
  const [people, setPeople] = useState<Array<{ id: string; displayName: string }>>([]);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [b, setB] = useState({ itemId: '', driverId: me.id, startsAt: '', endsAt: '', purpose: '' });
  const [trip, setTrip] = useState({ itemId: '', driverId: me.id, startedAt: '', kmStart: '', purpose: '' });
  const [ending, setEnding] = useState<Record<string, { endedAt: string; kmEnd: string }>>({});
  const [editing, setEditing] = useState<string | null>(null);
  const [correcting, setCorrecting] = useState<string | null>(null);
  const [papers, setPapers] = useState<Record<string, { insuranceUntil: string; roadworthyUntil: string }>>({});

  const load = async () => {
    const now = Date.now();
    const [v, bk, tr] = await Promise.all([
      vehiclesApi.vehicles(), vehiclesApi.bookings(new Date(now - DAY).toISOString(), new Date(now + 14 * DAY).toISOString()), vehiclesApi.trips(),
    ]);
    setVehicles(v); setBookings(bk); setTrips(tr);
    setB((x) => ({ ...x, itemId: x.itemId || v[0]?.id || '' }));
    setTrip((x) => ({ ...x, itemId: x.itemId || v[0]?.id || '' }));
  };
  useEffect(() => {
    load().catch((e: unknown) => setError(errorMessage(e)));
    if (hasPermission(me, 'meetings.manage')) meetingsApi.members().then(setPeople).catch(() => undefined); else setPeople([{ id: me.id, displayName: me.displayName }]);
  }, []);
  const act = (work: () => Promise<unknown>, done: string) => {
    setError(null); setStatus(null);
    return work().then(() => { setStatus(done); return load(); }).catch((e: unknown) => setError(errorMessage(e)));
  };
  const vehicleOptions = vehicles.map((v) => ({ value: v.id, label: `${v.label}${v.plate ? ` (${v.plate})` : ''}` }));
  const peopleOptions = people.map((p) => ({ value: p.id, label: p.displayName }));
  const byDay = new Map<string, VehicleBookingView[]>();
  for (const x of bookings) byDay.set(x.startsAt.slice(0, 10), [...(byDay.get(x.startsAt.slice(0, 10)) ?? []), x]);
  const open = trips.filter((x) => !x.endedAt);

  return (
    <Screen title={t('vehicles.title')} narrow>
      <p><a href="/association">{t('house.back')}</a>{manage && <> · <a href="/association/vehicles/driver">{t('vehicles.driver.title')}</a></>}</p>
      <FormError message={error} />
      <StatusMessage message={status} />
      <ul class="cards">
        {vehicles.map((v) => (
          <li key={v.id} class="card" data-testid="vehicle">
            <strong>{v.label}</strong> {v.plate && <span class="card-meta">{v.plate}</span>}
            <p class="card-meta">
              {t('vehicles.insurance', { date: v.insuranceUntil ? formatDate(v.insuranceUntil, locale) : '—' })} ·{' '}
              {t('vehicles.roadworthy', { date: v.roadworthyUntil ? formatDate(v.roadworthyUntil, locale) : '—' })}
              {v.lastKm !== null && ` · ${t('vehicles.lastKm', { km: v.lastKm })}`}
            </p>
            {v.papersDue.length > 0 && <p class="field-error">{v.papersDue.map((p) => t(`vehicles.due.${p}`)).join(' · ')}</p>}
            {manage && (
              <form onSubmit={(e) => {
                e.preventDefault();
                const p = papers[v.id] ?? { insuranceUntil: v.insuranceUntil ?? '', roadworthyUntil: v.roadworthyUntil ?? '' };
                void act(() => vehiclesApi.papers(v.id, { insuranceUntil: p.insuranceUntil || null, roadworthyUntil: p.roadworthyUntil || null }), t('vehicles.saved'));
              }}>
                <DateInput label={t('vehicles.fields.insuranceUntil')} value={papers[v.id]?.insuranceUntil ?? v.insuranceUntil ?? ''}
                  onValue={(x) => setPapers({ ...papers, [v.id]: { roadworthyUntil: v.roadworthyUntil ?? '', ...papers[v.id], insuranceUntil: x } })} />
                <DateInput label={t('vehicles.fields.roadworthyUntil')} value={papers[v.id]?.roadworthyUntil ?? v.roadworthyUntil ?? ''}
                  onValue={(x) => setPapers({ ...papers, [v.id]: { insuranceUntil: v.insuranceUntil ?? '', ...papers[v.id], roadworthyUntil: x } })} />
                <Button type="submit" variant="secondary">{t('vehicles.savePapers')}</Button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {vehicles.length === 0 && <p>{t('vehicles.none')}</p>}

      <section class="card" aria-labelledby="vehicles-calendar">
        <h2 id="vehicles-calendar">{t('vehicles.calendar')}</h2>
        {byDay.size === 0 && <p>{t('vehicles.noBookings')}</p>}
        {[...byDay].map(([day, list]) => (
          <div key={day}>
            <h3>{formatDate(day, locale)}</h3>
            <ul>
              {list.map((x) => (
                <li key={x.id} data-testid="vehicle-booking">
                  {x.vehicleLabel} — {x.driverName} · {formatDateTime(x.startsAt, locale)} → {formatDateTime(x.endsAt, locale)}{x.purpose && ` · ${x.purpose}`}
                  {(manage || x.driverId === me.id) && <>
                    {' '}<Button variant="secondary" onClick={() => setEditing(editing === x.id ? null : x.id)} testId="booking-edit-open">{t('vehicles.edit.booking')}</Button>
                    {' '}<Button variant="secondary" onClick={() => act(() => vehiclesApi.cancel(x.id), t('vehicles.cancelled'))}>{t('vehicles.cancel')}</Button>
                  </>}
                  {editing === x.id && <BookingEditForm booking={x} act={act} onClose={() => setEditing(null)} />}
                </li>
              ))}
            </ul>
          </div>
        ))}
        <form onSubmit={(e) => {
          e.preventDefault();
          void act(() => vehiclesApi.book({ ...b, startsAt: localToIso(b.startsAt), endsAt: localToIso(b.endsAt) }), t('vehicles.booked'));
        }}>
          <h3>{t('vehicles.book')}</h3>
          <SelectField label={t('vehicles.fields.vehicle')} value={b.itemId} onValue={(v) => setB((x) => ({ ...x, itemId: v }))} options={vehicleOptions} />
          <SelectField label={t('vehicles.fields.driver')} value={b.driverId} onValue={(v) => setB((x) => ({ ...x, driverId: v }))} options={peopleOptions} />
          <DateTimeInput label={t('vehicles.fields.from')} value={b.startsAt} onValue={(v) => setB((x) => ({ ...x, startsAt: v }))} required testId="booking-from" />
          <DateTimeInput label={t('vehicles.fields.to')} value={b.endsAt} onValue={(v) => setB((x) => ({ ...x, endsAt: v }))} required testId="booking-to" />
          <TextField label={t('vehicles.fields.purpose')} value={b.purpose} onValue={(v) => setB((x) => ({ ...x, purpose: v }))} maxLength={300} />
          <Button type="submit" testId="booking-submit">{t('vehicles.bookAction')}</Button>
        </form>
      </section>

      <section class="card" aria-labelledby="vehicles-logbook">
        <h2 id="vehicles-logbook">{t('vehicles.logbook')}</h2>
        {open.map((x) => {
          const e = ending[x.id] ?? { endedAt: '', kmEnd: '' };
          return (
            <form key={x.id} onSubmit={(ev) => { ev.preventDefault(); void act(() => vehiclesApi.endTrip(x.id, { endedAt: localToIso(e.endedAt), kmEnd: Number(e.kmEnd) }), t('vehicles.tripEnded')); }}>
              <p><strong>{x.vehicleLabel}</strong> — {x.driverName} · {t('vehicles.outSince', { date: formatDateTime(x.startedAt, locale), km: x.kmStart })}</p>
              <DateTimeInput label={t('vehicles.fields.back')} value={e.endedAt} onValue={(v) => setEnding({ ...ending, [x.id]: { ...e, endedAt: v } })} required />
              <NumberInput label={t('vehicles.fields.kmEnd')} value={e.kmEnd} step="1" onValue={(v) => setEnding({ ...ending, [x.id]: { ...e, kmEnd: v } })} />
              <Button type="submit">{t('vehicles.endTrip')}</Button>
            </form>
          );
        })}
        <form onSubmit={(e) => {
          e.preventDefault();
          void act(() => vehiclesApi.startTrip({ ...trip, startedAt: localToIso(trip.startedAt), kmStart: Number(trip.kmStart) }), t('vehicles.tripStarted'));
        }}>
          <h3>{t('vehicles.startTrip')}</h3>
          <SelectField label={t('vehicles.fields.vehicle')} value={trip.itemId} onValue={(v) => setTrip((x) => ({ ...x, itemId: v }))} options={vehicleOptions} />
          <SelectField label={t('vehicles.fields.driver')} value={trip.driverId} onValue={(v) => setTrip((x) => ({ ...x, driverId: v }))} options={peopleOptions} />
          <DateTimeInput label={t('vehicles.fields.departure')} value={trip.startedAt} onValue={(v) => setTrip((x) => ({ ...x, startedAt: v }))} required />
          <NumberInput label={t('vehicles.fields.kmStart')} value={trip.kmStart} step="1" onValue={(v) => setTrip((x) => ({ ...x, kmStart: v }))} />
          <TextField label={t('vehicles.fields.purpose')} value={trip.purpose} onValue={(v) => setTrip((x) => ({ ...x, purpose: v }))} required maxLength={300} />
          <Button type="submit">{t('vehicles.startTripAction')}</Button>
        </form>
        <ul>
          {trips.slice(0, 20).map((x) => (
            <li key={x.id} data-testid="vehicle-trip">
              {x.vehicleLabel} — {x.driverName} · {formatDateTime(x.startedAt, locale)} → {x.endedAt ? formatDateTime(x.endedAt, locale) : '…'}
              {' · '}{x.kmEnd === null ? t('vehicles.kmAt', { km: x.kmStart }) : t('vehicles.km', { km: x.kmEnd - x.kmStart })} · {x.purpose}
              {(manage || x.driverId === me.id) && <> {' '}<Button variant="link" onClick={() => setCorrecting(correcting === x.id ? null : x.id)}>{t('vehicles.edit.correct')}</Button></>}
              <TripHistory trip={x} />
              {correcting === x.id && <TripCorrectionForm trip={x} act={act} onClose={() => setCorrecting(null)} />}
            </li>
          ))}
        </ul>
      </section>
    </Screen>
  );
}
