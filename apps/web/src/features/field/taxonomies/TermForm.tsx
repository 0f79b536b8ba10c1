import { useState } from 'preact/hooks';
import type { TaxonomyKind } from '@vigie/domain/rules';
import { api } from '../../../api/client';
import { useT } from '../../../i18n';
import { collect, required } from '../../../forms/validate';
import { useForm } from '../../../forms/useForm';
import { Button } from '../../../ui/Button';
import { Checkbox } from '../../../ui/Checkbox';
import { FormError } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { codeFromLabel, type TermView } from './types';

type Field = 'code' | 'labelFr' | 'labelEn';
const CODE = /^[a-z0-9_]{1,40}$/;

/** Adds a term to a list: its code follows the French label unless the coordinator types one. */
export function NewTermForm({ kind, onSaved }: { kind: TaxonomyKind; onSaved: (term: TermView) => void }) {
  const t = useT();
  const [labelFr, setLabelFr] = useState('');
  const [labelEn, setLabelEn] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const form = useForm<Field>();
  const effectiveCode = code ?? codeFromLabel(labelFr);
  const submit = form.onSubmit(
    () => collect({ labelFr: required(labelFr), labelEn: required(labelEn), code: CODE.test(effectiveCode) ? undefined : t('taxonomies.codeFormat') }),
    async () => {
      const term = await api.post<TermView>(`/api/taxonomies/${kind}`, { code: effectiveCode, labelFr: labelFr.trim(), labelEn: labelEn.trim() });
      setLabelFr('');
      setLabelEn('');
      setCode(null);
      onSaved(term);
    },
  );
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate class="term-form" data-testid="term-new">
      <h3>{t('taxonomies.addTerm')}</h3>
      <FormError message={form.formError} />
      <TextField label={t('taxonomies.labelFr')} value={labelFr} onValue={setLabelFr} maxLength={120} required error={form.errors.labelFr} testId="term-new-fr" />
      <TextField label={t('taxonomies.labelEn')} value={labelEn} onValue={setLabelEn} maxLength={120} required error={form.errors.labelEn} testId="term-new-en" />
      <TextField
        label={t('taxonomies.code')} value={effectiveCode} onValue={(v) => setCode(v)} maxLength={40} hint={t('taxonomies.codeHint')}
        error={form.errors.code} spellcheck={false} testId="term-new-code"
      />
      <Button type="submit" busy={form.busy} testId="term-new-submit">{t('taxonomies.add')}</Button>
    </form>
  );
}

/** Renames a term or (de)activates it. Its code never changes: past records refer to it. */
export function EditTermForm({ term, onSaved, onCancel }: { term: TermView; onSaved: (term: TermView) => void; onCancel: () => void }) {
  const t = useT();
  const [labelFr, setLabelFr] = useState(term.labelFr);
  const [labelEn, setLabelEn] = useState(term.labelEn);
  const [active, setActive] = useState(term.active);
  const form = useForm<Field>();
  const submit = form.onSubmit(
    () => collect({ labelFr: required(labelFr), labelEn: required(labelEn), code: undefined }),
    async () => {
      onSaved(await api.put<TermView>(`/api/taxonomies/${term.kind}/${term.code}`, { labelFr: labelFr.trim(), labelEn: labelEn.trim(), sort: term.sort, active }));
    },
  );
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate class="term-form" data-testid="term-edit">
      <FormError message={form.formError} />
      <TextField label={t('taxonomies.labelFr')} value={labelFr} onValue={setLabelFr} maxLength={120} required error={form.errors.labelFr} testId="term-edit-fr" />
      <TextField label={t('taxonomies.labelEn')} value={labelEn} onValue={setLabelEn} maxLength={120} required error={form.errors.labelEn} testId="term-edit-en" />
      <Checkbox label={t('taxonomies.activeLabel')} checked={active} onChecked={setActive} />
      {!active && term.active && <p class="field-hint">{t('taxonomies.deactivateHint')}</p>}
      <div class="form-actions">
        <Button type="submit" busy={form.busy} testId="term-edit-save">{t('taxonomies.save')}</Button>
        <Button variant="secondary" onClick={onCancel}>{t('taxonomies.cancel')}</Button>
      </div>
    </form>
  );
}
