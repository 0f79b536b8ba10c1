import { useEffect, useState } from 'preact/hooks';
import { formatDateTime } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { hasPermission, useUser } from '../../identity/auth/session';
import { meetingsApi, type MeetingSeriesView, type MeetingSummary } from './meetingsApi';

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
type Weekday = (typeof WEEKDAYS)[number];

/** The series and their meetings; those who run meetings create a series and plan the next one. */
export function MeetingsPage() {
  const t = useT();
  const locale = useLocale();
  const me = useUser();
  const manage = hasPermission(me, 'meetings.manage');
  const [series, setSeries] = useState<MeetingSeriesView[]>([]);
  const [meetings, setMeetings] = useState<MeetingSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [weekday, setWeekday] = useState('1');
  const [time, setTime] = useState('10:00');
  const [template, setTemplate] = useState('');
  const [when, setWhen] = useState<Record<string, string>>({});

  const load = () => Promise.all([meetingsApi.series(), meetingsApi.meetings()]).then(([s, m]) => { setSeries(s); setMeetings(m); }).catch((e: unknown) => setError(errorMessage(e)));
  useEffect(() => { void load(); }, []);
  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    try { await f(); await load(); } catch (e) { setError(errorMessage(e)); }
  };

  return (
    <Screen title={t('meetings.title')}>
      <p><a href="/association">{t('house.back')}</a> · <a href="/association/decisions">{t('meetings.decisions.title')}</a> · <a href="/association/tasks">{t('taskBoard.title')}</a> · <a href="/association/vehicles">{t('vehicles.title')}</a></p>
      <FormError message={error} />
      {series.map((s) => (
        <section key={s.id} class="card">
          <h2>{s.title}</h2>
          <p class="card-meta">{t('meetings.series.slot', { day: t(`meetings.weekday.${String(s.weekday) as Weekday}`), time: s.startTime })}</p>
          {manage && (
            <form onSubmit={(e) => { e.preventDefault(); void act(() => meetingsApi.plan(s.id, { startsAt: new Date(when[s.id]!).toISOString() })); }}>
              <div class="field">
                <label for={`plan-${s.id}`}>{t('meetings.series.next')}</label>
                <input id={`plan-${s.id}`} type="datetime-local" required value={when[s.id] ?? ''} onInput={(e) => setWhen({ ...when, [s.id]: e.currentTarget.value })} />
              </div>
              <Button type="submit">{t('meetings.series.plan')}</Button>
            </form>
          )}
        </section>
      ))}
      <section class="card" aria-labelledby="meetings-list">
        <h2 id="meetings-list">{t('meetings.list')}</h2>
        {meetings?.length === 0 && <p>{t('meetings.none')}</p>}
        <ul>
          {meetings?.map((m) => (
            <li key={m.id}><a href={`/association/meetings/${m.id}`}>{m.title}</a> — {formatDateTime(m.startsAt, locale)} · {t(`meetings.status.${m.status}`)}</li>
          ))}
        </ul>
      </section>
      {manage && (
        <form class="card" onSubmit={(e) => {
          e.preventDefault();
          void act(() => meetingsApi.createSeries({ title, weekday: Number(weekday), startTime: time, agendaTemplate: template.split('\n').map((l) => l.trim()).filter(Boolean) }));
        }}>
          <h2>{t('meetings.series.create')}</h2>
          <TextField label={t('meetings.series.name')} value={title} onValue={setTitle} required maxLength={160} />
          <div class="field">
            <label for="series-weekday">{t('meetings.series.weekday')}</label>
            <select id="series-weekday" value={weekday} onChange={(e) => setWeekday(e.currentTarget.value)}>
              {WEEKDAYS.map((d) => <option key={d} value={d}>{t(`meetings.weekday.${d}`)}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="series-time">{t('meetings.series.time')}</label>
            <input id="series-time" type="time" value={time} onInput={(e) => setTime(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="series-template">{t('meetings.series.template')}</label>
            <p class="field-hint">{t('meetings.series.templateHint')}</p>
            <textarea id="series-template" rows={5} value={template} onInput={(e) => setTemplate(e.currentTarget.value)} />
          </div>
          <Button type="submit">{t('meetings.series.createAction')}</Button>
        </form>
      )}
    </Screen>
  );
}
