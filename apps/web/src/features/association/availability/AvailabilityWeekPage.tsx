import { useEffect, useState } from 'preact/hooks';
import { formatDate } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { availabilityApi, type AvailabilityWeek } from './availabilityApi';
import './availability.css';

const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * For coordinators filling the rota: a chosen week, each day with who is available at each part
 * of day (the dawn convoy first), away days and former people left out; then everyone with what
 * they said, those who said nothing included, each a link to edit theirs.
 */
export function AvailabilityWeekPage() {
  const t = useT();
  const locale = useLocale();
  const [week, setWeek] = useState<AvailabilityWeek | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = (date?: string) => { setError(null); availabilityApi.week(date).then(setWeek, (e) => setError(errorMessage(e))); };
  useEffect(() => { load(); }, []);
  return (
    <Screen title={t('availability.week.title')} narrow>
      <p><a href="/association">{t('association.back')}</a> · <a href="/rota">{t('availability.week.rota')}</a> · <a href="/association/availability">{t('availability.title')}</a></p>
      <FormError message={error} />
      {week && (
        <>
          <div class="availability-week-nav">
            <Button variant="secondary" testId="availability-week-previous" onClick={() => load(shift(week.monday, -7))}>{t('availability.week.previous')}</Button>
            <label>{t('availability.week.of')}
              <input type="date" value={week.monday} data-testid="availability-week-date" onChange={(e) => { if ((e.currentTarget as HTMLInputElement).value) load((e.currentTarget as HTMLInputElement).value); }} />
            </label>
            <Button variant="secondary" testId="availability-week-next" onClick={() => load(shift(week.monday, 7))}>{t('availability.week.next')}</Button>
          </div>
          <ul class="cards" data-testid="availability-week">
            {week.days.map((d) => (
              <li class="card" key={d.date}>
                <h2>{formatDate(d.date, locale, { style: 'long' })}</h2>
                <dl class="availability-day">
                  {d.parts.map((p) => (
                    <div key={p.part}>
                      <dt>{t(`availability.part.${p.part}`)}</dt>
                      <dd data-testid={`available-${d.date}-${p.part}`}>{p.people.length === 0 ? <span class="muted">{t('availability.week.nobody')}</span> : p.people.map((x) => x.displayName).join(', ')}</dd>
                    </div>
                  ))}
                </dl>
              </li>
            ))}
          </ul>
          <h2>{t('availability.week.people')}</h2>
          <ul class="availability-people">
            {week.people.map((p) => (
              <li key={p.person.id}>
                <a href={`/association/availability/${p.person.id}`}>{p.person.displayName}</a>
                {' — '}{p.updatedAt === null ? t('availability.week.neverSaid') : t('availability.week.slotCount', { count: String(p.slotCount) })}
                {p.awayThisWeek.map((a) => <span key={a.startsOn}> · {t('availability.week.awayFromTo', { from: formatDate(a.startsOn, locale), to: formatDate(a.endsOn, locale) })}{a.note ? ` (${a.note})` : ''}</span>)}
                {p.note && <p class="muted">{p.note}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
    </Screen>
  );
}
