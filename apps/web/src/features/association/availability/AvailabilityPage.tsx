import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { DAY_PARTS, WEEKDAYS, type DayPart } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { hasPermission, useUser } from '../../identity/auth/session';
import { availabilityApi, type AvailabilityView } from './availabilityApi';
import './availability.css';

type Away = AvailabilityView['away'][number];

/**
 * My availability (phone-first): a grid of the week's days × parts of day (the dawn convoy slot
 * first) to tick, dates away, a short note; saved all at once. At /association/availability/:id a
 * coordinator edits someone else's with the same form.
 */
export function AvailabilityPage() {
  const t = useT();
  const { params } = useRoute();
  const personId = params.id;
  const manager = hasPermission(useUser(), 'association.manage');
  const [view, setView] = useState<AvailabilityView | null>(null);
  const [slots, setSlots] = useState<Set<string>>(new Set());
  const [away, setAway] = useState<Away[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const show = (v: AvailabilityView) => {
    setView(v); setSlots(new Set(v.slots.map((s) => `${s.weekday}:${s.part}`))); setAway(v.away); setNote(v.note);
  };
  useEffect(() => {
    (personId ? availabilityApi.of(personId) : availabilityApi.mine()).then(show, (e) => setError(errorMessage(e)));
  }, [personId]);
  const toggle = (key: string) => setSlots((s) => { const n = new Set(s); if (n.has(key)) n.delete(key); else n.add(key); return n; });
  async function save() {
    setError(null); setStatus(null); setBusy(true);
    const input = {
      slots: [...slots].map((k) => { const [w, p] = k.split(':'); return { weekday: Number(w), part: p! }; }),
      away, note,
    };
    try {
      show(await (personId ? availabilityApi.saveOf(personId, input) : availabilityApi.saveMine(input)));
      setStatus(t('availability.saved'));
    } catch (e) { setError(errorMessage(e)); } finally { setBusy(false); }
  }
  const title = personId && view ? t('availability.titleOf', { name: view.person.displayName }) : t('availability.title');
  return (
    <Screen title={title} narrow>
      <p>
        <a href="/association">{t('association.back')}</a>
        {manager && <> · <a href="/association/availability/week" data-testid="availability-week-link">{t('availability.week.link')}</a></>}
      </p>
      <p class="muted">{t('availability.intro')}</p>
      <FormError message={error} />
      <StatusMessage message={status} />
      {view && (
        <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <fieldset>
            <legend>{t('availability.slots')}</legend>
            <table class="availability-grid" data-testid="availability-grid">
              <thead>
                <tr><th scope="col"><span class="visually-hidden">{t('availability.day')}</span></th>
                  {DAY_PARTS.map((p) => <th key={p} scope="col">{t(`availability.part.${p}`)}</th>)}</tr>
              </thead>
              <tbody>
                {WEEKDAYS.map((w) => (
                  <tr key={w}>
                    <th scope="row">{t(`availability.weekday.${w}`)}</th>
                    {DAY_PARTS.map((p) => (
                      <td key={p}>
                        <input type="checkbox" aria-label={`${t(`availability.weekday.${w}`)} · ${t(`availability.part.${p}`)}`} data-testid={`slot-${w}-${p}`}
                          checked={slots.has(`${w}:${p}`)} onChange={() => toggle(`${w}:${p}`)} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </fieldset>
          <AwayList away={away} onAway={setAway} />
          <TextField label={t('availability.note')} hint={t('availability.noteHint')} value={note} onValue={setNote} maxLength={500} testId="availability-note" />
          <Button type="submit" busy={busy} testId="availability-save">{t('availability.save')}</Button>
        </form>
      )}
    </Screen>
  );
}

function AwayList({ away, onAway }: { away: Away[]; onAway: (a: Away[]) => void }) {
  const t = useT();
  const set = (i: number, change: Partial<Away>) => onAway(away.map((a, j) => (j === i ? { ...a, ...change } : a)));
  return (
    <fieldset>
      <legend>{t('availability.away')}</legend>
      {away.length === 0 && <p class="muted">{t('availability.awayNone')}</p>}
      {away.map((a, i) => (
        <div class="availability-away" key={i}>
          <label>{t('availability.from')}<input type="date" required value={a.startsOn} onInput={(e) => set(i, { startsOn: (e.currentTarget as HTMLInputElement).value })} /></label>
          <label>{t('availability.to')}<input type="date" required value={a.endsOn} onInput={(e) => set(i, { endsOn: (e.currentTarget as HTMLInputElement).value })} /></label>
          <label>{t('availability.awayNote')}<input type="text" maxLength={200} value={a.note} onInput={(e) => set(i, { note: (e.currentTarget as HTMLInputElement).value })} /></label>
          <Button variant="secondary" onClick={() => onAway(away.filter((_, j) => j !== i))}>{t('availability.awayRemove')}</Button>
        </div>
      ))}
      <Button variant="secondary" testId="availability-away-add" onClick={() => onAway([...away, { startsOn: '', endsOn: '', note: '' }])}>{t('availability.awayAdd')}</Button>
    </fieldset>
  );
}
