import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { Button } from '../../ui/Button';
import { FormError } from '../../ui/FormError';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { DateField } from './fields';
import { formatDay, legalApi, type DeadlineRuleView, type DeadlineView } from './legalApi';

/** A case's deadlines, and adding one from a rule and its trigger date, or by hand. */
export function CaseDeadlines({ caseId }: { caseId: string }) {
  const t = useT();
  const [deadlines, setDeadlines] = useState<DeadlineView[]>([]);
  const [rules, setRules] = useState<DeadlineRuleView[]>([]);
  const [ruleId, setRuleId] = useState('');
  const [trigger, setTrigger] = useState('');
  const [label, setLabel] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reload = () => legalApi.deadlines(`caseId=${caseId}`).then(setDeadlines, (e) => setError(errorMessage(e)));
  useEffect(() => {
    void reload();
    legalApi.rules().then((r) => setRules(r.filter((x) => x.active)), () => setRules([]));
  }, [caseId]);
  const rule = rules.find((r) => r.id === ruleId);
  async function add(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      // The trigger date is sent even when empty so that the server names what is missing.
      await legalApi.addDeadline(caseId, rule ? { ruleId, triggerDate: trigger || null } : { label, dueOn });
      setTrigger(''); setLabel(''); setDueOn('');
      await reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  return (
    <section aria-labelledby="case-deadlines-title">
      <h2 id="case-deadlines-title">{t('legalCases.deadlines.title')}</h2>
      {deadlines.length === 0 && <p>{t('legalCases.deadlines.none')}</p>}
      <ul class="legal-deadlines" data-testid="case-deadlines">
        {deadlines.map((d) => <DeadlineItem key={d.id} d={d} onDone={() => legalApi.patchDeadline(caseId, d.id, { done: d.state !== 'done' }).then(reload, (e) => setError(errorMessage(e)))} />)}
      </ul>
      <form class="legal-inline-form" onSubmit={add}>
        <FormError message={error} />
        <SelectField label={t('legalCases.deadlines.rule')} value={ruleId} onValue={setRuleId}
          options={[{ value: '', label: t('legalCases.deadlines.manual') }, ...rules.map((r) => ({ value: r.id, label: r.label }))]} />
        {rule && <DateField label={t('legalCases.deadlines.trigger', { label: rule.triggerLabel })} value={trigger} onValue={setTrigger} testId="deadline-trigger" />}
        {rule && <p class="field-hint">{rule.sourceNote}</p>}
        {!rule && <TextField label={t('legalCases.deadlines.label')} value={label} onValue={setLabel} />}
        {!rule && <DateField label={t('legalCases.deadlines.dueOn')} value={dueOn} onValue={setDueOn} />}
        <Button type="submit" variant="secondary" testId="deadline-add">{t('legalCases.deadlines.add')}</Button>
      </form>
    </section>
  );
}

export function DeadlineItem({ d, onDone }: { d: DeadlineView; onDone?: () => void }) {
  const t = useT();
  const locale = useLocale();
  return (
    <li class={`legal-deadline-item legal-deadline-${d.state}`} data-testid="deadline">
      <strong data-testid="deadline-date">{d.effect === 'opens' ? `${t('legalCases.deadlines.opens')} ` : ''}{formatDay(d.dueOn, locale)}</strong>
      {' '}— {d.label}{' '}
      <span class="legal-badge" data-testid="deadline-state">{t(`legalCases.deadlines.${d.state}`)}</span>
      {d.triggerDate && <div>{t('legalCases.deadlines.computedFrom', { date: formatDay(d.triggerDate, locale, 'short') })}</div>}
      {d.unextendedDueOn && <div>{t('legalCases.deadlines.extended', { date: formatDay(d.unextendedDueOn, locale, 'short') })}</div>}
      {d.sourceNote && <details><summary>{t('legalCases.deadlines.source')}</summary><p>{d.sourceNote}</p></details>}
      {onDone && d.state !== 'done' && <Button variant="link" onClick={onDone}>{t('legalCases.deadlines.markDone')}</Button>}
    </li>
  );
}
