import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { Count, CountField, EvictionInput, EvictionProblem, ForcePresence, Tally } from '@vigie/domain/rules';
import { useLocale, useT } from '../../i18n';
import { getOne } from '../../offline/db';
import { useLive } from '../../offline/live';
import { COUNT_FIELDS, checkEviction } from '@vigie/domain/rules';
import { newId, saveEviction, submitEviction } from '../../offline/store';
import type { LocalEviction, Term } from '../../offline/types';
import { Screen } from '../../shell/Screen';
import { Button } from '../../ui/Button';
import { FormError } from '../../ui/FormError';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { CountStepper, Segmented, TriState } from './controls';
import { useReference } from './data';
import { formatDate, formatTime, fromTimeInput, termLabel, termsOf, toTimeInput } from './format';
import { PhotoButton } from './PhotoButton';
import { adoptSuggestions } from './prefill';

const FLAGS = ['bailiff', 'cleaningCompany', 'socialAssessment', 'shelterOffered', 'foodDistribution', 'peopleMovingBack'] as const;
const INTERPRETER = ['unknown', 'absent', 'present', 'used'] as const;
const COVERAGES = ['full', 'partial', 'reported'] as const;
const SAVE_DELAY_MS = 250;

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
 * The eviction form. What the observer types is kept in component state and written to
 * IndexedDB (record + outbox command) 250 ms after the last change, and at once when the page
 * is hidden or left, so a crash, a reload or a flat battery loses at most a quarter second.
 */
function EvictionForm({ initial }: { initial: LocalEviction }) {
  const t = useT();
  const locale = useLocale();
  const { route } = useLocation();
  const ref = useReference();
  const meta = useLive(() => getOne('evictions', initial.id), [initial.id]) ?? initial;
  const site = useLive(() => getOne('sites', initial.siteId), [initial.siteId]);
  const [e, setE] = useState<EvictionInput>(initial.record);
  const [suggestions, setSuggestions] = useState(initial.suggestions);
  const [note, setNote] = useState('');
  const [showProblems, setShowProblems] = useState(false);
  const pending = useRef<EvictionInput | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    pending.current = null;
    return next ? saveEviction(next) : Promise.resolve();
  };
  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      void flush();
    };
  }, []);

  const update = (next: EvictionInput) => {
    setE(next);
    pending.current = next;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
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
    pending.current = null;
    if (timer.current) clearTimeout(timer.current);
    await saveEviction(next, { suggestions: null });
  }

  async function submit() {
    setShowProblems(true);
    if (problems.length) return;
    if (timer.current) clearTimeout(timer.current);
    pending.current = null;
    const next = { ...e, quick: false };
    await submitEviction(next);
    route(`/field/operations/${e.operationId}`);
  }

  function addNote() {
    const text = note.trim();
    if (!text) return;
    patch({ notes: [...e.notes, { id: newId(), at: new Date().toISOString(), text }] });
    setNote('');
  }

  const siteLabel = site ? `${site.record.code} — ${site.record.name}` : t('field.eviction.unknownSite');

  return (
    <Screen title={t('field.eviction.title', { site: siteLabel })}>
      <p class="op-meta">
        <a href={`/field/operations/${e.operationId}`}>{t('field.operation.back')}</a>
        {' · '}
        <span class={`chip chip-${meta.status}`} data-testid="eviction-status">{t(`field.evictionStatus.${meta.status}`)}</span>{' '}
        <span class={`chip chip-${meta.syncState}`} data-testid="eviction-sync">{t(`field.syncState.${meta.syncState}`)}</span>
      </p>
      {meta.status === 'rejected' && meta.rejectionReason && <p class="notice">{t('field.eviction.rejectedBecause', { reason: meta.rejectionReason })}</p>}
      {meta.error && <FormError message={meta.error} />}
      {initial.prefilledFrom && <p class="notice" data-testid="prefilled">{t('field.eviction.prefilled', { date: formatDate(initial.prefilledFrom.arrivedAt, locale) })}</p>}

      <div class="times">
        <TimeField label={t('field.eviction.arrivedAt')} iso={e.arrivedAt} dayIso={e.arrivedAt} onIso={(v) => patch({ arrivedAt: v })} error={problemOf('arrivedAt')} testId="arrived-at" />
        {e.leftAt ? (
          <TimeField label={t('field.eviction.leftAt')} iso={e.leftAt} dayIso={e.arrivedAt} onIso={(v) => patch({ leftAt: v })} error={problemOf('leftAt')} testId="left-at" />
        ) : (
          <div class="field">
            <span class="label-like">{t('field.eviction.leftAt')}</span>
            <Button variant="secondary" onClick={() => patch({ leftAt: new Date().toISOString() })} testId="depart">
              {t('field.eviction.depart')}
            </Button>
          </div>
        )}
      </div>

      <section class="section">
        <h2>{t('field.eviction.people')}</h2>
        {suggestions && (
          <Button variant="secondary" onClick={() => void adopt()} testId="adopt-suggestions">
            {t('field.eviction.adopt')}
          </Button>
        )}
        {COUNT_FIELDS.map((f) => (
          <div key={f}>
            <CountStepper label={t(`field.counts.${f}`)} value={e.counts[f]} onValue={(c) => setCount(f, c)} suggestion={suggestions?.counts[f]} testId={`count-${f}`} />
            {problemOf(`counts.${f}`) && <p class="field-error">{problemOf(`counts.${f}`)}</p>}
          </div>
        ))}
      </section>

      <details class="section" open={e.seized.length > 0 || !!suggestions?.seized.length}>
        <summary>{t('field.eviction.seized')}</summary>
        <Tallies terms={termsOf(terms, 'item_type')} list={e.seized} suggested={suggestions?.seized} onList={(seized) => patch({ seized })} testId="seized" />
        {problemOf('seized') && <p class="field-error">{problemOf('seized')}</p>}
      </details>

      <details class="section" open={e.destroyed.length > 0}>
        <summary>{t('field.eviction.destroyed')}</summary>
        <Tallies terms={termsOf(terms, 'structure_type')} list={e.destroyed} suggested={suggestions?.destroyed} onList={(destroyed) => patch({ destroyed })} testId="destroyed" />
        {problemOf('destroyed') && <p class="field-error">{problemOf('destroyed')}</p>}
      </details>

      <details class="section" open={e.forces.length > 0}>
        <summary>{t('field.eviction.forces')} ({e.forces.length})</summary>
        <Forces terms={terms ?? []} forces={e.forces} onForces={(forces) => patch({ forces })} />
      </details>

      <details class="section">
        <summary>{t('field.eviction.findings')}</summary>
        <Segmented
          label={t('field.interpreter.label')}
          value={e.interpreter}
          options={INTERPRETER.map((v) => [v, t(`field.interpreter.${v}`)] as const)}
          onValue={(interpreter) => patch({ interpreter })}
          testId="interpreter"
        />
        {FLAGS.map((f) => (
          <TriState key={f} label={t(`field.flags.${f}`)} value={e[f]} onValue={(v) => patch({ [f]: v })} testId={`flag-${f}`} />
        ))}
      </details>

      <details class="section" open={!!e.legalBasisText}>
        <summary>{t('field.eviction.legal')}</summary>
        <TextField label={t('field.eviction.legalText')} value={e.legalBasisText ?? ''} onValue={(v) => patch({ legalBasisText: v || null })} maxLength={2000} testId="legal-text" />
        <SelectField
          label={t('field.eviction.legalCategory')}
          value={e.legalBasisCategory ?? ''}
          onValue={(v) => patch({ legalBasisCategory: v || null })}
          options={[{ value: '', label: t('field.eviction.none') }, ...termsOf(terms, 'legal_basis_category').map((x) => ({ value: x.code, label: termLabel(x, x.code, locale) }))]}
        />
      </details>

      <Segmented label={t('field.eviction.coverage')} value={e.coverage} options={COVERAGES.map((v) => [v, t(`field.coverage.${v}`)] as const)} onValue={(coverage) => patch({ coverage })} testId="coverage" />

      <section class="section">
        <h2>{t('field.eviction.notes')}</h2>
        <ol class="notes">
          {e.notes.map((n) => (
            <li key={n.id}>
              <time dateTime={n.at}>{formatTime(n.at, locale)}</time> {n.text}
            </li>
          ))}
        </ol>
        <div class="inline-add">
          <TextField label={t('field.eviction.note')} value={note} onValue={setNote} maxLength={2000} testId="note-text" />
          <Button variant="secondary" onClick={addNote} disabled={!note.trim()} testId="note-add">
            {t('field.eviction.addNote')}
          </Button>
        </div>
      </section>

      <PhotoButton evictionId={e.id} />

      {showProblems && problems.length > 0 && <Problems problems={problems} />}
      <div class="action-bar">
        <span class="saved-hint" aria-live="polite">{t('field.eviction.saved')}</span>
        <Button onClick={() => void submit()} testId="submit-eviction">
          {meta.status === 'draft' ? t('field.eviction.submit') : t('field.eviction.resubmit')}
        </Button>
      </div>
    </Screen>
  );
}

function Problems({ problems }: { problems: EvictionProblem[] }) {
  const t = useT();
  return (
    <div class="form-error" role="alert" data-testid="eviction-problems">
      {t('field.eviction.problems')}
      <ul>
        {problems.map((p) => (
          <li key={p.field + p.problem}>{t(`field.problem.${p.problem}`)}</li>
        ))}
      </ul>
    </div>
  );
}

function TimeField({ label, iso, dayIso, onIso, error, testId }: { label: string; iso: string; dayIso: string; onIso: (v: string) => void; error: string | null; testId: string }) {
  const t = useT();
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={testId}>{label}</label>
      <div class="time-row">
        <input
          id={testId}
          type="time"
          value={toTimeInput(iso)}
          onChange={(ev) => {
            const v = fromTimeInput(dayIso, ev.currentTarget.value);
            if (v) onIso(v);
          }}
          aria-invalid={error ? 'true' : undefined}
          data-testid={testId}
        />
        <button type="button" class="btn btn-link" onClick={() => onIso(new Date().toISOString())} data-testid={`${testId}-now`}>
          {t('field.eviction.now')}
        </button>
      </div>
      {error && <p class="field-error">{error}</p>}
    </div>
  );
}

/** One stepper per term (item types, structure types); zero rows are dropped from the record. */
function Tallies({ terms, list, suggested, onList, testId }: { terms: Term[]; list: Tally[]; suggested?: Tally[] | undefined; onList: (l: Tally[]) => void; testId: string }) {
  const t = useT();
  const locale = useLocale();
  if (!terms.length) return <p class="muted">{t('field.eviction.noTerms')}</p>;
  return (
    <div>
      {terms.map((term) => {
        const cur = list.find((x) => x.term === term.code) ?? null;
        const sug = suggested?.find((x) => x.term === term.code);
        return (
          <CountStepper
            key={term.code}
            label={termLabel(term, term.code, locale)}
            value={cur ? { n: cur.n, atLeast: cur.atLeast } : null}
            suggestion={sug ? { n: sug.n, atLeast: sug.atLeast } : undefined}
            onValue={(c) => {
              const rest = list.filter((x) => x.term !== term.code);
              onList(c ? [...rest, { term: term.code, ...c }] : rest);
            }}
            testId={`${testId}-${term.code}`}
          />
        );
      })}
    </div>
  );
}

function Forces({ terms, forces, onForces }: { terms: Term[]; forces: ForcePresence[]; onForces: (f: ForcePresence[]) => void }) {
  const t = useT();
  const locale = useLocale();
  const corps = termsOf(terms, 'force_corps');
  const vehicles = termsOf(terms, 'vehicle_type');
  const set = (i: number, f: ForcePresence) => onForces(forces.map((x, j) => (j === i ? f : x)));
  return (
    <div>
      {forces.map((f, i) => (
        <fieldset key={i} class="force" data-testid={`force-${i}`}>
          <legend>{termLabel(corps.find((c) => c.code === f.corps), f.corps, locale)}</legend>
          <SelectField label={t('field.force.corps')} value={f.corps} onValue={(v) => set(i, { ...f, corps: v })} options={corps.map((c) => ({ value: c.code, label: termLabel(c, c.code, locale) }))} />
          <TextField label={t('field.force.unit')} value={f.unit ?? ''} onValue={(v) => set(i, { ...f, unit: v || null })} maxLength={60} />
          <CountStepper label={t('field.force.officers')} value={f.officers} onValue={(c) => set(i, { ...f, officers: c })} testId={`force-${i}-officers`} />
          <h3>{t('field.force.vehicles')}</h3>
          {vehicles.map((v) => {
            const cur = f.vehicles.find((x) => x.type === v.code);
            return (
              <CountStepper
                key={v.code}
                label={termLabel(v, v.code, locale)}
                value={cur ? { n: cur.n, atLeast: false } : null}
                atLeastToggle={false}
                onValue={(c) => {
                  const rest = f.vehicles.filter((x) => x.type !== v.code);
                  set(i, { ...f, vehicles: c ? [...rest, { type: v.code, n: Math.min(1000, c.n) }] : rest });
                }}
                testId={`force-${i}-vehicle-${v.code}`}
              />
            );
          })}
          <WeaponsField weapons={f.weapons} onWeapons={(weapons) => set(i, { ...f, weapons })} />
          <Button variant="danger" onClick={() => onForces(forces.filter((_, j) => j !== i))}>
            {t('field.force.remove')}
          </Button>
        </fieldset>
      ))}
      {corps.length > 0 && (
        <Button variant="secondary" onClick={() => onForces([...forces, { corps: corps[0]!.code, unit: null, vehicles: [], officers: null, weapons: [] }])} testId="force-add">
          {t('field.force.add')}
        </Button>
      )}
    </div>
  );
}

/** Free text "FN, LBD" kept as typed, stored as a list. */
function WeaponsField({ weapons, onWeapons }: { weapons: string[]; onWeapons: (w: string[]) => void }) {
  const t = useT();
  const [text, setText] = useState(weapons.join(', '));
  return (
    <TextField
      label={t('field.force.weapons')}
      value={text}
      onValue={(v) => {
        setText(v);
        onWeapons(v.split(',').map((w) => w.trim().slice(0, 60)).filter(Boolean).slice(0, 20));
      }}
    />
  );
}
