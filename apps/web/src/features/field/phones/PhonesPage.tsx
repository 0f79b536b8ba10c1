import { useEffect, useState } from 'preact/hooks';
import type { DeviceView, PhoneSettings } from '@vigie/domain/rules';
import { api, errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import type { Area } from '../../../offline/types';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { formatDateTime } from '../capture/format';

interface Observer { userId: string; displayName: string; role: string; areaIds: string[] }

/**
 * A coordinator decides what observers' phones hold (their areas, how many days of evictions)
 * and revokes a lost or seized phone (docs/PHONE-SECURITY.md).
 */
export function PhonesPage() {
  const t = useT();
  const locale = useLocale();
  const [days, setDays] = useState('');
  const [areas, setAreas] = useState<Area[]>([]);
  const [observers, setObservers] = useState<Observer[]>([]);
  const [devices, setDevices] = useState<DeviceView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([
      api.get<PhoneSettings>('/api/field/phone-settings'), api.get<{ areas: Area[] }>('/api/field/reference'),
      api.get<{ observers: Observer[] }>('/api/field/observer-areas'), api.get<{ devices: DeviceView[] }>('/api/field/devices'),
    ]).then(([s, ref, o, d]) => {
      setDays(String(s.prefillDays));
      setAreas(ref.areas);
      setObservers(o.observers);
      setDevices(d.devices);
    }, (e) => setError(errorMessage(e)));
  }, []);
  const run = async (work: () => Promise<void>, done: string) => {
    setError(null);
    setMessage(null);
    try {
      await work();
      setMessage(done);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const saveDays = () => run(async () => {
    await api.put('/api/field/phone-settings', { prefillDays: Number(days) });
  }, t('phone.admin.saved'));
  const toggle = (o: Observer, areaId: string) => run(async () => {
    const next = o.areaIds.includes(areaId) ? o.areaIds.filter((a) => a !== areaId) : [...o.areaIds, areaId];
    const res = await api.put<{ areaIds: string[] }>(`/api/field/observer-areas/${o.userId}`, { areaIds: next });
    setObservers((list) => list.map((x) => (x.userId === o.userId ? { ...x, areaIds: res.areaIds } : x)));
  }, t('phone.admin.saved'));
  const revoke = (d: DeviceView) => run(async () => {
    if (!window.confirm(t('phone.admin.revokeConfirm', { name: d.displayName, label: d.label }))) throw new Error(t('phone.admin.cancelled'));
    setDevices((await api.post<{ devices: DeviceView[] }>(`/api/field/devices/${d.id}/revoke`, {})).devices);
  }, t('phone.admin.revoked'));

  return (
    <Screen title={t('phone.admin.title')}>
      <FormError message={error} />
      <StatusMessage message={message} />
      <section>
        <h2>{t('phone.admin.daysTitle')}</h2>
        <p class="muted">{t('phone.admin.daysHint')}</p>
        <label>
          {t('phone.admin.days')}{' '}
          <input type="number" min={1} max={90} value={days} onInput={(e) => setDays((e.target as HTMLInputElement).value)} data-testid="phones-days" />
        </label>{' '}
        <Button onClick={() => void saveDays()} testId="phones-days-save">{t('phone.admin.save')}</Button>
      </section>
      <section>
        <h2>{t('phone.admin.areasTitle')}</h2>
        <p class="muted">{t('phone.admin.areasHint')}</p>
        <table class="table">
          <thead><tr><th>{t('phone.admin.observer')}</th>{areas.map((a) => <th key={a.id}>{a.name}</th>)}</tr></thead>
          <tbody>
            {observers.map((o) => (
              <tr key={o.userId}>
                <td>{o.displayName}{o.areaIds.length === 0 && <span class="muted"> · {t('phone.admin.allAreas')}</span>}</td>
                {areas.map((a) => (
                  <td key={a.id}><input type="checkbox" aria-label={`${o.displayName} — ${a.name}`} checked={o.areaIds.includes(a.id)} onChange={() => void toggle(o, a.id)} /></td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2>{t('phone.admin.devicesTitle')}</h2>
        {devices.length === 0 ? <p class="muted">{t('phone.admin.noDevices')}</p> : (
          <ul class="rows">
            {devices.map((d) => (
              <li key={d.id} data-testid="phones-device">
                <strong>{d.displayName}</strong> · {d.label} · {t('phone.admin.lastSeen', { date: formatDateTime(d.lastSeenAt, locale) })}
                {d.wipedAt ? <span class="chip">{t('phone.admin.wiped', { date: formatDateTime(d.wipedAt, locale) })}</span>
                  : d.revokedAt ? <span class="chip chip-warn">{t('phone.admin.waitingWipe')}</span>
                  : <Button variant="secondary" onClick={() => void revoke(d)} testId="phones-revoke">{t('phone.admin.revoke')}</Button>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Screen>
  );
}
