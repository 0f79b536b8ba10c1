import { useEffect, useState } from 'preact/hooks';
import type { RotaAreaView, RotaDayView, RotaRole, RotaShiftState, RotaView } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { hasPermission, useUser } from '../../identity/auth/session';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { Checkbox } from '../../../ui/Checkbox';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { RotaCalendarLink } from './RotaCalendarLink';
import { rotaApi } from './rotaApi';

/**
 * The observation rota on a phone: the coming days per area, who is on each shift, a warning
 * when a shift is short (never a block), signing up or withdrawing in one tap, offering one's
 * place and taking over a place someone offers, and "rien à signaler" for a day one was out
 * and saw no eviction. Coordinators also reassign places, mark no-shows, and edit the rule
 * (expected weekdays, team size) and the exceptions. Everyone can subscribe their calendar.
 */
export function RotaPage() {
  const t = useT();
  const manager = hasPermission(useUser(), 'association.manage');
  const [view, setView] = useState<RotaView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const load = () => rotaApi.view().then(setView, (e) => setError(errorMessage(e)));
  useEffect(() => { void load(); }, []);

  async function act(work: () => Promise<unknown>, done: string) {
    setError(null); setStatus(null);
    try {
      const result = await work();
      // A change that leaves the shift short says so: a warning, the change is made.
      const missing = (result as RotaShiftState | null)?.missing;
      const short = missing && (missing.observers > 0 || missing.drivers > 0);
      setStatus(short ? `${done} ${t('rota.nowShort', { observers: missing.observers, drivers: missing.drivers })}` : done);
      await load();
    } catch (e) { setError(errorMessage(e)); }
  }

  return (
    <Screen title={t('rota.title')}>
      <p>{t('rota.intro')}</p>
      <p>
        <a href="/association/availability" data-testid="rota-my-availability">{t('availability.link')}</a>
        {manager && <> · <a href="/association/availability/week" data-testid="rota-availability-week">{t('availability.week.link')}</a></>}
      </p>
      <FormError message={error} />
      <StatusMessage message={status} />
      {view?.areas.map((area) => (
        <section key={area.id} class="rota-area" data-testid={`rota-area-${area.code}`}>
          <h2>{area.name}</h2>
          <ul class="rota-days">
            {area.days.filter((d) => d.day >= addDays(view.today, -7)).map((d) => (
              <RotaDay key={d.day} area={area} day={d} act={act} manager={manager} members={view.members} />
            ))}
          </ul>
          {manager && <RuleForm area={area} act={act} />}
        </section>
      ))}
      <RotaCalendarLink />
    </Screen>
  );
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

type Act = (work: () => Promise<unknown>, done: string) => Promise<void>;

function RotaDay({ area, day: d, act, manager, members }: { area: RotaAreaView; day: RotaDayView; act: Act; manager: boolean; members: RotaView['members'] }) {
  const t = useT();
  const locale = useLocale();
  const me = d.people.find((p) => p.me);
  const label = new Date(`${d.day}T12:00:00Z`).toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  const observed = d.operationRecorded || d.nothingToReport;
  const short = d.expected && !d.past && (d.missing.observers > 0 || d.missing.drivers > 0);
  const sign = (role: RotaRole) => act(() => rotaApi.signUp(area.code, d.day, role), t('rota.signedUp'));
  return (
    <li class={`rota-day${d.today ? ' rota-today' : ''}`} data-testid={`rota-day-${area.code}-${d.day}`}>
      <strong>{d.today ? `${t('rota.today')} — ${label}` : label}</strong>
      <span class="muted"> · {d.expected ? t('rota.expected') : d.exception ? t('rota.exception', { reason: d.exception }) : t('rota.notExpected')}</span>
      {d.people.length > 0 && (
        <ul class="rota-people">
          {d.people.map((p) => (
            <li key={p.userId}>
              {p.name} ({t(`rota.roles.${p.role}`)}{p.noShow ? `, ${t('rota.noShow')}` : ''}){p.offered && !d.past ? ` — ${t('rota.placeOffered')}` : ''}
              {p.offered && !p.me && !me && !d.past && (
                <> <Button variant="secondary" testId="rota-take" ariaLabel={t('rota.takeFor', { name: p.name })}
                  onClick={() => act(() => rotaApi.take(area.code, d.day, p.userId), t('rota.taken', { name: p.name }))}>{t('rota.take')}</Button></>
              )}
              {manager && (d.past || d.today) && (
                <> <Button variant="link" ariaLabel={`${p.noShow ? t('rota.markPresent') : t('rota.markNoShow')} — ${p.name}`}
                  onClick={() => act(() => rotaApi.noShow(area.code, d.day, p.userId, !p.noShow), t('rota.noShowSaved'))}>
                  {p.noShow ? t('rota.markPresent') : t('rota.markNoShow')}
                </Button></>
              )}
            </li>
          ))}
        </ul>
      )}
      {short && (
        <p class="warning" role="status">{t('rota.short', { observers: d.missing.observers, drivers: d.missing.drivers })}</p>
      )}
      {observed && <p class="ok">{d.operationRecorded ? t('rota.operationRecorded') : t('rota.nothingReported')}</p>}
      <div class="rota-actions">
        {!d.past && !me && <Button variant="secondary" testId="rota-sign-up" onClick={() => sign('observer')}>{t('rota.signUp')}</Button>}
        {!d.past && !me && <Button variant="secondary" onClick={() => sign('driver')}>{t('rota.signUpDriver')}</Button>}
        {!d.past && me && (
          <Button variant="secondary" testId="rota-offer" onClick={() => act(() => rotaApi.offer(area.code, d.day, !me.offered), me.offered ? t('rota.offerWithdrawn') : t('rota.offered'))}>
            {me.offered ? t('rota.keepPlace') : t('rota.offer')}
          </Button>
        )}
        {!d.past && me && <Button variant="link" onClick={() => act(() => rotaApi.withdraw(area.code, d.day), t('rota.withdrawn'))}>{t('rota.withdraw')}</Button>}
        {me && (d.past || d.today) && !observed && (
          <Button testId="rota-nothing-to-report" onClick={() => act(() => rotaApi.nothingToReport(area.code, d.day), t('rota.nothingReported'))}>
            {t('rota.nothingToReport')}
          </Button>
        )}
      </div>
      {manager && !d.past && d.people.length > 0 && <ReassignForm area={area} day={d} act={act} members={members} />}
    </li>
  );
}

function ReassignForm({ area, day: d, act, members }: { area: RotaAreaView; day: RotaDayView; act: Act; members: RotaView['members'] }) {
  const t = useT();
  const candidates = members.filter((m) => !d.people.some((p) => p.userId === m.userId));
  const [from, setFrom] = useState(d.people[0]!.userId);
  const [to, setTo] = useState(candidates[0]?.userId ?? '');
  if (candidates.length === 0) return null;
  return (
    <details class="rota-reassign">
      <summary>{t('rota.reassign.title')}</summary>
      <form onSubmit={(e) => { e.preventDefault(); void act(() => rotaApi.reassign(area.code, d.day, from, to), t('rota.reassign.done')); }}>
        <SelectField label={t('rota.reassign.from')} value={from} onValue={setFrom} options={d.people.map((p) => ({ value: p.userId, label: `${p.name} (${t(`rota.roles.${p.role}`)})` }))} />
        <SelectField label={t('rota.reassign.to')} value={to} onValue={setTo} options={candidates.map((m) => ({ value: m.userId, label: m.name }))} />
        <Button type="submit" variant="secondary">{t('rota.reassign.submit')}</Button>
      </form>
    </details>
  );
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

function RuleForm({ area, act }: { area: RotaAreaView; act: Act }) {
  const t = useT();
  const [weekdays, setWeekdays] = useState<number[]>(area.rule?.weekdays ?? [1, 2, 3, 4, 5, 6, 7]);
  const [minObservers, setMinObservers] = useState(String(area.rule?.minObservers ?? 2));
  const [minDrivers, setMinDrivers] = useState(String(area.rule?.minDrivers ?? 1));
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const toggle = (d: number, on: boolean) => setWeekdays(on ? [...weekdays, d] : weekdays.filter((x) => x !== d));
  return (
    <details class="rota-rule">
      <summary>{t('rota.rule.title')}</summary>
      <form onSubmit={(e) => { e.preventDefault(); void act(() => rotaApi.saveRule(area.code, weekdays, Number(minObservers) || 0, Number(minDrivers) || 0), t('rota.rule.saved')); }}>
        <fieldset>
          <legend>{t('rota.rule.weekdays')}</legend>
          {WEEKDAYS.map((d) => <Checkbox key={d} label={t(`rota.weekdays.${d}`)} checked={weekdays.includes(d)} onChecked={(on) => toggle(d, on)} />)}
        </fieldset>
        <TextField label={t('rota.rule.minObservers')} value={minObservers} inputMode="numeric" onValue={setMinObservers} />
        <TextField label={t('rota.rule.minDrivers')} value={minDrivers} inputMode="numeric" onValue={setMinDrivers} />
        <Button type="submit" variant="secondary">{t('rota.rule.save')}</Button>
      </form>
      <h3>{t('rota.exceptions.title')}</h3>
      <ul>
        {area.exceptions.map((x) => (
          <li key={x.id}>{x.from} → {x.to} : {x.reason}{' '}
            <Button variant="link" onClick={() => act(() => rotaApi.removeException(x.id), t('rota.exceptions.removed'))}>{t('rota.exceptions.remove')}</Button>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => { e.preventDefault(); void act(() => rotaApi.addException(area.code, from, to || from, reason), t('rota.exceptions.added')); }}>
        <TextField label={t('rota.exceptions.from')} value={from} onValue={setFrom} />
        <TextField label={t('rota.exceptions.to')} value={to} onValue={setTo} />
        <TextField label={t('rota.exceptions.reason')} value={reason} onValue={setReason} />
        <Button type="submit" variant="secondary">{t('rota.exceptions.add')}</Button>
      </form>
    </details>
  );
}
