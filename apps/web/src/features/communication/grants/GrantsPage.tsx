import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { formatEuros, parisDate } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { contactsApi } from '../contacts/contactsApi';
import { centsOf, grantsApi, type GrantBody, type GrantSummaryView } from './grantsApi';
import './grants.css';

/** The grants, latest first, with their next report date, and the form that records one. */
export function GrantsPage() {
  const t = useT();
  const locale = useLocale();
  const { route } = useLocation();
  const [grants, setGrants] = useState<GrantSummaryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { grantsApi.list().then(setGrants, (e) => setError(errorMessage(e))); }, []);
  async function create(body: GrantBody) {
    setError(null);
    try { route(`/communication/grants/${(await grantsApi.create(body)).id}`); } catch (err) { setError(errorMessage(err)); }
  }
  return (
    <Screen title={t('grants.title')}>
      <p class="lead">{t('grants.lead')}</p>
      <ul class="rows" data-testid="grant-list">
        {(grants ?? []).map((g) => (
          <li key={g.id}>
            <a class="row-link" href={`/communication/grants/${g.id}`}>
              <strong>{g.title}</strong>
              <span>{g.funderName} · {formatEuros(g.amountCents, locale)}</span>
              <span>{t('grants.period', { from: g.startsOn, to: g.endsOn })}</span>
              {g.nextReportDueOn && <span class="chip">{t('grants.nextDue', { date: g.nextReportDueOn })}</span>}
            </a>
          </li>
        ))}
      </ul>
      {grants?.length === 0 && <p>{t('grants.none')}</p>}
      <h2>{t('grants.new')}</h2>
      <FormError message={error} />
      <GrantForm submitLabel={t('grants.create')} onSubmit={create} />
    </Screen>
  );
}

type PeriodDraft = { id?: string; label: string; startsOn: string; endsOn: string; reportDueOn: string };
const today = () => parisDate(new Date());

/** A grant's fields: title, funder (an organisation from the contacts, or typed), amount, period, objectives, reporting periods. */
export function GrantForm({ initial, submitLabel, onSubmit }: { initial?: GrantBody; submitLabel: string; onSubmit: (b: GrantBody) => Promise<void> }) {
  const t = useT();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [funders, setFunders] = useState<Array<{ value: string; label: string }>>([]);
  const [funderContactId, setFunderContactId] = useState(initial?.funderContactId ?? '');
  const [funderName, setFunderName] = useState(initial?.funderContactId ? '' : initial?.funderName ?? '');
  const [amount, setAmount] = useState(initial ? String(initial.amountCents / 100) : '');
  const [startsOn, setStartsOn] = useState(initial?.startsOn ?? today());
  const [endsOn, setEndsOn] = useState(initial?.endsOn ?? today());
  const [objectives, setObjectives] = useState(initial?.objectives ?? '');
  const [remind, setRemind] = useState(String(initial?.remindDaysBefore ?? 14));
  const [periods, setPeriods] = useState<PeriodDraft[]>((initial?.periods ?? []).map((p) => ({ ...p, reportDueOn: p.reportDueOn ?? '' })));
  useEffect(() => {
    contactsApi.search('kind=organisation').then((cs) => setFunders(cs.map((c) => ({ value: c.id, label: c.displayName }))), () => setFunders([]));
  }, []);
  const setPeriod = (i: number, change: Partial<PeriodDraft>) => setPeriods(periods.map((p, j) => (j === i ? { ...p, ...change } : p)));
  const submit = (e: Event) => {
    e.preventDefault();
    void onSubmit({
      title, funderContactId: funderContactId || null, funderName: funderContactId ? '' : funderName, amountCents: centsOf(amount) || 0,
      startsOn, endsOn, objectives, remindDaysBefore: Number(remind) || 0,
      periods: periods.map((p) => ({ ...(p.id ? { id: p.id } : {}), label: p.label, startsOn: p.startsOn, endsOn: p.endsOn, reportDueOn: p.reportDueOn || null })),
    });
  };
  const date = (id: string, label: string, value: string, set: (v: string) => void, required = true) => (
    <div class="field"><label for={id}>{label}</label>
      <input id={id} type="date" required={required} value={value} onInput={(e) => set(e.currentTarget.value)} data-testid={id} /></div>
  );
  return (
    <form class="card grant-form" onSubmit={submit}>
      <TextField label={t('grants.fields.title')} value={title} onValue={setTitle} required maxLength={200} testId="grant-title" />
      <SelectField label={t('grants.fields.funderContact')} value={funderContactId} onValue={setFunderContactId}
        options={[{ value: '', label: t('grants.fields.funderTyped') }, ...funders]} />
      {!funderContactId && <TextField label={t('grants.fields.funderName')} value={funderName} onValue={setFunderName} maxLength={300} testId="grant-funder" />}
      <TextField label={t('grants.fields.amount')} value={amount} onValue={setAmount} inputMode="numeric" required testId="grant-amount" />
      <div class="grant-dates">
        {date('grant-from', t('grants.fields.startsOn'), startsOn, setStartsOn)}
        {date('grant-to', t('grants.fields.endsOn'), endsOn, setEndsOn)}
      </div>
      <div class="field"><label for="grant-objectives">{t('grants.fields.objectives')}</label>
        <textarea id="grant-objectives" rows={3} value={objectives} onInput={(e) => setObjectives(e.currentTarget.value)} /></div>
      <TextField label={t('grants.fields.remindDays')} value={remind} onValue={setRemind} inputMode="numeric" />
      <fieldset>
        <legend>{t('grants.fields.periods')}</legend>
        <p class="field-hint">{t('grants.fields.periodsHint')}</p>
        {periods.map((p, i) => (
          <div class="grant-period" key={i}>
            <TextField label={t('grants.fields.periodLabel')} value={p.label} onValue={(v) => setPeriod(i, { label: v })} required maxLength={100} testId={`period-label-${i}`} />
            {date(`period-from-${i}`, t('grants.fields.startsOn'), p.startsOn, (v) => setPeriod(i, { startsOn: v }))}
            {date(`period-to-${i}`, t('grants.fields.endsOn'), p.endsOn, (v) => setPeriod(i, { endsOn: v }))}
            {date(`period-due-${i}`, t('grants.fields.reportDueOn'), p.reportDueOn, (v) => setPeriod(i, { reportDueOn: v }), false)}
            <Button variant="secondary" onClick={() => setPeriods(periods.filter((_, j) => j !== i))}>{t('grants.fields.removePeriod')}</Button>
          </div>
        ))}
        <Button variant="secondary" testId="period-add" onClick={() => setPeriods([...periods, { label: '', startsOn, endsOn, reportDueOn: '' }])}>
          {t('grants.fields.addPeriod')}
        </Button>
      </fieldset>
      <Button type="submit" testId="grant-save">{submitLabel}</Button>
    </form>
  );
}
