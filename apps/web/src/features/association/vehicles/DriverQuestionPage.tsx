import { useEffect, useState } from 'preact/hooks';
import { formatDateTime } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { DateTimeInput, localToIso } from './DateTimeInput';
import { vehiclesApi, type DriverAnswer, type VehicleView } from './vehiclesApi';

/**
 * A traffic fine arrived: who was driving this car at that moment? The logbook answers, else the
 * booking (said so). Each question is audited: the answer names a person to the authorities.
 */
export function DriverQuestionPage() {
  const t = useT();
  const locale = useLocale();
  const [vehicles, setVehicles] = useState<VehicleView[]>([]);
  const [itemId, setItemId] = useState('');
  const [at, setAt] = useState('');
  const [answer, setAnswer] = useState<DriverAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { vehiclesApi.vehicles(true).then((v) => { setVehicles(v); setItemId(v[0]?.id ?? ''); }).catch((e: unknown) => setError(errorMessage(e))); }, []);
  const ask = (e: Event) => {
    e.preventDefault();
    setError(null);
    vehiclesApi.whoDrove(itemId, localToIso(at)).then(setAnswer).catch((err: unknown) => setError(errorMessage(err)));
  };
  return (
    <Screen title={t('vehicles.driver.title')} narrow>
      <p><a href="/association/vehicles">{t('vehicles.back')}</a></p>
      <p>{t('vehicles.driver.intro')}</p>
      <form onSubmit={ask}>
        <SelectField label={t('vehicles.fields.vehicle')} value={itemId} onValue={setItemId}
          options={vehicles.map((v) => ({ value: v.id, label: `${v.label}${v.plate ? ` (${v.plate})` : ''}${v.state === 'retired' || v.state === 'lost' ? ` — ${t('vehicles.outOfService')}` : ''}` }))} />
        <DateTimeInput label={t('vehicles.driver.at')} value={at} onValue={setAt} required testId="driver-at" />
        <Button type="submit" testId="driver-ask">{t('vehicles.driver.ask')}</Button>
      </form>
      <FormError message={error} />
      {answer && (
        <section class="card" data-testid="driver-answer" aria-live="polite">
          <h2>{answer.driver
            ? t(`vehicles.driver.answer_${answer.driver.source}`, { name: answer.driver.name, vehicle: answer.vehicle.label, at: formatDateTime(answer.at, locale) })
            : t('vehicles.driver.nobody', { vehicle: answer.vehicle.label, at: formatDateTime(answer.at, locale) })}</h2>
          <ul>
            {answer.trips.map((x) => <li key={x.id}>{t('vehicles.driver.trip', { name: x.driverName, from: formatDateTime(x.startedAt, locale), to: x.endedAt ? formatDateTime(x.endedAt, locale) : '…', purpose: x.purpose })}</li>)}
            {answer.bookings.map((x) => <li key={x.id}>{t('vehicles.driver.booking', { name: x.driverName, from: formatDateTime(x.startsAt, locale), to: formatDateTime(x.endsAt, locale) })}</li>)}
          </ul>
        </section>
      )}
    </Screen>
  );
}
