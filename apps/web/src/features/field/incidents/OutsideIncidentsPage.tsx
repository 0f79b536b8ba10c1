import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { FormError } from '../../../ui/FormError';
import { formatDateTime } from '../capture/format';
import { incidentsApi, type OutsideIncidentRowView } from './incidentsApi';
import '../evictions/records.css';

const FILTERS = ['', 'submitted', 'verified', 'rejected'] as const;

/**
 * Incidents outside an eviction (during a round, at a distribution, in town), newest first, for the
 * office: a coordinator finds those to verify; an observer sees their own and the verified ones.
 * Each opens the incident's page, where a coordinator verifies or sends it back.
 */
export function OutsideIncidentsPage() {
  const t = useT();
  const tt = t as (k: string, o?: Record<string, unknown>) => string;
  const locale = useLocale();
  const [status, setStatus] = useState<(typeof FILTERS)[number]>('');
  const [rows, setRows] = useState<OutsideIncidentRowView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setRows(null);
    incidentsApi.outside({ status }).then(setRows, (e) => setError(t('records.incident.list.loadFailed', { message: errorMessage(e) })));
  }, [status]);
  return (
    <Screen title={t('records.incident.list.title')}>
      <p class="muted">{t('records.incident.list.intro')}</p>
      <div class="segmented" role="group" aria-label={t('records.incident.status')}>
        {FILTERS.map((f) => (
          <button key={f} type="button" class={`btn btn-small ${f === status ? 'btn-primary' : 'btn-secondary'}`} aria-pressed={f === status}
            onClick={() => setStatus(f)} data-testid={`incidents-filter-${f || 'all'}`}>
            {f ? tt(`records.incident.statuses.${f}`) : t('records.incident.list.all')}
          </button>
        ))}
      </div>
      <FormError message={error} />
      {rows && rows.length === 0 && <p class="muted">{t('records.incident.list.none')}</p>}
      {rows && rows.length > 0 && (
        <ul class="rows" data-testid="outside-incidents">
          {rows.map((r) => (
            <li key={r.id}>
              <a class="row-link" href={`/incidents/${r.id}`} data-testid="outside-incident-row">
                <strong>{formatDateTime(r.occurredAt, locale)}</strong>{' '}
                <span>{tt(`field.incident.kind.${r.kind}`)}</span>{' — '}
                <span>{[r.areaName, r.site ? `${r.site.code} ${r.site.name}` : null, r.place].filter(Boolean).join(', ')}</span>
                {r.victims.length > 0 && <span class="muted"> · {tt('records.incident.list.victims', { count: r.victims.length })}</span>}
                {r.status && <span class={`chip chip-${r.status}`}>{tt(`records.incident.statuses.${r.status}`)}</span>}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Screen>
  );
}
