import { useEffect, useState } from 'preact/hooks';
import { EQUIPMENT_KINDS, formatDate, type EquipmentKind } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { hasPermission, useUser } from '../../identity/auth/session';
import { houseApi, type EquipmentView, type LoanView } from './houseApi';

/** The inventory with what is out and with whom, the offboarding list (what each person still holds), and a quick add. */
export function EquipmentPage() {
  const t = useT();
  const locale = useLocale();
  const me = useUser();
  const [items, setItems] = useState<EquipmentView[] | null>(null);
  const [loans, setLoans] = useState<LoanView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState<EquipmentKind>('field_phone');
  const [label, setLabel] = useState('');
  const [identifier, setIdentifier] = useState('');
  const [location, setLocation] = useState('');
  const [busy, setBusy] = useState(false);
  const [devices, setDevices] = useState<Array<{ id: string; label: string; displayName: string }>>([]);
  const [deviceId, setDeviceId] = useState('');

  const load = () => Promise.all([houseApi.items(), houseApi.openLoans()]).then(([i, l]) => { setItems(i); setLoans(l); }).catch((e: unknown) => setError(errorMessage(e)));
  useEffect(() => {
    void load();
    if (hasPermission(me, 'field.verify')) houseApi.devices().then((d) => setDevices(d.filter((x) => !x.revokedAt))).catch(() => undefined);
  }, []);

  const add = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await houseApi.addItem({ kind, label, identifier: identifier.trim() || null, location, deviceId: kind === 'field_phone' && deviceId ? deviceId : null });
      setLabel(''); setIdentifier(''); setDeviceId('');
      await load();
    } catch (err) { setError(errorMessage(err)); } finally { setBusy(false); }
  };

  const byPerson = new Map<string, LoanView[]>();
  for (const l of loans) byPerson.set(l.borrowerName, [...(byPerson.get(l.borrowerName) ?? []), l]);

  return (
    <Screen title={t('house.title')}>
      <p><a href="/association">{t('house.back')}</a> · <a href="/association/equipment/lend" data-testid="house-lend">{t('house.lend.title')}</a> · <a href="/association/equipment/mine">{t('house.mine.title')}</a></p>
      <FormError message={error} />
      <section class="card" aria-labelledby="house-out">
        <h2 id="house-out">{t('house.out.title')}</h2>
        <p>{t('house.out.intro')}</p>
        {loans.length === 0 && <p>{t('house.out.none')}</p>}
        {[...byPerson].map(([person, list]) => (
          <div key={person} data-testid="house-out-person">
            <h3>{person}</h3>
            <ul>
              {list.map((l) => (
                <li key={l.id}>
                  {l.items.map((i) => i.label).join(', ')} — {t('house.out.since', { date: formatDate(l.outAt, locale) })}
                  {l.dueOn && <> · {t(l.overdue ? 'house.out.overdue' : 'house.out.due', { date: formatDate(l.dueOn, locale) })}</>}
                  {' '}· <a href={`/association/equipment/loans/${l.id}/return`}>{t('house.return.action')}</a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      <section class="card" aria-labelledby="house-inventory">
        <h2 id="house-inventory">{t('house.inventory.title')}</h2>
        {items === null && !error && <p>{t('app.loading')}</p>}
        {items && (
          <ul class="cards">
            {items.map((i) => (
              <li key={i.id} class="card" data-testid="house-item">
                <strong>{i.label}</strong> <span class="card-meta">{t(`house.kind.${i.kind}`)}{i.identifier && ` · ${i.identifier}`}</span>
                <p class="card-meta">
                  {t(`house.state.${i.state}`)}{i.location && ` · ${i.location}`} ·{' '}
                  {i.out ? t('house.inventory.outWith', { name: i.out.borrowerName }) : t('house.inventory.available')}
                </p>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={add}>
          <h3>{t('house.inventory.add')}</h3>
          <SelectField label={t('house.fields.kind')} value={kind} onValue={(v) => setKind(v as EquipmentKind)}
            options={EQUIPMENT_KINDS.map((k) => ({ value: k, label: t(`house.kind.${k}`) }))} />
          <TextField label={t('house.fields.label')} value={label} onValue={setLabel} required maxLength={120} />
          <TextField label={t('house.fields.identifier')} hint={t('house.fields.identifierHint')} value={identifier} onValue={setIdentifier} maxLength={120} />
          <TextField label={t('house.fields.location')} value={location} onValue={setLocation} maxLength={120} />
          {kind === 'field_phone' && devices.length > 0 && (
            <SelectField label={t('house.fields.device')} hint={t('house.fields.deviceHint')} value={deviceId} onValue={setDeviceId}
              options={[{ value: '', label: t('house.fields.noDevice') }, ...devices.map((d) => ({ value: d.id, label: `${d.displayName} — ${d.label}` }))]} />
          )}
          <Button type="submit" busy={busy}>{t('house.inventory.addAction')}</Button>
        </form>
      </section>
    </Screen>
  );
}
