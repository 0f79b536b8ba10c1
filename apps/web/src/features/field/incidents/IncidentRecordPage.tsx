import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { FormError } from '../../../ui/FormError';
import { WitnessStatementLink } from '../../legal/WitnessStatementPage';
import { formatDate, formatDateTime } from '../capture/format';
import { EvidenceThumbnails } from '../evictions/EvidenceThumbnails';
import { termLabeller, type TermLabel } from '../evictions/EvictionFacts';
import { RecordHistory, useHistoryWording } from '../evictions/RecordHistory';
import { incidentsApi, type IncidentPageView } from './incidentsApi';
import '../evictions/records.css';

/**
 * One incident whole, for the office: what was recorded (victims by pseudonym only), the eviction
 * and operation it happened in, its evidence (publication copies as thumbnails), cases and history.
 */
export function IncidentRecordPage() {
  const t = useT();
  const locale = useLocale();
  const id = useRoute().params.id!;
  const [page, setPage] = useState<IncidentPageView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setPage(null);
    incidentsApi.page(id).then(setPage, (e) => setError(t('records.incident.loadFailed', { message: errorMessage(e) })));
  }, [id]);
  const term = termLabeller(page?.terms ?? [], locale);
  const i = page?.incident;
  const typeKind = i?.kind === 'obstruction' ? 'obstruction_type' : 'incident_type';
  const tt = t as (k: string) => string;
  return (
    <Screen title={i ? t('records.incident.title', { type: term(typeKind, i.incidentType), date: formatDate(i.occurredAt, locale) }) : t('records.incident.history')}>
      <FormError message={error} />
      {page && i && (
        <>
          <div class="actions">
            {page.actions.witnessStatement && (page.eviction ? <WitnessStatementLink evictionId={page.eviction.id} /> : <WitnessStatementLink incidentId={i.id} />)}
            {page.actions.openCase && (
              <a class="btn btn-secondary" href={`/legal/cases/new?incidentId=${i.id}`} data-testid="incident-open-case">{t('records.incident.openCase')}</a>
            )}
          </div>
          <dl class="summary" data-testid="incident-facts">
            <dt>{t('records.incident.kind')}</dt><dd>{tt(`field.incident.kind.${i.kind}`)}</dd>
            <dt>{t('records.incident.type')}</dt><dd>{term(typeKind, i.incidentType)}</dd>
            <dt>{t('records.incident.occurredAt')}</dt><dd>{formatDateTime(i.occurredAt, locale)}</dd>
            {i.unit && <><dt>{t('records.incident.unit')}</dt><dd>{i.unit}</dd></>}
            {i.description && <><dt>{t('records.incident.description')}</dt><dd>{i.description}</dd></>}
            {i.victims.length > 0 && (
              <>
                <dt>{t('records.incident.victims')}</dt>
                <dd>{i.victims.map((v) => (v.minor === null ? v.pseudonym : `${v.pseudonym} (${v.minor ? t('records.incident.minor') : t('records.incident.adult')})`)).join(', ')}</dd>
              </>
            )}
            {page.eviction && (
              <>
                <dt>{t('records.incident.during')}</dt>
                <dd><a href={`/evictions/${page.eviction.id}`} data-testid="incident-eviction">{page.eviction.site.code} — {page.eviction.site.name}, {formatDateTime(page.eviction.arrivedAt, locale)}</a></dd>
              </>
            )}
            {page.operation && (
              <>
                <dt>{t('records.incident.operation')}</dt>
                <dd>
                  <a href={`/operations/${page.operation.id}`}>{t('records.operation.title', { date: formatDate(page.operation.startedAt, locale) })}</a>
                  {page.operation.observers.length > 0 && ` — ${page.operation.observers.map((o) => o.displayName).join(', ')}`}
                </dd>
              </>
            )}
            {page.place && (
              <>
                <dt>{t('records.incident.outside')}</dt>
                <dd data-testid="incident-place">{placeWords(page.place)}</dd>
                <dt>{t('records.incident.status')}</dt>
                <dd data-testid="incident-status">
                  {i.status && tt(`records.incident.statuses.${i.status}`)}
                  {i.status === 'rejected' && i.rejectionReason && ` — ${i.rejectionReason}`}
                </dd>
              </>
            )}
          </dl>
          {page.actions.review && <IncidentReview incident={i} onDone={() => incidentsApi.page(id).then(setPage, () => undefined)} />}
          <h2>{t('records.incident.evidence')}</h2>
          <EvidenceThumbnails items={page.evidence} readOriginals={page.actions.readOriginals} />
          {page.actions.openCase && (
            <>
              <h2>{t('records.incident.cases')}</h2>
              {page.cases.length === 0 ? <p class="muted">{t('records.incident.noCases')}</p> : (
                <ul data-testid="incident-cases">{page.cases.map((c) => <li key={c.id}><a href={`/legal/cases/${c.id}`}>{c.title}</a> ({tt(`legalCases.statuses.${c.status}`)})</li>)}</ul>
              )}
            </>
          )}
          <h2>{t('records.incident.history')}</h2>
          <IncidentHistory page={page} term={term} />
        </>
      )}
    </Screen>
  );
}

/** Where an incident outside an eviction happened: area, then the site or the place in words. */
export function placeWords(p: NonNullable<IncidentPageView['place']>): string {
  return [p.area.name, p.site ? `${p.site.code} — ${p.site.name}` : null, p.place].filter(Boolean).join(', ');
}

/** A coordinator's decision on an incident outside an eviction: verify it, or send it back with a reason. */
function IncidentReview({ incident, onDone }: { incident: IncidentPageView['incident']; onDone: () => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const act = (p: Promise<unknown>) => p.then(() => { setError(null); setReason(''); onDone(); }, (e) => setError(errorMessage(e)));
  return (
    <section class="card" data-testid="incident-review">
      <FormError message={error} />
      {incident.status === 'submitted' && (
        <button type="button" class="btn btn-primary" onClick={() => act(incidentsApi.verify(incident.id, incident.version))} data-testid="incident-verify">
          {t('records.incident.verify')}
        </button>
      )}
      {incident.status !== 'rejected' && (
        <div class="field">
          <label for="incident-reject-reason">{t('records.incident.rejectReason')}</label>
          <textarea id="incident-reject-reason" rows={2} maxLength={2000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          <button type="button" class="btn btn-secondary" disabled={reason.trim().length < 3}
            onClick={() => act(incidentsApi.reject(incident.id, incident.version, reason.trim()))} data-testid="incident-reject">
            {t('records.incident.reject')}
          </button>
        </div>
      )}
    </section>
  );
}

const FIELD_OF: Record<string, string> = {
  kind: 'kind', incidentType: 'type', occurredAt: 'occurredAt', unit: 'unit', description: 'description', victims: 'victims',
  place: 'place', status: 'status', rejectionReason: 'rejectReason',
};

/** The incident's versions as sentences: its type by label, victims by pseudonym. */
function IncidentHistory({ page, term }: { page: IncidentPageView; term: TermLabel }) {
  const t = useT();
  const tt = t as (k: string) => string;
  const wording = useHistoryWording((f) => (FIELD_OF[f] ? tt(`records.incident.${FIELD_OF[f]}`) : null), term, { created: t('records.incident.created') });
  const typeKind = page.incident.kind === 'obstruction' ? 'obstruction_type' : 'incident_type';
  const show = (field: string, v: unknown) => {
    if (field === 'victims' && Array.isArray(v)) return (v as Array<{ pseudonym?: string }>).map((x) => x.pseudonym ?? '?').join(', ');
    if (field === 'incidentType' && typeof v === 'string') return term(typeKind, v);
    if (field === 'kind' && typeof v === 'string') return tt(`field.incident.kind.${v}`);
    return v;
  };
  return <RecordHistory versions={page.history} wording={wording} show={show} testId="incident-history" />;
}
