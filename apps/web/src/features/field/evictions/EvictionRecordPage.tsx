import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { WitnessStatementLink } from '../../legal/WitnessStatementPage';
import { formatDate, formatDateTime } from '../capture/format';
import { EvictionIncidents } from '../capture/EvictionIncidents';
import { EvictionFacts, termLabeller } from './EvictionFacts';
import { EvictionHistory } from './EvictionHistory';
import { EvidenceThumbnails } from './EvidenceThumbnails';
import { evictionsApi, type EvictionPageView } from './evictionsApi';
import './records.css';

/**
 * One eviction whole, for everyone whose role may see it: where dashboard drill-downs, site
 * timelines, case links and the review queue land. The actions shown are the server's reading
 * of the permission table for this record and this reader.
 */
export function EvictionRecordPage() {
  const t = useT();
  const locale = useLocale();
  const { route } = useLocation();
  const { params } = useRoute();
  const id = params.id!;
  const [page, setPage] = useState<EvictionPageView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const load = () => evictionsApi.page(id).then((p) => { setPage(p); setError(null); }, (e) => setError(t('records.eviction.loadFailed', { message: errorMessage(e) })));
  useEffect(() => { setPage(null); setMessage(null); void load(); }, [id]);

  async function act(work: () => Promise<unknown>, done: string | null) {
    setError(null);
    try {
      await work();
      setMessage(done);
      setRejecting(false);
      await load();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  /** Verifying moves on to the next record waiting, so a coordinator works through the queue from full views. */
  async function verifyAndNext(p: EvictionPageView) {
    setError(null);
    try {
      await evictionsApi.verify(id, p.eviction.version);
      const queue = await evictionsApi.queue();
      const next = queue.evictions.find((e) => e.id !== id);
      if (next) route(`/evictions/${next.id}`);
      else { setMessage(t('records.eviction.queueDone')); await load(); }
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  const e = page?.eviction;
  const term = termLabeller(page?.terms ?? [], locale);
  const title = e ? t('records.eviction.title', { site: `${e.site.code} — ${e.site.name}`, date: formatDate(e.arrivedAt, locale) }) : t('field.review.title');
  return (
    <Screen title={title}>
      <FormError message={error} />
      <StatusMessage message={message} />
      {page && e && (
        <>
          {e.mergedInto && <p class="notice">{t('records.eviction.mergedInto')} <a href={`/evictions/${e.mergedInto}`}>{t('records.eviction.openMerged')}</a></p>}
          {page.openConflicts > 0 && (
            <p class="notice" data-testid="record-conflicts">
              {t('records.eviction.conflicts', { count: page.openConflicts })}{' '}
              {page.actions.resolveConflicts && <a href={`/evictions/${id}/conflicts`} data-testid="resolve-conflicts">{t('records.eviction.resolveConflicts')}</a>}
            </p>
          )}
          <div class="actions">
            {page.actions.verify && <Button onClick={() => void verifyAndNext(page)} testId="record-verify">{t('records.eviction.verifyNext')}</Button>}
            {page.actions.reject && <Button variant="danger" onClick={() => setRejecting(true)} testId="record-reject">{t('field.review.reject')}</Button>}
            {page.actions.openCase && <a class="btn btn-secondary" href={`/legal/cases/new?evictionId=${id}`} data-testid="open-legal-case">{t('legalCases.cases.open')}</a>}
            {page.actions.witnessStatement && <WitnessStatementLink evictionId={id} />}
            {page.actions.verify && <a href="/review">{t('records.eviction.backToQueue')}</a>}
          </div>
          {rejecting && (
            <div class="section">
              <TextField label={t('field.review.reason')} value={reason} onValue={setReason} maxLength={2000} testId="review-reason" />
              <Button variant="danger" disabled={reason.trim().length < 3} onClick={() => void act(() => evictionsApi.reject(id, e.version, reason.trim()), t('field.review.rejected'))} testId="review-reject-confirm">
                {t('field.review.confirmReject')}
              </Button>
            </div>
          )}
          <section class="record-operation">
            <p>
              <a href={`/operations/${page.operation.id}`} data-testid="record-operation-link">{t('records.eviction.operation', { date: formatDate(page.operation.startedAt, locale) })}</a> —{' '}
              {t('records.eviction.observers')} : {page.operation.observers.map((o) => o.displayName).join(', ') || '—'}
            </p>
          </section>
          <EvictionFacts e={e} term={term} testId="record-facts" />
          <h2>{t('records.eviction.incidents')}</h2>
          {/* Coordinators get the review's incident list (with its photos); other readers the page's own. */}
          {page.actions.verify || page.actions.reject ? <EvictionIncidents evictionId={id} /> : (
            page.incidents.length === 0 ? <p class="muted">{t('records.eviction.none')}</p> : (
            <ul data-testid="record-incidents">
              {page.incidents.map((i) => (
                <li key={i.id}>
                  <a href={`/incidents/${i.id}`} data-testid="record-incident-link">
                    {t('records.eviction.incidentLine', { kind: t(`field.incident.kind.${i.kind}`), type: term(i.kind === 'violence' ? 'incident_type' : 'obstruction_type', i.incidentType), time: formatDateTime(i.occurredAt, locale) })}
                  </a>
                  {i.unit && ` (${i.unit})`}
                  {i.description && <p>{i.description}</p>}
                  {i.victims.length > 0 && <p>{t('records.eviction.victims', { names: i.victims.map((v) => v.pseudonym).join(', ') })}</p>}
                  {i.evidence.stored > 0 && <p class="muted">{t('records.eviction.evidenceCount', { count: i.evidence.stored })}</p>}
                </li>
              ))}
            </ul>
          ))}
          <h2>{t('records.eviction.evidence')}</h2>
          <EvidenceThumbnails items={page.evidence} readOriginals={page.actions.readOriginals} />
          {page.actions.openCase && (
            <>
              <h2>{t('records.eviction.cases')}</h2>
              {page.cases.length === 0 ? <p class="muted">{t('records.eviction.noCases')}</p> : (
                <ul data-testid="record-cases">{page.cases.map((c) => <li key={c.id}><a href={`/legal/cases/${c.id}`}>{c.title}</a> ({(t as (k: string) => string)(`legalCases.statuses.${c.status}`)})</li>)}</ul>
              )}
            </>
          )}
          {page.duplicates.length > 0 && (
            <section data-testid="record-duplicates">
              <h2>{t('records.eviction.duplicates')}</h2>
              <div class="side-by-side">
                <EvictionFacts e={e} term={term} />
                {page.duplicates.map((d) => (
                  <div key={d.id}>
                    <EvictionFacts e={d} term={term} testId="duplicate-facts" />
                    {page.actions.merge && (
                      <div class="actions">
                        <Button variant="secondary" onClick={() => void act(() => evictionsApi.merge(id, [d.id]), t('field.review.merged'))} testId="merge-keep-this">{t('records.eviction.keepThis')}</Button>
                        <Button variant="secondary" onClick={() => void evictionsApi.merge(d.id, [id]).then(() => route(`/evictions/${d.id}`), (err) => setError(errorMessage(err)))} testId="merge-keep-other">{t('records.eviction.keepOther')}</Button>
                      </div>
                    )}
                  </div>
                ))}
              </div>
            </section>
          )}
          <h2>{t('records.eviction.history')}</h2>
          <EvictionHistory versions={page.history} term={term} />
        </>
      )}
    </Screen>
  );
}
