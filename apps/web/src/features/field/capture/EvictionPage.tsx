import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { Count, CountField, EvictionInput } from '@vigie/domain/rules';
import { useT } from '../../../i18n';
import { getOne } from '../../../offline/db';
import { useLive } from '../../../offline/live';
import { checkEviction } from '@vigie/domain/rules';
import { saveEviction, submitEviction } from '../../../offline/store';
import type { LocalEviction } from '../../../offline/types';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { Segmented } from './controls';
import { CountsSection } from './CountsSection';
import { useReference } from './data';
import { EvictionHeader } from './EvictionHeader';
import { EvictionProblems } from './EvictionProblems';
import { EvictionTimes } from './EvictionTimes';
import { FindingsSection } from './FindingsSection';
import { ForcesSection } from './ForcesSection';
import { termsOf } from './format';
import { IncidentsSection } from './IncidentsSection';
import { LegalBasisSection } from './LegalBasisSection';
import { NotesSection } from './NotesSection';
import { EvidenceButtons } from './EvidenceButtons';
import { adoptSuggestions } from './prefill';
import { TalliesSection } from './TalliesSection';
import { useAutosave } from './useAutosave';

const COVERAGES = ['full', 'partial', 'reported'] as const;

export function EvictionPage({ id }: { id: string }) {
  const t = useT();
  const local = useLive(() => getOne('evictions', id).then((e) => e ?? null), [id]);
  if (local === undefined) return null;
  if (local === null) {
    return (
      <Screen title={t('field.title')}>
        <p>{t('field.eviction.notFound')}</p>
        <a href="/field">{t('field.operation.home')}</a>
      </Screen>
    );
  }
  return <EvictionForm key={id} initial={local} />;
}

/**
 * The eviction form, one section per concept. What the observer types is kept in component
 * state and saved on the phone (record + outbox command) by useAutosave.
 */
function EvictionForm({ initial }: { initial: LocalEviction }) {
  const t = useT();
  const { route } = useLocation();
  const ref = useReference();
  const meta = useLive(() => getOne('evictions', initial.id), [initial.id]) ?? initial;
  const site = useLive(() => getOne('sites', initial.siteId), [initial.siteId]);
  const [e, setE] = useState<EvictionInput>(initial.record);
  const [suggestions, setSuggestions] = useState(initial.suggestions);
  const [showProblems, setShowProblems] = useState(false);
  const autosave = useAutosave((next: EvictionInput) => saveEviction(next));

  const update = (next: EvictionInput) => {
    setE(next);
    autosave.schedule(next);
  };
  const patch = (p: Partial<EvictionInput>) => update({ ...e, ...p });
  const setCount = (f: CountField, c: Count | null) => update({ ...e, counts: { ...e.counts, [f]: c } });

  const problems = checkEviction(e, new Date());
  const problemOf = (field: string) => {
    const p = problems.find((x) => x.field === field);
    return p ? t(`field.problem.${p.problem}`) : null;
  };
  const terms = ref?.terms;

  async function adopt() {
    if (!suggestions) return;
    const next = adoptSuggestions(e, suggestions);
    setSuggestions(null);
    setE(next);
    autosave.cancel();
    await saveEviction(next, { suggestions: null });
  }

  async function submit() {
    setShowProblems(true);
    if (problems.length) return;
    autosave.cancel();
    const next = { ...e, quick: false };
    await submitEviction(next);
    route(`/field/operations/${e.operationId}`);
  }

  const siteLabel = site ? `${site.record.code} — ${site.record.name}` : t('field.eviction.unknownSite');

  return (
    <Screen title={t('field.eviction.title', { site: siteLabel })}>
      <EvictionHeader meta={meta} operationId={e.operationId} prefilledFrom={initial.prefilledFrom} />
      <EvictionTimes e={e} patch={patch} problemOf={problemOf} />
      <CountsSection counts={e.counts} suggestions={suggestions} onAdopt={() => void adopt()} onCount={setCount} problemOf={problemOf} />
      <TalliesSection
        title={t('field.eviction.seized')} open={e.seized.length > 0 || !!suggestions?.seized.length} terms={termsOf(terms, 'item_type')} list={e.seized}
        suggested={suggestions?.seized} onList={(seized) => patch({ seized })} error={problemOf('seized')} testId="seized"
      />
      <TalliesSection
        title={t('field.eviction.destroyed')} open={e.destroyed.length > 0} terms={termsOf(terms, 'structure_type')} list={e.destroyed}
        suggested={suggestions?.destroyed} onList={(destroyed) => patch({ destroyed })} error={problemOf('destroyed')} testId="destroyed"
      />
      <ForcesSection terms={terms ?? []} forces={e.forces} onForces={(forces) => patch({ forces })} />
      <FindingsSection e={e} patch={patch} />
      <LegalBasisSection e={e} terms={terms} patch={patch} />
      <Segmented label={t('field.eviction.coverage')} value={e.coverage} options={COVERAGES.map((v) => [v, t(`field.coverage.${v}`)] as const)} onValue={(coverage) => patch({ coverage })} testId="coverage" />
      <NotesSection notes={e.notes} onNotes={(notes) => patch({ notes })} />
      <IncidentsSection evictionId={e.id} terms={terms} beforeOpen={autosave.flush} />
      <EvidenceButtons owner={{ evictionId: e.id, incidentId: null }} />
      {/* Taken on the phone and linked to this eviction; the eviction is sent first (outbox order). */}
      <p><a href={`/field/testimonies/new?eviction=${e.id}`} onClick={() => void autosave.flush()} data-testid="eviction-testimony">{t('fieldRecords.newTestimony')}</a></p>

      {showProblems && problems.length > 0 && <EvictionProblems problems={problems} />}
      <div class="action-bar">
        <span class="saved-hint" aria-live="polite">{t('field.eviction.saved')}</span>
        <Button onClick={() => void submit()} testId="submit-eviction">
          {meta.status === 'draft' ? t('field.eviction.submit') : t('field.eviction.resubmit')}
        </Button>
      </div>
    </Screen>
  );
}
