import { useEffect, useState } from 'preact/hooks';
import type { RotaCalendarFeedView } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { rotaApi } from './rotaApi';

/**
 * The person's secret calendar link of their shifts (like the legal pole's deadlines link):
 * shown once when created, then only "active since … until …"; renewable and revocable.
 */
export function RotaCalendarLink() {
  const t = useT();
  const locale = useLocale();
  const [state, setState] = useState<RotaCalendarFeedView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => { rotaApi.feed().then(setState, (e) => setError(errorMessage(e))); }, []);
  const run = (work: () => Promise<void>) => { setError(null); setStatus(null); return work().catch((e) => setError(errorMessage(e))); };
  const create = () => run(async () => { setState(await rotaApi.createFeed()); });
  const revoke = () => run(async () => {
    await rotaApi.revokeFeed();
    setState({ active: false, createdAt: null, expiresAt: null, url: null });
    setStatus(t('rota.calendar.revoked'));
  });
  const copy = (url: string) => run(async () => { await navigator.clipboard.writeText(url); setStatus(t('rota.calendar.copied')); });
  const date = (iso: string) => new Date(iso).toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
  return (
    <section aria-labelledby="rota-ical-title" class="rota-calendar">
      <h2 id="rota-ical-title">{t('rota.calendar.title')}</h2>
      <p>{t('rota.calendar.help')}</p>
      <FormError message={error} />
      <StatusMessage message={status} />
      {state?.url && (
        <div class="legal-ical-url">
          <p>{t('rota.calendar.shownOnce')}</p>
          <input readOnly value={state.url} aria-label={t('rota.calendar.title')} data-testid="rota-ical-url" onFocus={(e) => e.currentTarget.select()} />
          <Button variant="secondary" onClick={() => copy(state.url!)}>{t('rota.calendar.copy')}</Button>
        </div>
      )}
      {state && !state.url && (
        <p>{state.active && state.createdAt && state.expiresAt
          ? t('rota.calendar.active', { from: date(state.createdAt), until: date(state.expiresAt) })
          : t('rota.calendar.none')}</p>
      )}
      <p>
        <Button variant="secondary" onClick={create} testId="rota-ical-create">{state?.active ? t('rota.calendar.renew') : t('rota.calendar.create')}</Button>{' '}
        {state?.active && <Button variant="danger" onClick={revoke} testId="rota-ical-revoke">{t('rota.calendar.revoke')}</Button>}
      </p>
    </section>
  );
}
