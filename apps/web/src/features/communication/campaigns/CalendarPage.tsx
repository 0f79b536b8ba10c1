import { useEffect, useMemo, useState } from 'preact/hooks';
import { CALENDAR_POLES, parisDate, type PostStatus } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { SecretCalendarLink } from '../../field/rota/RotaCalendarLink';
import { NETWORK_NAMES } from './PostComposer';
import { campaignsApi, type CalendarItemView, type CampaignSummaryView } from './campaignsApi';
import './campaigns.css';

const pad = (n: number) => String(n).padStart(2, '0');
const monthStart = (month: string) => `${month}-01`;
function monthEnd(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}
function shiftMonth(month: string, by: number) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}
/** The days shown in a month grid: whole weeks, Monday first. */
function gridDays(month: string): string[] {
  const first = new Date(`${monthStart(month)}T12:00:00Z`);
  const lead = (first.getUTCDay() + 6) % 7;
  const days: string[] = [];
  for (let i = -lead; ; i += 1) {
    const d = new Date(first.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    if (i >= 0 && d > monthEnd(month) && days.length % 7 === 0) break;
    days.push(d);
  }
  return days;
}

/**
 * The editorial calendar: posts (planned or published), events and trainings, press releases'
 * embargoes and sends, by month or as an agenda (the default on a phone), filtered per pole and
 * campaign; and the secret iCal link to the same calendar.
 */
export function CalendarPage() {
  const t = useT();
  const locale = useLocale();
  const query = new URLSearchParams(location.search);
  const [month, setMonth] = useState(parisDate(new Date()).slice(0, 7));
  const [view, setView] = useState<'month' | 'agenda'>(typeof window !== 'undefined' && window.innerWidth < 700 ? 'agenda' : 'month');
  const [pole, setPole] = useState('');
  const [campaignId, setCampaignId] = useState(query.get('campaign') ?? '');
  const [campaigns, setCampaigns] = useState<CampaignSummaryView[]>([]);
  const [items, setItems] = useState<CalendarItemView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { campaignsApi.list().then(setCampaigns, () => {}); }, []);
  useEffect(() => {
    setError(null);
    campaignsApi.calendar({ from: monthStart(month), to: monthEnd(month), ...(pole && { pole }), ...(campaignId && { campaignId }) })
      .then(setItems, (e) => setError(errorMessage(e)));
  }, [month, pole, campaignId]);
  const byDay = useMemo(() => {
    const map = new Map<string, CalendarItemView[]>();
    for (const i of items ?? []) map.set(parisDate(i.startsAt), [...(map.get(parisDate(i.startsAt)) ?? []), i]);
    return map;
  }, [items]);
  const lang = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const time = (iso: string) => new Date(iso).toLocaleTimeString(lang, { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });
  const dayLabel = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString(lang, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  const label = (i: CalendarItemView) => (i.kind === 'post'
    ? t('campaigns.calendar.kinds.post', { network: NETWORK_NAMES[i.channel!], title: i.title })
    : t(`campaigns.calendar.kinds.${i.kind}`, { title: i.title }));
  const entry = (i: CalendarItemView) => (
    <a href={i.path} class={`calendar-item calendar-${i.kind}`} data-testid="calendar-item">
      <span class="calendar-time">{time(i.startsAt)}</span> {label(i)}
      {i.kind === 'post' && i.status && <span class={`chip chip-${i.status}`}>{t(`campaigns.post.status.${i.status as PostStatus}`)}</span>}
      {i.kind === 'event' && i.status === 'cancelled' && <span class="chip chip-cancelled">{t('campaigns.event.cancelledShort')}</span>}
    </a>
  );
  const monthName = new Date(`${monthStart(month)}T12:00:00Z`).toLocaleDateString(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return (
    <Screen title={t('campaigns.calendar.title')}>
      <p><a href="/communication/campaigns">{t('campaigns.title')}</a></p>
      <div class="calendar-filters">
        <SelectField label={t('campaigns.calendar.pole')} value={pole} onValue={setPole}
          options={[{ value: '', label: t('campaigns.calendar.allPoles') }, ...CALENDAR_POLES.map((p) => ({ value: p, label: t(`campaigns.poles.${p}`) }))]} />
        <SelectField label={t('campaigns.calendar.campaign')} value={campaignId} onValue={setCampaignId}
          options={[{ value: '', label: t('campaigns.calendar.allCampaigns') }, ...campaigns.map((c) => ({ value: c.id, label: c.name }))]} />
      </div>
      <div class="calendar-nav">
        <Button variant="secondary" onClick={() => setMonth(shiftMonth(month, -1))} ariaLabel={t('campaigns.calendar.previous')}>‹</Button>
        <h2 aria-live="polite">{monthName}</h2>
        <Button variant="secondary" onClick={() => setMonth(shiftMonth(month, 1))} ariaLabel={t('campaigns.calendar.next')}>›</Button>
        <Button variant="link" onClick={() => setView(view === 'month' ? 'agenda' : 'month')} testId="calendar-view">
          {view === 'month' ? t('campaigns.calendar.asAgenda') : t('campaigns.calendar.asMonth')}</Button>
      </div>
      <FormError message={error} />
      {view === 'agenda' && (
        <div class="calendar-agenda" data-testid="calendar-agenda">
          {items?.length === 0 && <p>{t('campaigns.calendar.empty')}</p>}
          {[...byDay.entries()].map(([day, list]) => (
            <section key={day}>
              <h3>{dayLabel(day)}</h3>
              <ul class="rows">{list.map((i) => <li key={i.uid} class="row">{entry(i)}{i.campaignName && <span class="field-hint"> {i.campaignName}</span>}</li>)}</ul>
            </section>
          ))}
        </div>
      )}
      {view === 'month' && (
        <ol class="calendar-month" aria-label={monthName} data-testid="calendar-month">
          {gridDays(month).slice(0, 7).map((day) => (
            <li key={`h-${day}`} class="calendar-weekday" aria-hidden="true">
              {new Date(`${day}T12:00:00Z`).toLocaleDateString(lang, { weekday: 'short', timeZone: 'UTC' })}
            </li>
          ))}
          {gridDays(month).map((day) => (
            <li key={day} class={`calendar-day${day.slice(0, 7) === month ? '' : ' calendar-other'}`}>
              <span class="calendar-date"><span aria-hidden="true">{Number(day.slice(8))}</span><span class="visually-hidden">{dayLabel(day)}</span></span>
              {(byDay.get(day) ?? []).map((i) => <div key={i.uid}>{entry(i)}</div>)}
            </li>
          ))}
        </ol>
      )}
      <SecretCalendarLink calls={campaignsApi} keys="campaigns.ical" testId="campaigns-ical" />
    </Screen>
  );
}
