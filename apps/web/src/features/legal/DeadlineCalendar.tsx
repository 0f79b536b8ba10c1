import { useEffect, useMemo, useState } from 'preact/hooks';
import { errorMessage } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { Button } from '../../ui/Button';
import { FormError } from '../../ui/FormError';
import { formatMonth, parisDate } from '@vigie/domain/rules';
import { DeadlineLists } from './DeadlineLists';
import { legalApi, type DeadlineView } from './legalApi';

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m + 1)}-${pad(d)}`;

/** A month grid (Monday first) of every case's deadlines; a passed one is marked "échéance dépassée". */
export function DeadlineCalendar() {
  const t = useT();
  const locale = useLocale();
  const now = new Date();
  const [month, setMonth] = useState({ y: now.getFullYear(), m: now.getMonth() });
  const [deadlines, setDeadlines] = useState<DeadlineView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [lists, setLists] = useState<DeadlineView[] | null>(null);
  const today = parisDate(new Date());
  useEffect(() => {
    // Overdue ones however old (a year back) and the next three months, whatever month the grid shows.
    const back = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
    const ahead = new Date(Date.parse(`${today}T12:00:00Z`) + 92 * 86_400_000).toISOString().slice(0, 10);
    legalApi.deadlines(`from=${back}&to=${ahead}`).then(setLists, (e) => setError(errorMessage(e)));
  }, []);
  const days = new Date(month.y, month.m + 1, 0).getDate();
  const lead = (new Date(month.y, month.m, 1).getDay() + 6) % 7;
  useEffect(() => {
    legalApi.deadlines(`from=${iso(month.y, month.m, 1)}&to=${iso(month.y, month.m, days)}`).then(setDeadlines, (e) => setError(errorMessage(e)));
  }, [month.y, month.m]);
  const byDay = useMemo(() => {
    const map = new Map<string, DeadlineView[]>();
    for (const d of deadlines) map.set(d.dueOn, [...(map.get(d.dueOn) ?? []), d]);
    return map;
  }, [deadlines]);
  const shift = (n: number) => setMonth(({ y, m }) => ({ y: m + n < 0 ? y - 1 : m + n > 11 ? y + 1 : y, m: (m + n + 12) % 12 }));
  const title = formatMonth(`${month.y}-${pad(month.m + 1)}`, locale);
  const cells = [...Array(lead).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  return (
    <section aria-labelledby="legal-calendar-title">
      <h2 id="legal-calendar-title">{t('legalCases.calendar.title')}</h2>
      <FormError message={error} />
      <div class="legal-calendar-nav">
        <Button variant="secondary" onClick={() => shift(-1)}>{t('legalCases.calendar.previous')}</Button>
        <strong data-testid="calendar-month">{title}</strong>
        <Button variant="secondary" onClick={() => shift(1)}>{t('legalCases.calendar.next')}</Button>
      </div>
      {lists && <DeadlineLists deadlines={lists} />}
      <h3>{title}</h3>
      {/* A real table structure (rows of seven days) so that assistive technologies can read it. */}
      <div class="legal-calendar" role="table" aria-labelledby="calendar-month">
        <div role="row" class="legal-calendar-row">
          {t('legalCases.calendar.weekdays').split(',').map((w) => <div key={w} class="legal-calendar-head" role="columnheader">{w}</div>)}
        </div>
        {Array.from({ length: Math.ceil(cells.length / 7) }, (_, week) => cells.slice(week * 7, week * 7 + 7)).map((row, week) => (
          <div key={week} role="row" class="legal-calendar-row">
            {[...row, ...Array(7 - row.length).fill(null)].map((day, i) => {
              const date = day ? iso(month.y, month.m, day) : '';
              return (
                <div key={i} class={`legal-calendar-day${date === today ? ' legal-calendar-today' : ''}`} role="cell" aria-current={date === today ? 'date' : undefined}>
                  {day && <span class="legal-calendar-number">{day}</span>}
                  {day && (byDay.get(date) ?? []).map((d) => (
                    <a key={d.id} href={`/legal/cases/${d.caseId}`} class={`legal-deadline legal-deadline-${d.state}`} data-testid="calendar-deadline">
                      {d.state === 'past' && <strong>{t('office.deadlines.late')} : </strong>}{d.label} — {d.caseTitle}
                    </a>
                  ))}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </section>
  );
}
