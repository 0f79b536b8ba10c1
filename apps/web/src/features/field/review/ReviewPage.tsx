import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { EvictionFacts, termLabeller } from '../evictions/EvictionFacts';
import { evictionsApi, type EvictionRowView, type FailedPublicCopyView, type ReviewQueueView } from '../evictions/evictionsApi';
import { formatDateTime } from '../capture/format';
import { api } from '../../../api/client';
import type { Reference } from '../../../offline/types';
import '../capture/field.css';
import '../evictions/records.css';

/**
 * Coordinators: every submitted eviction shown whole, probable duplicates first and side by
 * side as full records. "Open in full" leads to the record's page, where verifying moves on.
 */
export function ReviewPage() {
  const t = useT();
  const locale = useLocale();
  const [queue, setQueue] = useState<ReviewQueueView | null>(null);
  const [failedCopies, setFailedCopies] = useState<FailedPublicCopyView[]>([]);
  const [terms, setTerms] = useState<Reference['terms']>([]);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const load = async () => {
    try {
      setQueue(await evictionsApi.queue());
      // Background work that failed for good: photos left without their publication copy.
      setFailedCopies(await evictionsApi.failedCopies());
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useEffect(() => {
    void load();
    // Labels of the lists; the queue still shows codes without them.
    api.get<Pick<Reference, 'terms'>>('/api/field/reference').then((r) => setTerms(r.terms), () => undefined);
  }, []);
  const term = termLabeller(terms, locale);
  const byId = new Map([...(queue?.evictions ?? []), ...(queue?.related ?? [])].map((e) => [e.id, e]));
  const inGroup = new Set((queue?.duplicateGroups ?? []).flat());

  async function merge(keepId: string, group: string[]) {
    setError(null);
    try {
      await evictionsApi.merge(keepId, group.filter((id) => id !== keepId));
      setMessage(t('field.review.merged'));
      await load();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function retryCopy(id: string) {
    setError(null);
    try {
      await evictionsApi.retryCopy(id);
      setMessage(t('records.review.copyRetried'));
      await load();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  const record = (e: EvictionRowView) => (
    <div key={e.id} data-testid="review-row">
      <EvictionFacts e={e} term={term} />
      <a class="btn btn-secondary" href={`/evictions/${e.id}`} data-testid="review-open">{t('records.review.open')}</a>
    </div>
  );

  return (
    <Screen title={t('field.review.title')}>
      <FormError message={error} />
      <StatusMessage message={message} />
      {queue && <p data-testid="review-waiting">{t('records.review.waiting', { count: queue.evictions.length })}</p>}
      {queue && queue.duplicateGroups.length > 0 && (
        <section data-testid="duplicate-groups">
          <h2>{t('field.review.duplicates')}</h2>
          <p class="field-hint">{t('field.review.duplicateHint')}</p>
          {queue.duplicateGroups.map((g) => (
            <div class="side-by-side" key={g.join()} data-testid="duplicate-group">
              {g.map((id) => byId.get(id)).filter((e): e is EvictionRowView => Boolean(e)).map((e) => (
                <div key={e.id}>
                  {record(e)}
                  <Button variant="secondary" onClick={() => void merge(e.id, g)} testId="merge-keep">{t('field.review.keep')}</Button>
                </div>
              ))}
            </div>
          ))}
        </section>
      )}
      {failedCopies.length > 0 && (
        <section data-testid="failed-copies">
          <h2>{t('records.review.failedCopies')}</h2>
          <p class="field-hint">{t('records.review.failedCopiesHint')}</p>
          <ul>
            {failedCopies.map((f) => (
              <li key={f.id} data-testid="failed-copy">
                {f.evictionId ? <a href={`/evictions/${f.evictionId}`}>{t('records.review.failedCopy', { name: f.originalName, when: formatDateTime(f.failedAt, locale) })}</a>
                  : t('records.review.failedCopy', { name: f.originalName, when: formatDateTime(f.failedAt, locale) })}
                {' '}<Button variant="secondary" onClick={() => void retryCopy(f.id)} testId="failed-copy-retry">{t('records.eviction.retryPublicCopy')}</Button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {queue && queue.evictions.length === 0 && <p class="muted">{t('field.review.empty')}</p>}
      <div class="rows">{queue?.evictions.filter((e) => !inGroup.has(e.id)).map(record)}</div>
    </Screen>
  );
}
