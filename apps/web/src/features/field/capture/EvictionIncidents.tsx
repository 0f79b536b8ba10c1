import { useEffect, useState } from 'preact/hooks';
import type { IncidentInput } from '@vigie/domain/rules';
import { api, errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import type { Reference } from '../../../offline/types';
import { FormError } from '../../../ui/FormError';
import { formatTime, termLabel } from './format';
import { ageBracketOf, typeKindOf } from './incident-rules';

type ReviewedIncident = IncidentInput & { evidence: { stored: number; uploading: number; rejected: number }; version: number };

/** The incidents of an eviction under review: type, time, unit, what happened, victims by pseudonym. */
export function EvictionIncidents({ evictionId }: { evictionId: string }) {
  const t = useT();
  const locale = useLocale();
  const [incidents, setIncidents] = useState<ReviewedIncident[] | null>(null);
  const [terms, setTerms] = useState<Reference['terms']>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<{ incidents: ReviewedIncident[] }>(`/api/evictions/${evictionId}/incidents`).then((r) => setIncidents(r.incidents), (e) => setError(errorMessage(e)));
    // Labels of the types; the codes still show without them.
    api.get<Pick<Reference, 'terms'>>('/api/field/reference').then((r) => setTerms(r.terms), () => undefined);
  }, [evictionId]);
  if (error) return <FormError message={error} />;
  if (!incidents) return null;
  return (
    <section class="section" data-testid="review-incidents">
      <h2>{t('field.incident.title')} ({incidents.length})</h2>
      <ul class="rows">
        {incidents.map((i) => (
          <li key={i.id} class="outbox-row" data-testid="review-incident">
            <div>
              {/* The incident's own page: everything recorded, its evidence, cases and history. */}
              <a href={`/incidents/${i.id}`} data-testid="record-incident-link"><strong>{t(`field.incident.kind.${i.kind}`)}</strong></a>{' · '}
              {termLabel(terms.find((x) => x.kind === typeKindOf(i.kind) && x.code === i.incidentType), i.incidentType, locale)}{' · '}
              {formatTime(i.occurredAt, locale)}
              {i.unit && <> · {i.unit}</>}
            </div>
            {i.description && <p>{i.description}</p>}
            {i.victims.length > 0 && (
              <p>
                {t('field.incident.victims')} : {i.victims.map((v) => `${v.pseudonym} (${t(`field.incident.ageBracket.${ageBracketOf(v.minor)}`)})`).join(', ')}
              </p>
            )}
            {i.evidence.stored > 0 && <p class="muted">{t('field.outbox.photosSent', { count: i.evidence.stored })}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
