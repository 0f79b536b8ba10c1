import { useEffect, useRef, useState } from 'preact/hooks';
import { FINDINGS, METRIC_CODES, figureSetProblem, metricLabel, findingLabel, type CitableMetric, type FigureSetProblem } from '@vigie/domain/rules';
import { api, errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { FigureSetLineEditor, lineProblem, type Corps } from './FigureSetLineEditor';
import { BulletinPreview } from '../bulletins/BulletinPreview';
import { lastMonth } from '../bulletins/bulletinApi';
import '../bulletins/communication.css';
import type { AreaOption, FigureSetLine, FigureSetPreview } from './figureSetApi';

/**
 * The figure set of an area, edited on screen: which figures the bulletin lists, in which
 * order, with which part ("dont"), whether a zero line is printed, forces lines ("dont M menées
 * par la police nationale et la BAC sans CRS") and the yes/no findings it dates; beside it, the bulletin
 * of a chosen month as this set would print it, refreshed as the set changes. Nothing is
 * saved until "Enregistrer"; a refused set (unknown figure, part of the wrong whole) says why.
 */
export function FigureSetPage() {
  const t = useT();
  const locale = useLocale();
  const [corps, setCorps] = useState<Corps[]>([]);
  const [areas, setAreas] = useState<AreaOption[]>([]);
  const [areaId, setAreaId] = useState('');
  const [month, setMonth] = useState(lastMonth());
  const [lines, setLines] = useState<FigureSetLine[]>([]);
  const [preview, setPreview] = useState<FigureSetPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    api.get<{ areas: AreaOption[] }>('/api/bulletins').then((r) => {
      const active = r.areas.filter((a) => a.active);
      setAreas(active);
      const first = active[0];
      if (first) {
        setAreaId(first.id);
        setLines(first.figureSet ?? []);
      }
    }, (e) => setPreviewError(errorMessage(e)));
  }, []);
  useEffect(() => {
    api.get<{ forces: Corps[] }>('/api/statistics/filters').then((r) => setCorps(r.forces), (e) => setPreviewError(errorMessage(e)));
  }, [locale]);
  // A line the editor already knows is incomplete is neither previewed nor saved; it says why beside it.
  // A set the server would refuse (a figure twice, a finding twice…) says so beside the line at fault.
  const setProblem = figureSetProblem(lines);
  const incomplete = lines.some((l) => lineProblem(l) !== null) || setProblem !== null;

  // The live preview: every change asks the server for the bulletin this set would print.
  useEffect(() => {
    if (!areaId || lines.length === 0 || incomplete) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      api.post<FigureSetPreview>(`/api/bulletin-figure-sets/${areaId}/preview`, { figures: lines, month }).then((p) => {
        if (mine !== seq.current) return;
        setPreview(p);
        setPreviewError(null);
      }, (e) => {
        if (mine === seq.current) setPreviewError(errorMessage(e));
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [areaId, month, lines, incomplete]);

  const change = (next: FigureSetLine[]) => {
    setSaved(false);
    setSaveError(null);
    setLines(next);
  };
  const update = (i: number, patch: Partial<FigureSetLine>) => change(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const move = (i: number, by: number) => {
    const next = [...lines];
    const [line] = next.splice(i, 1);
    next.splice(i + by, 0, line!);
    change(next);
  };

  async function save() {
    setBusy(true);
    setSaveError(null);
    try {
      await api.put(`/api/bulletin-figure-sets/${areaId}`, { figures: lines });
      setSaved(true);
    } catch (e) {
      setSaveError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  function problemMessage(p: FigureSetProblem): string {
    const lang = locale === 'en' ? 'en' : 'fr';
    const metric = (code: string) => metricLabel(code as CitableMetric, lang);
    switch (p.problem) {
      case 'duplicate_metric': return t('figureSets.problems.duplicateMetric', { metric: metric(p.metric) });
      case 'duplicate_finding': return t('figureSets.problems.duplicateFinding', { finding: findingLabel(p.finding)[lang] });
      case 'part_of_wrong_whole': return t('figureSets.problems.partOfWrongWhole', { metric: metric(p.metric), part: metric(p.part) });
      case 'force_present_and_absent': return t('figureSets.problems.forcePresentAndAbsent', { force: corps.find((c) => c.code === p.force)?.label ?? p.force });
      case 'forces_not_on_evictions': return t('figureSets.problems.forcesNotOnEvictions');
    }
  }

  // The HRO Calaisis line to start from: "dont M menées par la police nationale et la BAC sans CRS".
  const known = new Set(corps.map((c) => c.code));
  const starter = { present: ['pn', 'bac'].filter((c) => known.has(c)), absent: ['crs'].filter((c) => known.has(c)) };
  const usedFindings = new Set(lines.map((l) => l.finding));
  const nextFinding = FINDINGS.find((f) => !usedFindings.has(f));
  // A new line starts on a figure the set does not list yet, so adding never makes a repeat.
  const usedMetrics = new Set(lines.filter((l) => !l.forces && !l.finding).map((l) => l.metric));
  const nextMetric = METRIC_CODES.find((m) => !usedMetrics.has(m));
  return (
    <Screen title={t('figureSets.title')}>
      <p class="lead">{t('figureSets.lead')}</p>
      <div class="figure-set-layout">
        <section class="card" aria-labelledby="figure-set-lines">
          <h2 id="figure-set-lines">{t('figureSets.lines')}</h2>
          <SelectField label={t('figureSets.area')} value={areaId} options={areas.map((a) => ({ value: a.id, label: a.name }))}
            onValue={(id) => { setAreaId(id); change(areas.find((a) => a.id === id)?.figureSet ?? []); }} />
          <div class="field">
            <label for="figure-set-month">{t('figureSets.previewMonth')}</label>
            <input id="figure-set-month" type="month" value={month} onInput={(e) => setMonth(e.currentTarget.value)} data-testid="figure-set-month" />
          </div>
          <ol class="figure-set-lines" data-testid="figure-set-lines">
            {lines.map((l, i) => (
              <li key={`${i}-${l.metric}`} class="figure-set-line" data-testid="figure-set-line">
                <FigureSetLineEditor line={l} index={i} corps={corps} onLine={(patch) => update(i, patch)} />
                {setProblem?.index === i && <p class="field-error" role="alert" data-testid="figure-set-line-error">{problemMessage(setProblem)}</p>}
                <div class="actions">
                  <Button variant="secondary" disabled={i === 0} onClick={() => move(i, -1)} testId={`figure-set-up-${i}`}>{t('figureSets.up')}</Button>
                  <Button variant="secondary" disabled={i === lines.length - 1} onClick={() => move(i, 1)}>{t('figureSets.down')}</Button>
                  <Button variant="secondary" onClick={() => change(lines.filter((_, j) => j !== i))} testId={`figure-set-remove-${i}`}>{t('figureSets.remove')}</Button>
                </div>
              </li>
            ))}
          </ol>
          <div class="actions">
            <Button variant="secondary" disabled={!nextMetric} onClick={() => change([...lines, { metric: nextMetric!, part: null }])} testId="figure-set-add">{t('figureSets.add')}</Button>
            <Button variant="secondary" disabled={corps.length === 0} onClick={() => change([...lines, { metric: 'evictions', part: null, forces: starter }])} testId="figure-set-add-forces">
              {t('figureSets.addForces')}
            </Button>
            <Button variant="secondary" disabled={!nextFinding} onClick={() => change([...lines, { metric: 'evictions', part: null, finding: nextFinding! }])} testId="figure-set-add-finding">
              {t('figureSets.addFinding')}
            </Button>
          </div>
          <p class="field-hint">{t('figureSets.findingsHint')}</p>
          <FormError message={saveError} />
          {saved && <p class="notice" role="status" data-testid="figure-set-saved">{t('figureSets.saved')}</p>}
          <Button onClick={() => void save()} busy={busy} disabled={!areaId || lines.length === 0 || incomplete} testId="figure-set-save">{t('figureSets.save')}</Button>
        </section>
        <section aria-labelledby="figure-set-preview" aria-live="polite">
          <h2 id="figure-set-preview">{t('figureSets.preview')}</h2>
          <FormError message={previewError} />
          {preview && <BulletinPreview doc={preview.documents[locale === 'en' ? 'en' : 'fr']} />}
        </section>
      </div>
    </Screen>
  );
}
