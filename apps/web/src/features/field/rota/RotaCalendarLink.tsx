import { useEffect, useState } from 'preact/hooks';
import type { RotaCalendarFeedView } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { rotaApi } from './rotaApi';

type FeedCalls = { feed: () => Promise<RotaCalendarFeedView>; createFeed: () => Promise<RotaCalendarFeedView>; revokeFeed: () => Promise<unknown> };

/** The person's secret link to their shifts. */
export function RotaCalendarLink() {
  return <SecretCalendarLink calls={rotaApi} keys="rota.calendar" testId="rota-ical" />;
}

/**
 * A secret calendar link (the rota's shifts, the communication pole's editorial calendar — one
 * server mechanism, rota-calendar.ts): shown once when created, then only "active since … until
 * …"; renewable and revocable. `keys` holds the texts (title, help, revoked… as under rota.calendar).
 */
export function SecretCalendarLink({ calls, keys, testId }: { calls: FeedCalls; keys: 'rota.calendar' | 'campaigns.ical' | 'taskBoard.ical'; testId: string }) {
  const t = useT();
  const locale = useLocale();
  const [state, setState] = useState<RotaCalendarFeedView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => { calls.feed().then(setState, (e) => setError(errorMessage(e))); }, [calls]);
  const run = (work: () => Promise<void>) => { setError(null); setStatus(null); return work().catch((e) => setError(errorMessage(e))); };
  const create = () => run(async () => { setState(await calls.createFeed()); });
  const revoke = () => run(async () => {
    await calls.revokeFeed();
    setState({ active: false, createdAt: null, expiresAt: null, url: null });
    setStatus(t(`${keys}.revoked`));
  });
  const copy = (url: string) => run(async () => { await navigator.clipboard.writeText(url); setStatus(t(`${keys}.copied`)); });
  const date = (iso: string) => new Date(iso).toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
  return (
    <section aria-labelledby={`${testId}-title`} class="rota-calendar">
      <h2 id={`${testId}-title`}>{t(`${keys}.title`)}</h2>
      <p>{t(`${keys}.help`)}</p>
      <FormError message={error} />
      <StatusMessage message={status} />
      {state?.url && (
        <div class="legal-ical-url">
          <p>{t(`${keys}.shownOnce`)}</p>
          <input readOnly value={state.url} aria-label={t(`${keys}.title`)} data-testid={`${testId}-url`} onFocus={(e) => e.currentTarget.select()} />
          <Button variant="secondary" onClick={() => copy(state.url!)}>{t(`${keys}.copy`)}</Button>
        </div>
      )}
      {state && !state.url && (
        <p>{state.active && state.createdAt && state.expiresAt
          ? t(`${keys}.active`, { from: date(state.createdAt), until: date(state.expiresAt) })
          : t(`${keys}.none`)}</p>
      )}
      <p>
        <Button variant="secondary" onClick={create} testId={`${testId}-create`}>{state?.active ? t(`${keys}.renew`) : t(`${keys}.create`)}</Button>{' '}
        {state?.active && <Button variant="danger" onClick={revoke} testId={`${testId}-revoke`}>{t(`${keys}.revoke`)}</Button>}
      </p>
    </section>
  );
}
