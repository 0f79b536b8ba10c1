import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { FormError } from '../../../ui/FormError';
import { WitnessStatementLink } from '../../legal/WitnessStatementPage';
import { formatDate, formatDateTime, formatTime } from '../capture/format';
import { termLabeller, type TermLabel } from '../evictions/EvictionFacts';
import { RecordHistory, useHistoryWording } from '../evictions/RecordHistory';
import { operationsApi, type OperationPageView, type OperationTimelineEntry } from './operationsApi';
import '../evictions/records.css';

/**
 * One operation whole, for the office: its evictions (those the reader may open), observers,
 * timeline and history. Witness statements are made per eviction, by those the server allows.
 */
export function OperationRecordPage() {
  const t = useT();
  const locale = useLocale();
  const id = useRoute().params.id!;
  const [page, setPage] = useState<OperationPageView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setPage(null);
    operationsApi.page(id).then(setPage, (e) => setError(t('records.operation.loadFailed', { message: errorMessage(e) })));
  }, [id]);
  const o = page?.operation;
  const term = termLabeller(page?.terms ?? [], locale);
  return (
    <Screen title={o ? t('records.operation.title', { date: formatDate(o.startedAt, locale) }) : t('records.operation.timeline')}>
      <FormError message={error} />
      {page && o && (
        <>
          {o.createdByName && <p class="muted">{t('records.operation.createdBy', { name: o.createdByName })}</p>}
          <dl class="summary" data-testid="operation-facts">
            <dt>{t('records.operation.area')}</dt><dd>{o.areaName ?? '—'}</dd>
            <dt>{t('records.operation.times')}</dt>
            <dd>{formatDateTime(o.startedAt, locale)} – {o.endedAt ? formatTime(o.endedAt, locale) : t('records.operation.inProgress')}</dd>
            {o.operationType && <><dt>{t('records.operation.type')}</dt><dd>{term('operation_type', o.operationType)}</dd></>}
            {o.officerInCharge && <><dt>{t('records.operation.officer')}</dt><dd>{o.officerInCharge}</dd></>}
            {o.authoritiesPresent && <><dt>{t('records.operation.authorities')}</dt><dd>{o.authoritiesPresent}</dd></>}
            {o.weatherAlert !== null && <><dt>{t('records.operation.weatherAlert')}</dt><dd>{o.weatherAlert ? t('records.eviction.yes') : t('records.eviction.no')}</dd></>}
            {o.notes && <><dt>{t('records.operation.notes')}</dt><dd>{o.notes}</dd></>}
            <dt>{t('records.operation.observers')}</dt>
            <dd data-testid="operation-observers">{page.observers.map((x) => x.displayName).join(', ') || '—'}</dd>
          </dl>
          <h2>{t('records.operation.evictions')}</h2>
          {page.evictions.length === 0 ? <p class="muted">{t('records.operation.noEvictions')}</p> : (
            <ul class="rows" data-testid="operation-evictions">
              {page.evictions.map((e) => (
                <li key={e.id}>
                  <a href={`/evictions/${e.id}`}>{e.site.code} — {e.site.name}</a>, {formatTime(e.arrivedAt, locale)}{e.leftAt && `–${formatTime(e.leftAt, locale)}`}
                  {' '}({t(`field.evictionStatus.${e.status}`)}){' '}
                  {page.actions.witnessStatement && <WitnessStatementLink evictionId={e.id} />}
                </li>
              ))}
            </ul>
          )}
          <h2>{t('records.operation.timeline')}</h2>
          <ol class="history" data-testid="operation-timeline">
            {page.timeline.map((entry, i) => <li key={i}>{formatTime(entry.at, locale)} — <TimelineEntry entry={entry} term={term} /></li>)}
          </ol>
          <h2>{t('records.operation.history')}</h2>
          <OperationHistory page={page} term={term} />
        </>
      )}
    </Screen>
  );
}

function TimelineEntry({ entry, term }: { entry: OperationTimelineEntry; term: TermLabel }) {
  const t = useT();
  const site = entry.site ? `${entry.site.code} — ${entry.site.name}` : '?';
  switch (entry.event) {
    case 'incident': {
      const kind = entry.incidentKind ?? 'violence';
      const type = term(kind === 'violence' ? 'incident_type' : 'obstruction_type', entry.incidentType ?? '');
      return <a href={`/incidents/${entry.incidentId}`}>{t('records.operation.event.incident', { kind: (t as (k: string) => string)(`field.incident.kind.${kind}`), type, site })}</a>;
    }
    case 'eviction_arrived': case 'eviction_left':
      return <a href={`/evictions/${entry.evictionId}`}>{t(`records.operation.event.${entry.event}`, { site })}</a>;
    default: return <>{t(`records.operation.event.${entry.event}`)}</>;
  }
}

const OPERATION_FIELDS = ['area', 'startedAt', 'endedAt', 'type', 'officer', 'authorities', 'weatherAlert', 'notes', 'observerIds'] as const;
const FIELD_OF: Record<string, (typeof OPERATION_FIELDS)[number]> = {
  areaId: 'area', startedAt: 'startedAt', endedAt: 'endedAt', operationType: 'type', officerInCharge: 'officer', authoritiesPresent: 'authorities',
  weatherAlert: 'weatherAlert', notes: 'notes', observerIds: 'observerIds',
};

/** The operation's versions as sentences: observers and areas by name, its type by label. */
function OperationHistory({ page, term }: { page: OperationPageView; term: TermLabel }) {
  const t = useT();
  const names = new Map([...page.historyNames.people, ...page.observers].map((o) => [o.id, o.displayName]));
  const areas = new Map(page.historyNames.areas.map((a) => [a.id, a.name]));
  const wording = useHistoryWording((f) => (FIELD_OF[f] ? t(`records.operation.${FIELD_OF[f]}`) : null), term, { created: t('records.operation.created') });
  const show = (field: string, v: unknown) => {
    if (field === 'observerIds' && Array.isArray(v)) return v.map((x) => names.get(String(x)) ?? '?').join(', ');
    if (field === 'areaId' && typeof v === 'string') return areas.get(v) ?? '?';
    if (field === 'operationType' && typeof v === 'string') return term('operation_type', v);
    return v;
  };
  return <RecordHistory versions={page.history} wording={wording} show={show} testId="operation-history" />;
}
