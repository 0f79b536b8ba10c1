import { useEffect, useState } from 'preact/hooks';
import { formatDate, parisDate } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { meetingsApi } from '../meetings/meetingsApi';
import { DateInput } from '../postings/fields';
import { staysApi, type HouseCalendar } from './staysApi';
import './stays.css';

const DAYS = 14;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The flat and the offices: each room's beds over the next two weeks (a strip of nights, the
 * occupant's initials in each), who stays when, and a stay form — a bed already taken one of
 * those nights is refused with who sleeps there.
 */
export function StaysPage() {
  const t = useT();
  const locale = useLocale();
  const [from, setFrom] = useState(parisDate(new Date()));
  const [calendar, setCalendar] = useState<HouseCalendar | null>(null);
  const [people, setPeople] = useState<Array<{ id: string; displayName: string }>>([]);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [s, setS] = useState({ bedId: '', personId: '', guestName: '', arrivesOn: '', leavesOn: '' });
  const load = (day = from) => staysApi.calendar(day, DAYS).then((c) => {
    setCalendar(c);
    setS((x) => ({ ...x, bedId: x.bedId || c.rooms[0]?.beds[0]?.id || '' }));
  }).catch((e: unknown) => setError(errorMessage(e)));
  // Those who keep the house (house.manage) also run meetings: the member list is theirs.
  useEffect(() => { void load(); meetingsApi.members().then(setPeople).catch(() => undefined); }, []);
  const move = (n: number) => { const d = addDays(from, n); setFrom(d); void load(d); };
  const nights = Array.from({ length: DAYS }, (_, i) => addDays(from, i));
  const act = (work: () => Promise<unknown>, done: string) => {
    setError(null); setStatus(null);
    return work().then(() => { setStatus(done); return load(); }).catch((e: unknown) => setError(errorMessage(e)));
  };
  const submit = (e: Event) => {
    e.preventDefault();
    void act(() => staysApi.add({
      bedId: s.bedId, personId: s.personId || null, guestName: s.personId ? null : s.guestName || null, arrivesOn: s.arrivesOn, leavesOn: s.leavesOn,
    }), t('stays.added'));
  };
  const bedOptions = (calendar?.rooms ?? []).flatMap((r) => r.beds.map((b) => ({ value: b.id, label: `${r.room} — ${b.label}` })));

  return (
    <Screen title={t('stays.title')}>
      <p><a href="/association">{t('house.back')}</a> · <a href="/association/equipment">{t('stays.bedsInInventory')}</a></p>
      <FormError message={error} />
      <StatusMessage message={status} />
      <p>
        <Button variant="secondary" onClick={() => move(-DAYS)}>{t('stays.earlier')}</Button>{' '}
        <Button variant="secondary" onClick={() => move(DAYS)}>{t('stays.later')}</Button>
      </p>
      {calendar?.rooms.length === 0 && <p>{t('stays.noBeds')}</p>}
      {calendar?.rooms.map((room) => (
        <section key={room.room} class="card">
          <h2>{room.room}</h2>
          <div class="table-scroll">
            <table class="stays-grid">
              <thead><tr><th scope="col">{t('stays.bed')}</th>{nights.map((n) => <th key={n} scope="col">{n.slice(8)}</th>)}</tr></thead>
              <tbody>
                {room.beds.map((bed) => (
                  <tr key={bed.id} data-testid="stay-bed">
                    <th scope="row">{bed.label}</th>
                    {nights.map((n) => {
                      const stay = bed.stays.find((x) => x.arrivesOn <= n && n < x.leavesOn);
                      return <td key={n} title={stay?.name}>{stay ? stay.name.split(/\s+/).map((w) => w[0]).join('').slice(0, 2) : ''}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul>
            {room.beds.flatMap((bed) => bed.stays.map((x) => (
              <li key={x.id} data-testid="stay">
                {bed.label} — {x.name} · {t('stays.span', { from: formatDate(x.arrivesOn, locale), to: formatDate(x.leavesOn, locale) })}{' '}
                <Button variant="secondary" onClick={() => act(() => staysApi.remove(x.id), t('stays.removed'))}>{t('stays.remove')}</Button>
              </li>
            )))}
          </ul>
        </section>
      ))}
      <form class="card" onSubmit={submit}>
        <h2>{t('stays.add')}</h2>
        <SelectField label={t('stays.bed')} value={s.bedId} onValue={(v) => setS({ ...s, bedId: v })} options={bedOptions} />
        <SelectField label={t('stays.person')} value={s.personId} onValue={(v) => setS({ ...s, personId: v })}
          options={[{ value: '', label: t('stays.guest') }, ...people.map((p) => ({ value: p.id, label: p.displayName }))]} />
        {!s.personId && <TextField label={t('stays.guestName')} value={s.guestName} onValue={(v) => setS({ ...s, guestName: v })} maxLength={120} />}
        <DateInput label={t('stays.arrives')} value={s.arrivesOn} onValue={(v) => setS({ ...s, arrivesOn: v })} required />
        <DateInput label={t('stays.leaves')} value={s.leavesOn} onValue={(v) => setS({ ...s, leavesOn: v })} required />
        <Button type="submit" testId="stay-submit">{t('stays.addAction')}</Button>
      </form>
    </Screen>
  );
}
