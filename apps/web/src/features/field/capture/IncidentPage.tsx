import { useState } from 'preact/hooks';
import type { IncidentInput } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import { getAll, getOne } from '../../../offline/db';
import { useLive } from '../../../offline/live';
import { saveIncident } from '../../../offline/store';
import type { LocalIncident } from '../../../offline/types';
import { incidentPhotoOwner } from '../../../offline/upload';
import { Screen } from '../../../shell/Screen';
import { FormError } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { Segmented } from './controls';
import { useReference } from './data';
import { termLabel, termsOf } from './format';
import { checkIncident, typeKindOf, unitChoices, withKind, type IncidentKind } from './incident-rules';
import { EvidenceButtons } from './EvidenceButtons';
import { TimeField } from './TimeField';
import { useAutosave } from './useAutosave';
import { VictimsField } from './VictimsField';

const KINDS = ['violence', 'obstruction'] as const;

export function IncidentPage({ id }: { id: string }) {
  const t = useT();
  const local = useLive(() => getOne('incidents', id).then((i) => i ?? null), [id]);
  if (local === undefined) return null;
  if (local === null) {
    return (
      <Screen title={t('field.incident.title')}>
        <p>{t('field.incident.notFound')}</p>
        <a href="/field">{t('field.operation.home')}</a>
      </Screen>
    );
  }
  return <IncidentForm key={id} initial={local} />;
}

/** One incident, saved on the phone at every change; it joins the outbox once complete. */
function IncidentForm({ initial }: { initial: LocalIncident }) {
  const t = useT();
  const locale = useLocale();
  const ref = useReference();
  const meta = useLive(() => getOne('incidents', initial.id), [initial.id]) ?? initial;
  // An incident outside an eviction (recorded elsewhere, pulled to be corrected) has none: '' finds nothing.
  const eviction = useLive(() => getOne('evictions', initial.evictionId ?? ''), [initial.evictionId]);
  const sites = useLive(() => (initial.evictionId ? Promise.resolve([]) : getAll('sites')), [initial.evictionId]);
  const [i, setI] = useState<IncidentInput>(initial.record);
  const autosave = useAutosave((next: IncidentInput) => saveIncident(next, checkIncident(next, new Date()).length === 0));
  const update = (next: IncidentInput) => {
    setI(next);
    autosave.schedule(next);
  };
  const patch = (p: Partial<IncidentInput>) => update({ ...i, ...p });

  const problems = checkIncident(i, new Date());
  const problemOf = (field: string) => {
    const p = problems.find((x) => x.field === field);
    return p ? t(`field.incident.problem.${p.problem}`) : null;
  };
  const types = termsOf(ref?.terms, typeKindOf(i.kind));
  const corps = termsOf(ref?.terms, 'force_corps');
  const units = unitChoices(eviction?.record.forces ?? [], (code) => termLabel(corps.find((c) => c.code === code), code, locale));
  const back = i.evictionId ? `/field/evictions/${i.evictionId}` : '/field';
  const areaId = ref?.areas.find((a) => a.code === i.areaCode)?.id;
  const areaSites = (sites ?? []).filter((s) => s.record.areaId === areaId);

  return (
    <Screen title={t('field.incident.title')}>
      <p class="op-meta">
        <a href={back} data-testid="incident-back">{i.evictionId ? t('field.incident.back') : t('field.operation.home')}</a>
        {' · '}
        {meta.incomplete ? <span class="chip chip-warn" data-testid="incident-sync">{t('field.incident.incomplete')}</span>
          : <span class={`chip chip-${meta.syncState}`} data-testid="incident-sync">{t(`field.syncState.${meta.syncState}`)}</span>}
      </p>
      {meta.error && <FormError message={meta.error} />}
      <p class="field-hint">{t('field.incident.privacy')}</p>

      <Segmented label={t('field.incident.kindLabel')} value={i.kind} options={KINDS.map((k) => [k, t(`field.incident.kind.${k}`)] as const)} onValue={(k: IncidentKind) => update(withKind(i, k))} testId="incident-kind" />
      <Segmented label={t('field.incident.type')} value={i.incidentType} options={types.map((x) => [x.code, termLabel(x, x.code, locale)] as const)} onValue={(incidentType) => patch({ incidentType })} testId="incident-type" />
      {problemOf('incidentType') && <p class="field-error" data-testid="incident-type-problem">{problemOf('incidentType')}</p>}

      {i.evictionId === null && (
        <div data-testid="incident-place-fields">
          <Segmented label={t('field.incident.area')} value={i.areaCode ?? ''} options={(ref?.areas ?? []).map((a) => [a.code, a.name] as const)}
            onValue={(areaCode) => patch({ areaCode, siteId: null })} testId="incident-area" />
          {problemOf('areaCode') && <p class="field-error">{problemOf('areaCode')}</p>}
          {areaSites.length > 0 && (
            <Segmented label={t('field.incident.site')} value={i.siteId ?? ''} options={areaSites.map((s) => [s.id, `${s.record.code} ${s.record.name}`] as const)}
              onValue={(siteId) => patch({ siteId: siteId === i.siteId ? null : siteId })} testId="incident-site" />
          )}
          <TextField label={t('field.incident.place')} value={i.place ?? ''} onValue={(v) => patch({ place: v.trim() ? v.slice(0, 200) : null })} maxLength={200} testId="incident-place" />
          {problemOf('place') && <p class="field-error" data-testid="incident-place-problem">{problemOf('place')}</p>}
        </div>
      )}
      <TimeField label={t('field.incident.occurredAt')} iso={i.occurredAt} dayIso={i.occurredAt} onIso={(occurredAt) => patch({ occurredAt })} error={problemOf('occurredAt')} testId="incident-time" />

      {units.length > 0 && (
        <Segmented label={t('field.incident.unitFromForces')} value={i.unit ?? ''} options={units.map((u) => [u, u] as const)} onValue={(unit) => patch({ unit: unit || null })} testId="incident-unit-choice" />
      )}
      <TextField label={t('field.incident.unit')} value={i.unit ?? ''} onValue={(v) => patch({ unit: v.trim() ? v.slice(0, 60) : null })} maxLength={60} testId="incident-unit" />

      <div class="field">
        <label for="incident-description">{t('field.incident.description')}</label>
        <textarea id="incident-description" rows={4} maxLength={5000} value={i.description ?? ''} onInput={(ev) => patch({ description: ev.currentTarget.value.trim() ? ev.currentTarget.value : null })} data-testid="incident-description" />
      </div>

      <VictimsField victims={i.victims} onVictims={(victims) => patch({ victims })} problemOf={problemOf} />

      <EvidenceButtons owner={incidentPhotoOwner(i.id, i.evictionId)} />

      <div class="action-bar">
        <span class="saved-hint" aria-live="polite">{problems.length ? t('field.incident.notQueued') : t('field.eviction.saved')}</span>
        <a class="btn btn-primary" href={back} onClick={() => void autosave.flush()} data-testid="incident-done">
          {t('field.incident.done')}
        </a>
      </div>
    </Screen>
  );
}
