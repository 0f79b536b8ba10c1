import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { Button } from '../../ui/Button';
import { FormError, StatusMessage } from '../../ui/FormError';
import { formatDay, legalApi } from './legalApi';

/** The user's secret iCal link: shown once when created, then only "active since"; revocable. */
export function CalendarFeedLink() {
  const t = useT();
  const locale = useLocale();
  const [state, setState] = useState<{ active: boolean; createdAt: string | null; url: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => { legalApi.feed().then(setState, (e) => setError(errorMessage(e))); }, []);
  const run = (work: () => Promise<void>) => work().catch((e) => setError(errorMessage(e)));
  const create = () => run(async () => { setState(await legalApi.createFeed()); });
  const revoke = () => run(async () => { await legalApi.revokeFeed(); setState({ active: false, createdAt: null, url: null }); });
  const copy = (url: string) => run(async () => { await navigator.clipboard.writeText(url); setStatus(t('legalCases.calendar.copied')); });
  return (
    <section aria-labelledby="legal-ical-title">
      <h2 id="legal-ical-title">{t('legalCases.calendar.ical')}</h2>
      <p>{t('legalCases.calendar.icalHelp')}</p>
      <FormError message={error} />
      <StatusMessage message={status} />
      {state?.url && (
        <div class="legal-ical-url">
          <p>{t('legalCases.calendar.icalShownOnce')}</p>
          <input readOnly value={state.url} aria-label={t('legalCases.calendar.ical')} data-testid="ical-url" onFocus={(e) => e.currentTarget.select()} />
          <Button variant="secondary" onClick={() => copy(state.url!)}>{t('legalCases.calendar.copy')}</Button>
        </div>
      )}
      {state && !state.url && <p>{state.active && state.createdAt ? t('legalCases.calendar.icalActive', { date: formatDay(state.createdAt.slice(0, 10), locale, 'short') }) : t('legalCases.calendar.icalNone')}</p>}
      <p>
        <Button variant="secondary" onClick={create} testId="ical-create">{state?.active ? t('legalCases.calendar.icalRenew') : t('legalCases.calendar.icalCreate')}</Button>{' '}
        {state?.active && <Button variant="danger" onClick={revoke} testId="ical-revoke">{t('legalCases.calendar.icalRevoke')}</Button>}
      </p>
    </section>
  );
}
