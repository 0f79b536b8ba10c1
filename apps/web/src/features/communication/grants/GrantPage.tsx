import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { formatEuros, INDICATOR_SOURCES, METRIC_CODES, metricLabel, type MetricCode } from '@vigie/domain/rules';
import { api, errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import type { FilterOptions } from '../dashboard/types';
import { GrantForm } from './GrantsPage';
import { grantsApi, quantityOf, type GrantView, type IndicatorBody, type IndicatorSource, type IndicatorView } from './grantsApi';
import './grants.css';

type Place = 'page' | 'indicators';

/** One grant: its funder and period, its indicators for a chosen reporting period, and the report to download. */
export function GrantPage() {
  const t = useT();
  const locale = useLocale();
  const { params } = useRoute();
  const id = params.id!;
  const [grant, setGrant] = useState<GrantView | null>(null);
  const [error, setError] = useState<{ at: Place; message: string } | null>(null);
  const [editing, setEditing] = useState(false);
  const [periodId, setPeriodId] = useState('');
  const [editingIndicator, setEditingIndicator] = useState<string | null>(null);
  const [options, setOptions] = useState<FilterOptions | null>(null);
  const show = (g: GrantView) => { setGrant(g); if (!g.periods.some((p) => p.id === periodId)) setPeriodId(g.periods[0]?.id ?? ''); };
  useEffect(() => {
    grantsApi.get(id).then(show, (e) => setError({ at: 'page', message: errorMessage(e) }));
    api.get<FilterOptions>('/api/statistics/filters').then(setOptions, () => setOptions(null));
  }, [id]);
  const run = async (work: () => Promise<GrantView>, at: Place) => {
    setError(null);
    try { show(await work()); return true; } catch (e) { setError({ at, message: errorMessage(e) }); return false; }
  };
  const errorAt = (at: Place) => <FormError message={error?.at === at ? error.message : null} />;
  if (!grant) return <Screen title={t('grants.title')}>{errorAt('page')}</Screen>;
  const period = grant.periods.find((p) => p.id === periodId);
  const lang = locale === 'en' ? 'en' : 'fr';
  return (
    <Screen title={grant.title}>
      <p><a href="/communication/grants">{t('grants.back')}</a> · <a href="/communication/calendar">{t('campaigns.calendar.link')}</a></p>
      {errorAt('page')}
      <section class="card" aria-labelledby="grant-about">
        <h2 id="grant-about">{t('grants.about')}</h2>
        <p data-testid="grant-funder-line">{grant.funderName} · {formatEuros(grant.amountCents, locale)}</p>
        <p>{t('grants.period', { from: grant.startsOn, to: grant.endsOn })}</p>
        {grant.objectives && <p class="grant-objectives">{grant.objectives}</p>}
        <ul>{grant.periods.map((p) => <li key={p.id}>{p.label} : {t('grants.period', { from: p.startsOn, to: p.endsOn })}{p.reportDueOn && ` — ${t('grants.dueOn', { date: p.reportDueOn })}`}</li>)}</ul>
        {!editing && <Button variant="secondary" onClick={() => setEditing(true)}>{t('grants.edit')}</Button>}
        {editing && (
          <GrantForm initial={{ ...grant, periods: grant.periods.map((p) => ({ ...p })) }} submitLabel={t('grants.save')}
            onSubmit={async (b) => { if (await run(() => grantsApi.edit(id, b), 'page')) setEditing(false); }} />
        )}
      </section>

      <section class="card" aria-labelledby="grant-indicators">
        <h2 id="grant-indicators">{t('grants.indicators.title')}</h2>
        {grant.periods.length === 0 && <p>{t('grants.indicators.noPeriods')}</p>}
        {grant.periods.length > 0 && (
          <SelectField label={t('grants.indicators.period')} value={periodId} onValue={setPeriodId}
            options={grant.periods.map((p) => ({ value: p.id, label: `${p.label} (${p.startsOn} – ${p.endsOn})` }))} />
        )}
        {period && (
          <p class="grant-downloads">
            <a class="btn btn-secondary" href={grantsApi.reportUrl(id, 'xlsx', period.id, lang)} download data-testid="grant-report-xlsx">{t('grants.report.xlsx')}</a>{' '}
            <a class="btn btn-secondary" href={grantsApi.reportUrl(id, 'pdf', period.id, lang)} download data-testid="grant-report-pdf">{t('grants.report.pdf')}</a>
          </p>
        )}
        {errorAt('indicators')}
        <table class="grant-table" data-testid="indicator-table">
          <thead><tr>
            <th>{t('grants.indicators.name')}</th><th>{t('grants.indicators.baseline')}</th><th>{t('grants.indicators.target')}</th>
            <th>{t('grants.indicators.actual')}</th><th>{t('grants.indicators.source')}</th><th />
          </tr></thead>
          <tbody>
            {grant.indicators.map((i) => {
              const p = i.periods.find((x) => x.periodId === periodId);
              return (
                <tr key={i.id} data-testid="indicator-row">
                  <td>{i.name}{i.unit && <span class="grant-unit"> ({i.unit})</span>}</td>
                  <td>{i.baseline ?? '—'}</td>
                  <td>{p?.target ?? '—'}</td>
                  <td data-testid="indicator-actual">
                    {p?.problem ? <span class="grant-problem" role="note">{p.problemMessage}</span> : p?.wording ?? '—'}
                    {p?.computed && !p.problem && <span class="chip">{t('grants.indicators.computed')}</span>}
                  </td>
                  <td>{sourceText(t, i, locale)}{p?.manualSource && ` — ${p.manualSource}`}</td>
                  <td>
                    <Button variant="link" onClick={() => setEditingIndicator(editingIndicator === i.id ? null : i.id)}>{t('grants.indicators.edit')}</Button>
                    <Button variant="link" onClick={() => void run(() => grantsApi.removeIndicator(id, i.id), 'indicators')}>{t('grants.indicators.remove')}</Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {grant.indicators.length === 0 && <p>{t('grants.indicators.none')}</p>}
        {editingIndicator && (
          <IndicatorForm key={editingIndicator} grant={grant} options={options} initial={grant.indicators.find((i) => i.id === editingIndicator)}
            submitLabel={t('grants.save')}
            onSubmit={async (b) => {
              const ok = await run(() => grantsApi.editIndicator(id, editingIndicator, b), 'indicators');
              if (ok) setEditingIndicator(null);
              return ok;
            }} />
        )}
        <h3>{t('grants.indicators.add')}</h3>
        <IndicatorForm grant={grant} options={options} submitLabel={t('grants.indicators.addButton')}
          onSubmit={async (b) => run(() => grantsApi.addIndicator(id, b), 'indicators')} />
      </section>
    </Screen>
  );
}

type T = ReturnType<typeof useT>;
function sourceText(t: T, i: IndicatorView, locale: string) {
  const base = t(`grants.sources.${i.source}`);
  if (i.source !== 'statistics' || !i.metric) return base;
  const where = [i.areaCode, i.forceCorps].filter(Boolean).join(', ');
  return `${base} — ${metricLabel(i.metric as MetricCode, locale === 'en' ? 'en' : 'fr')}${where ? ` (${where})` : ''}`;
}

type ValueDraft = { target: string; actual: string; actualSource: string };

/** An indicator's fields, and per reporting period its target and — when entered by hand — its actual with its source. */
function IndicatorForm({ grant, options, initial, submitLabel, onSubmit }: {
  grant: GrantView; options: FilterOptions | null; initial?: IndicatorView; submitLabel: string; onSubmit: (b: IndicatorBody) => Promise<boolean>;
}) {
  const t = useT();
  const locale = useLocale();
  const [name, setName] = useState(initial?.name ?? '');
  const [unit, setUnit] = useState(initial?.unit ?? '');
  const [baseline, setBaseline] = useState(initial?.baseline === null || initial?.baseline === undefined ? '' : String(initial.baseline));
  const [source, setSource] = useState<IndicatorSource>(initial?.source ?? 'statistics');
  const [metric, setMetric] = useState(initial?.metric ?? 'evictions');
  const [areaCode, setAreaCode] = useState(initial?.areaCode ?? '');
  const [forceCorps, setForceCorps] = useState(initial?.forceCorps ?? '');
  const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
  const [values, setValues] = useState<Record<string, ValueDraft>>(Object.fromEntries(grant.periods.map((p) => {
    const v = initial?.periods.find((x) => x.periodId === p.id);
    return [p.id, { target: text(v?.target), actual: v && !v.computed ? text(v.actual?.value) : '', actualSource: v?.manualSource ?? '' }];
  })));
  const setValue = (periodId: string, change: Partial<ValueDraft>) => setValues({ ...values, [periodId]: { ...values[periodId]!, ...change } });
  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = await onSubmit({
      name, unit, baseline: quantityOf(baseline), source, metric: source === 'statistics' ? metric : null,
      areaCode: source === 'statistics' && areaCode ? areaCode : null, forceCorps: source === 'statistics' && forceCorps ? forceCorps : null,
      values: grant.periods.map((p) => {
        const v = values[p.id]!;
        const actual = source === 'manual' ? quantityOf(v.actual) : null;
        return { periodId: p.id, target: quantityOf(v.target), actual, actualSource: actual === null ? null : v.actualSource.trim() || null };
      }),
    });
    if (ok && !initial) { setName(''); setUnit(''); setBaseline(''); }
  };
  const l = locale === 'en' ? 'en' : 'fr';
  return (
    <form class="card grant-indicator-form" onSubmit={(e) => void submit(e)} data-testid={initial ? 'indicator-edit' : 'indicator-new'}>
      <TextField label={t('grants.indicators.name')} value={name} onValue={setName} required maxLength={300} testId="indicator-name" />
      <TextField label={t('grants.indicators.unit')} value={unit} onValue={setUnit} maxLength={100} />
      <TextField label={t('grants.indicators.baseline')} value={baseline} onValue={setBaseline} inputMode="numeric" />
      <SelectField label={t('grants.indicators.source')} value={source} onValue={(v) => setSource(v as IndicatorSource)}
        options={INDICATOR_SOURCES.map((s) => ({ value: s, label: t(`grants.sources.${s}`) }))} />
      {source === 'statistics' && (
        <>
          <SelectField label={t('grants.indicators.metric')} value={metric} onValue={setMetric}
            options={METRIC_CODES.map((m) => ({ value: m, label: metricLabel(m, l) }))} />
          <SelectField label={t('grants.indicators.area')} value={areaCode} onValue={setAreaCode}
            options={[{ value: '', label: t('grants.indicators.allAreas') }, ...(options?.areas ?? []).map((a) => ({ value: a.code, label: a.name || a.code }))]} />
          <SelectField label={t('grants.indicators.force')} value={forceCorps} onValue={setForceCorps}
            options={[{ value: '', label: t('grants.indicators.allForces') }, ...(options?.forces ?? []).map((f) => ({ value: f.code, label: f.label }))]} />
        </>
      )}
      {grant.periods.map((p) => (
        <fieldset key={p.id} class="grant-value">
          <legend>{p.label}</legend>
          <TextField label={t('grants.indicators.target')} value={values[p.id]!.target} onValue={(v) => setValue(p.id, { target: v })} inputMode="numeric" testId="indicator-target" />
          {source === 'manual' && (
            <>
              <TextField label={t('grants.indicators.actual')} value={values[p.id]!.actual} onValue={(v) => setValue(p.id, { actual: v })} inputMode="numeric" />
              <TextField label={t('grants.indicators.actualSource')} value={values[p.id]!.actualSource} onValue={(v) => setValue(p.id, { actualSource: v })}
                hint={t('grants.indicators.actualSourceHint')} maxLength={1000} />
            </>
          )}
        </fieldset>
      ))}
      {source !== 'manual' && <p class="field-hint">{t('grants.indicators.computedHint')}</p>}
      <Button type="submit" testId="indicator-save">{submitLabel}</Button>
    </form>
  );
}
