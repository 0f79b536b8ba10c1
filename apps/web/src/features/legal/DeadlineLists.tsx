import { formatDate, parisDate, type DeadlineView } from '@vigie/domain/rules';
import { useLocale, useT } from '../../i18n';

const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / 86_400_000);

/**
 * Deadlines as two lists, overdue first ("En retard", however old) then upcoming, with today's
 * date said: a month grid alone hides a deadline missed last month.
 */
export function DeadlineLists({ deadlines, headingLevel = 3 }: { deadlines: DeadlineView[]; headingLevel?: 2 | 3 }) {
  const t = useT();
  const locale = useLocale();
  const today = parisDate(new Date());
  const overdue = deadlines.filter((d) => d.state === 'past').sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const upcoming = deadlines.filter((d) => d.state === 'upcoming' && d.dueOn >= today).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div class="deadline-lists">
      <p class="muted" data-testid="deadlines-today">{t('office.deadlines.today', { date: formatDate(today, locale, { style: 'long', year: 'always' }) })}</p>
      <H>{t('office.deadlines.overdue')}</H>
      {overdue.length === 0 ? <p>{t('office.deadlines.noOverdue')}</p> : (
        <ul class="item-list" data-testid="deadlines-overdue">
          {overdue.map((d) => (
            <li key={d.id} class="item-overdue">
              <strong class="chip chip-rejected">{t('office.deadlines.late')}</strong>{' '}
              <a href={`/legal/cases/${d.caseId}`}>{d.label} — {d.caseTitle}</a>
              <br />
              <span>{formatDate(d.dueOn, locale, { style: 'long' })} ({t('office.deadlines.daysLate', { count: daysBetween(d.dueOn, today) })})</span>
            </li>
          ))}
        </ul>
      )}
      <H>{t('office.deadlines.upcoming')}</H>
      {upcoming.length === 0 ? <p>{t('office.deadlines.noUpcoming')}</p> : (
        <ul class="item-list" data-testid="deadlines-upcoming">
          {upcoming.map((d) => {
            const n = daysBetween(today, d.dueOn);
            return (
              <li key={d.id}>
                <a href={`/legal/cases/${d.caseId}`}>{d.label} — {d.caseTitle}</a>
                <br />
                <span>{formatDate(d.dueOn, locale, { style: 'long' })} ({n === 0 ? t('office.deadlines.isToday') : t('office.deadlines.inDays', { count: n })})</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
