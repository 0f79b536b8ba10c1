import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { LEGAL_ACTION_TYPES } from '@vigie/domain/rules';
import { errorMessage } from '../../api/client';
import { useT } from '../../i18n';
import { Screen } from '../../shell/Screen';
import { Button } from '../../ui/Button';
import { FormError } from '../../ui/FormError';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { TextArea } from './fields';
import { legalApi } from './legalApi';
import './legal.css';

/** Opening a case, possibly from an eviction (?evictionId=…) or an incident (?incidentId=…, with its eviction), linked at once. */
export function NewCasePage() {
  const t = useT();
  const { query, route } = useLocation();
  const evictionId = query.evictionId;
  const incidentId = query.incidentId;
  const [title, setTitle] = useState('');
  const [actionType, setActionType] = useState<string>('refere_liberte');
  const [court, setCourt] = useState('');
  const [summary, setSummary] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const opened = await legalApi.open({ title, actionType, court, summary, ...(evictionId && { evictionId }), ...(incidentId && { incidentId }) });
      route(`/legal/cases/${opened.id}`);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }
  return (
    <Screen title={t('legalCases.cases.new')} narrow>
      <p><a href="/legal">{t('legalCases.case.back')}</a></p>
      {incidentId ? <p>{t('legalPicker.linkedIncident')}</p> : evictionId && <p>{t('legalCases.form.linkedEviction')}</p>}
      <form onSubmit={submit}>
        <FormError message={error} />
        <TextField label={t('legalCases.form.title')} value={title} onValue={setTitle} required maxLength={200} testId="case-title" />
        <SelectField label={t('legalCases.form.actionType')} value={actionType} onValue={setActionType}
          options={LEGAL_ACTION_TYPES.map((a) => ({ value: a, label: t(`legalCases.actionTypes.${a}`) }))} />
        <TextField label={t('legalCases.form.court')} value={court} onValue={setCourt} maxLength={200} testId="case-court" />
        <TextArea label={t('legalCases.form.summary')} value={summary} onValue={setSummary} />
        <Button type="submit" busy={busy} testId="case-create">{t('legalCases.form.create')}</Button>
      </form>
    </Screen>
  );
}
