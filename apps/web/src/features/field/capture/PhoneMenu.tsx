import { useState } from 'preact/hooks';
import { useT } from '../../../i18n';
import { getAll } from '../../../offline/db';
import { lock, wipe } from '../../../offline/idb';
import { IDLE_CHOICES, idleMinutes, setIdleMinutes } from '../../../offline/idle';
import { syncNow } from '../../../offline/sync';

/** Lock now, the idle time, and "wipe this phone" (unsent work is sent first when there is a network). */
export function PhoneMenu() {
  const t = useT();
  const [minutes, setMinutes] = useState(idleMinutes());
  const [busy, setBusy] = useState(false);
  async function wipePhone() {
    if (!window.confirm(t('phone.menu.wipeConfirm'))) return;
    setBusy(true);
    try {
      if (navigator.onLine) await syncNow().catch(() => undefined);
      const left = (await getAll('outbox')).length;
      if (left > 0 && !window.confirm(t('phone.menu.wipeUnsent', { count: left }))) return;
      await wipe();
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="phone-menu" data-testid="phone-menu">
      <button type="button" class="btn btn-secondary" onClick={lock} data-testid="phone-lock">{t('phone.menu.lock')}</button>
      <label>
        {t('phone.menu.idle')}{' '}
        <select value={String(minutes)} data-testid="phone-idle" onChange={(e) => {
          const n = Number((e.target as HTMLSelectElement).value);
          setMinutes(n);
          setIdleMinutes(n);
        }}>
          {IDLE_CHOICES.map((n) => <option key={n} value={String(n)}>{t('phone.menu.minutes', { n })}</option>)}
        </select>
      </label>
      <button type="button" class="btn btn-danger" disabled={busy} onClick={() => void wipePhone()} data-testid="phone-wipe">{t('phone.menu.wipe')}</button>
    </section>
  );
}
