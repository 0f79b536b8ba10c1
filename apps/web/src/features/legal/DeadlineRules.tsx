import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../../api/client';
import { useT } from '../../i18n';
import { Button } from '../../ui/Button';
import { Checkbox } from '../../ui/Checkbox';
import { FormError, StatusMessage } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { TextArea } from './fields';
import { legalApi, type DeadlineRuleView } from './legalApi';

/** The rules deadlines are computed from, editable by the legal pole when the law changes. */
export function DeadlineRules() {
  const t = useT();
  const [rules, setRules] = useState<DeadlineRuleView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { legalApi.rules().then(setRules, (e) => setError(errorMessage(e))); }, []);
  return (
    <section>
      <p>{t('legalCases.rules.intro')}</p>
      <FormError message={error} />
      {rules?.map((r) => <RuleForm key={r.id} rule={r} />)}
    </section>
  );
}

function RuleForm({ rule }: { rule: DeadlineRuleView }) {
  const t = useT();
  const [draft, setDraft] = useState(rule);
  const [remind, setRemind] = useState(rule.remindDaysBefore.join(', '));
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const set = (patch: Partial<DeadlineRuleView>) => setDraft({ ...draft, ...patch });
  async function save(e: Event) {
    e.preventDefault();
    setError(null);
    setStatus(null);
    try {
      const days = remind.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
      const saved = await legalApi.saveRule({ ...draft, remindDaysBefore: days });
      setDraft(saved);
      setStatus(t('legalCases.rules.saved'));
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  return (
    <form class="legal-rule" onSubmit={save}>
      <h3>{draft.label}</h3>
      <p>{t('legalCases.rules.triggerLabel')} : {draft.triggerLabel} · {draft.amount} {t(`legalCases.rules.units.${draft.unit}`)} · {t(`legalCases.rules.effects.${draft.effect}`)}</p>
      <FormError message={error} />
      <TextField label={t('legalCases.deadlines.label')} value={draft.label} onValue={(v) => set({ label: v })} />
      <TextField label={t('legalCases.rules.amount')} value={String(draft.amount)} inputMode="numeric" onValue={(v) => set({ amount: Number(v) || 0 })} />
      <Checkbox label={t('legalCases.rules.extends')} checked={draft.extendsToWorkingDay} onChecked={(v) => set({ extendsToWorkingDay: v })} />
      <TextArea label={t('legalCases.deadlines.source')} value={draft.sourceNote} onValue={(v) => set({ sourceNote: v })} />
      <TextField label={t('legalCases.rules.remind')} value={remind} onValue={setRemind} />
      <Checkbox label={t('legalCases.rules.active')} checked={draft.active} onChecked={(v) => set({ active: v })} />
      <Button type="submit" variant="secondary">{t('legalCases.rules.save')}</Button>
      <StatusMessage message={status} />
    </form>
  );
}
