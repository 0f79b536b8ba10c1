import { FIGURE_PARTS, METRICS, metricLabel, type MetricCode } from '@vigie/domain/rules';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { BulletinPreview } from '../bulletins/BulletinPreview';
import { lastMonth } from '../bulletins/bulletinApi';
import '../bulletins/communication.css';
import type { AreaOption, FigureSetLine, FigureSetPreview } from './figureSetApi';

/**
 * The figure set of an area, edited on screen: which figures the bulletin lists, in which
 * order, with which part ("dont"), and whether a zero line is printed; beside it, the bulletin
 * of a chosen month as this set would print it, refreshed as the set changes. Nothing is
 * saved until "Enregistrer"; a refused set (unknown figure, part of the wrong whole) says why.
 */
export function FigureSetPage() {
  const t = useT();
  const locale = useLocale();
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

  // The live preview: every change asks the server for the bulletin this set would print.
  useEffect(() => {
    if (!areaId || lines.length === 0) return;
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
  }, [areaId, month, lines]);

  const label = (code: string) => metricLabel(code as MetricCode, locale === 'en' ? 'en' : 'fr');
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

  const metricOptions = METRICS.map((m) => ({ value: m.code, label: label(m.code) }));
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
                {l.forces ? (
                  <p>{t('figureSets.forcesLine', { present: l.forces.present.join(', '), absent: l.forces.absent.join(', ') || '—' })}</p>
                ) : (
                  <>
                    <SelectField label={t('figureSets.metric')} value={l.metric} options={metricOptions}
                      onValue={(metric) => update(i, { metric, part: null })} />
                    <SelectField label={t('figureSets.part')} value={l.part ?? ''}
                      options={[{ value: '', label: t('figureSets.noPart') }, ...(FIGURE_PARTS[l.metric as MetricCode] ?? []).map((p) => ({ value: p, label: label(p) }))]}
                      onValue={(part) => update(i, { part: part || null })} />
                    <label class="check">
                      <input type="checkbox" checked={l.showZero ?? false} onChange={(e) => update(i, { showZero: e.currentTarget.checked || undefined })} />
                      {t('figureSets.showZero')}
                    </label>
                  </>
                )}
                <div class="actions">
                  <Button variant="secondary" disabled={i === 0} onClick={() => move(i, -1)} testId={`figure-set-up-${i}`}>{t('figureSets.up')}</Button>
                  <Button variant="secondary" disabled={i === lines.length - 1} onClick={() => move(i, 1)}>{t('figureSets.down')}</Button>
                  <Button variant="secondary" onClick={() => change(lines.filter((_, j) => j !== i))} testId={`figure-set-remove-${i}`}>{t('figureSets.remove')}</Button>
                </div>
              </li>
            ))}
          </ol>
          <Button variant="secondary" onClick={() => change([...lines, { metric: 'evictions', part: null }])} testId="figure-set-add">{t('figureSets.add')}</Button>
          <FormError message={saveError} />
          {saved && <p class="notice" role="status" data-testid="figure-set-saved">{t('figureSets.saved')}</p>}
          <Button onClick={() => void save()} busy={busy} disabled={!areaId || lines.length === 0} testId="figure-set-save">{t('figureSets.save')}</Button>
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
