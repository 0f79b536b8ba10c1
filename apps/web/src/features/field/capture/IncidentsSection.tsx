import { useLocation } from 'preact-iso';
import { useLocale, useT } from '../../../i18n';
import { getBy } from '../../../offline/db';
import { useLive } from '../../../offline/live';
import { newId, saveIncident } from '../../../offline/store';
import type { Term } from '../../../offline/types';
import { Button } from '../../../ui/Button';
import { formatTime, termLabel, termsOf } from './format';
import { newIncident, typeKindOf, type IncidentKind } from './incident-rules';

/** The eviction's incidents, and one big button per kind to record a new one. */
export function IncidentsSection({ evictionId, terms, beforeOpen }: { evictionId: string; terms: Term[] | undefined; beforeOpen: () => Promise<void> }) {
  const t = useT();
  const locale = useLocale();
  const { route } = useLocation();
  const incidents = useLive(() => getBy('incidents', 'evictionId', evictionId).then((l) => l.sort((a, b) => a.record.occurredAt.localeCompare(b.record.occurredAt))), [evictionId]) ?? [];

  async function add(kind: IncidentKind) {
    await beforeOpen();
    const record = newIncident(newId(), evictionId, kind, new Date());
    await saveIncident(record, false);
    route(`/field/incidents/${record.id}`);
  }

  async function open(id: string) {
    await beforeOpen();
    route(`/field/incidents/${id}`);
  }

  return (
    <section class="section" data-testid="incidents">
      <h2>{t('field.incident.title')} ({incidents.length})</h2>
      {incidents.length > 0 && (
        <ul class="rows">
          {incidents.map((i) => {
            const type = termsOf(terms, typeKindOf(i.record.kind)).find((x) => x.code === i.record.incidentType);
            return (
              <li key={i.id}>
                <a href={`/field/incidents/${i.id}`} class="row-link" data-testid="incident-row" onClick={(ev) => { ev.preventDefault(); void open(i.id); }}>
                  <strong>{t(`field.incident.kind.${i.record.kind}`)}</strong>
                  <span>{i.record.incidentType ? termLabel(type, i.record.incidentType, locale) : t('field.incident.noType')}</span>
                  <span>{formatTime(i.record.occurredAt, locale)}</span>
                  {i.record.victims.length > 0 && <span>{t('field.incident.victimCount', { count: i.record.victims.length })}</span>}
                  {i.incomplete ? <span class="chip chip-warn">{t('field.incident.incomplete')}</span>
                    : i.syncState !== 'synced' && <span class={`chip chip-${i.syncState}`}>{t(`field.syncState.${i.syncState}`)}</span>}
                </a>
              </li>
            );
          })}
        </ul>
      )}
      <div class="big-actions">
        <Button variant="secondary" onClick={() => void add('violence')} testId="incident-add-violence">
          {t('field.incident.addViolence')}
        </Button>
        <Button variant="secondary" onClick={() => void add('obstruction')} testId="incident-add-obstruction">
          {t('field.incident.addObstruction')}
        </Button>
      </div>
    </section>
  );
}
