import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatDateTime, formatMonth, type BoardHomeView } from '@vigie/domain/rules';
import { api } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { HomeCard } from './HomeCard';

/**
 * The board's home (bureau): what the association has published and its life — meetings to come,
 * actions still open, job postings open, loans overdue — from one call the server composes out of
 * each module's service. A section the person's roles do not cover is absent; an empty one says so.
 */
export function BoardHome() {
  const t = useT();
  const locale = useLocale();
  const [home, setHome] = useState<BoardHomeView | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => { api.get<BoardHomeView>('/api/association/board-home').then(setHome, () => setFailed(true)); }, []);
  if (failed) return <HomeCard title={t('office.home.board.title')} testId="home-published"><p>{t('office.home.board.failed')}</p></HomeCard>;
  if (!home) return null;
  const empty = (text: string) => <p class="muted">{text}</p>;
  return (
    <>
      <HomeCard title={t('office.home.board.title')} testId="home-published">
        {home.bulletins && (
          <>
            <h3>{t('office.home.board.bulletins')}</h3>
            {home.bulletins.length === 0 ? empty(t('office.home.board.noBulletins')) : (
              <ul class="rows" data-testid="home-bulletins">
                {home.bulletins.map((b) => (
                  <li key={b.id}>
                    <a class="row-link" href={`/communication/bulletins/${b.id}`}>
                      <strong>{b.areaName}</strong><span>{formatMonth(b.month, locale)}</span>
                      <span class="chip chip-verified">{t('office.home.comms.published', { date: formatDate(b.publishedAt, locale) })}</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        {home.pressReleases && (
          <>
            <h3>{t('office.home.board.pressReleases')}</h3>
            {home.pressReleases.length === 0 ? empty(t('office.home.board.noPressReleases')) : (
              <ul class="rows" data-testid="home-press-releases">
                {home.pressReleases.map((r) => (
                  <li key={r.id} class="row"><strong>{r.title}</strong><span>{t('office.home.board.sent', { date: formatDate(r.sentAt, locale) })}</span></li>
                ))}
              </ul>
            )}
          </>
        )}
        {home.reports && (
          <>
            <h3>{t('office.home.board.reports')}</h3>
            {home.reports.length === 0 ? empty(t('office.home.board.noReports')) : (
              <ul class="rows">
                {home.reports.map((r) => (
                  <li key={r.id}><a class="row-link" href="/reports/annual"><strong>{t(`office.home.board.report.${r.yearKind}`, { year: r.year, previous: r.year - 1 })}</strong></a></li>
                ))}
              </ul>
            )}
          </>
        )}
      </HomeCard>
      <HomeCard title={t('office.home.board.association')} testId="home-association">
        <h3>{t('office.home.board.meetings')}</h3>
        {home.meetings?.length ? (
          <ul class="rows" data-testid="home-meetings">
            {home.meetings.map((m) => (
              <li key={m.id}><a class="row-link" href={`/association/meetings/${m.id}`}><strong>{m.title}</strong><span>{formatDateTime(m.startsAt, locale)}</span></a></li>
            ))}
          </ul>
        ) : empty(t('office.home.board.noMeetings'))}
        <h3>{t('office.home.board.actions')}</h3>
        {home.actions?.length ? (
          <ul class="rows" data-testid="home-actions">
            {home.actions.map((a) => (
              <li key={a.id}>
                <a class="row-link" href={`/association/meetings/${a.meetingId}`}>
                  <strong>{a.title}</strong><span>{t('office.home.board.actionOwner', { name: a.ownerName, date: formatDate(a.dueOn, locale) })}</span>
                  {a.overdue && <span class="chip chip-rejected">{t('office.home.legal.late')}</span>}
                </a>
              </li>
            ))}
          </ul>
        ) : empty(t('office.home.board.noActions'))}
        {home.postings && (
          <>
            <h3>{t('office.home.board.postings')}</h3>
            {home.postings.length === 0 ? empty(t('office.home.board.noPostings')) : (
              <ul class="rows" data-testid="home-postings">
                {home.postings.map((p) => (
                  <li key={p.id}><a class="row-link" href={`/association/postings/${p.id}`}><strong>{p.title}</strong><span>{t('office.home.board.closes', { date: formatDate(p.closesOn, locale) })}</span></a></li>
                ))}
              </ul>
            )}
          </>
        )}
        {home.overdueLoans && (
          <>
            <h3>{t('office.home.board.loans')}</h3>
            {home.overdueLoans.length === 0 ? empty(t('office.home.board.noLoans')) : (
              <ul class="rows" data-testid="home-loans">
                {home.overdueLoans.map((l) => (
                  <li key={l.id}>
                    <a class="row-link" href="/association/equipment">
                      <strong>{l.borrowerName}</strong><span>{l.items.join(', ')}</span>
                      <span class="chip chip-rejected">{t('office.home.board.due', { date: formatDate(l.dueOn, locale) })}</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        <p><a href="/association">{t('office.home.board.openAssociation')}</a></p>
      </HomeCard>
    </>
  );
}
