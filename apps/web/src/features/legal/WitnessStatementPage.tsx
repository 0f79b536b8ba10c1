import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { errorMessage, fieldErrorsOf, requestFile } from '../../api/client';
import { useT } from '../../i18n';
import { Screen } from '../../shell/Screen';
import { Button } from '../../ui/Button';
import { FormError, StatusMessage } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { saveFile } from './saveBundleFile';

/** Today in Paris, as yyyy-MM-dd: the date written on the statement by default. */
const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

/**
 * The observer's witness statement about one eviction (/legal/witness/:evictionId) or one incident
 * outside an eviction (/legal/witness/incident/:incidentId). What is typed here only fills the
 * PDF: nothing is kept in the browser or on the server.
 */
export function WitnessStatementPage() {
  const t = useT();
  const { params } = useRoute();
  const [w, setW] = useState({ lastName: '', firstName: '', birthDate: '', birthPlace: '', address: '', occupation: '' });
  const [relation, setRelation] = useState(t('legalEvidence.witness.relationDefault'));
  const [account, setAccount] = useState('');
  const [place, setPlace] = useState('');
  const [date, setDate] = useState(parisToday());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const set = (k: keyof typeof w) => (v: string) => setW((prev) => ({ ...prev, [k]: v }));

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true); setError(null); setFields({}); setStatus(null);
    try {
      const { blob, fileName } = await requestFile('POST', '/api/legal/witness-statements', {
        ...(params.incidentId ? { incidentId: params.incidentId } : { evictionId: params.evictionId }), witness: w, relationToParties: relation, account, place, date,
      });
      saveFile(blob, fileName ?? 'attestation-temoin.pdf');
      setStatus(t('legalEvidence.witness.done'));
    } catch (err) {
      setError(errorMessage(err));
      setFields(fieldErrorsOf(err));
    } finally {
      setBusy(false);
    }
  }

  const f = (k: string) => fields[`witness.${k}`] ?? null;
  return (
    <Screen title={t('legalEvidence.witness.title')} narrow>
      <p>{params.incidentId ? t('legalEvidence.witness.introIncident') : t('legalEvidence.witness.intro')}</p>
      <form onSubmit={submit} data-testid="witness-form">
        <TextField label={t('legalEvidence.witness.lastName')} value={w.lastName} onValue={set('lastName')} required maxLength={100} error={f('lastName')} autocomplete="family-name" />
        <TextField label={t('legalEvidence.witness.firstName')} value={w.firstName} onValue={set('firstName')} required maxLength={100} error={f('firstName')} autocomplete="given-name" />
        <div class="field">
          <label for="witness-birth">{t('legalEvidence.witness.birthDate')}</label>
          <input id="witness-birth" type="date" required value={w.birthDate} onInput={(e) => set('birthDate')(e.currentTarget.value)} />
          {f('birthDate') && <p class="field-error">{f('birthDate')}</p>}
        </div>
        <TextField label={t('legalEvidence.witness.birthPlace')} value={w.birthPlace} onValue={set('birthPlace')} required maxLength={120} error={f('birthPlace')} />
        <TextField label={t('legalEvidence.witness.address')} value={w.address} onValue={set('address')} required maxLength={300} error={f('address')} autocomplete="street-address" />
        <TextField label={t('legalEvidence.witness.occupation')} value={w.occupation} onValue={set('occupation')} required maxLength={120} error={f('occupation')} />
        <TextField label={t('legalEvidence.witness.relation')} value={relation} onValue={setRelation} required maxLength={500} error={fields.relationToParties ?? null} />
        <div class="field">
          <label for="witness-account">{t('legalEvidence.witness.account')}</label>
          <textarea id="witness-account" rows={12} required maxLength={20000} value={account} onInput={(e) => setAccount(e.currentTarget.value)} />
          {fields.account && <p class="field-error">{fields.account}</p>}
        </div>
        <TextField label={t('legalEvidence.witness.place')} value={place} onValue={setPlace} required maxLength={120} error={fields.place ?? null} />
        <div class="field">
          <label for="witness-date">{t('legalEvidence.witness.date')}</label>
          <input id="witness-date" type="date" required value={date} onInput={(e) => setDate(e.currentTarget.value)} />
        </div>
        <FormError message={error} />
        <StatusMessage message={status} />
        <Button type="submit" busy={busy} testId="witness-submit">{busy ? t('legalEvidence.witness.working') : t('legalEvidence.witness.submit')}</Button>
      </form>
    </Screen>
  );
}

/** For an eviction's or an incident's screen: the way to the witness statement form. */
export function WitnessStatementLink(about: { evictionId: string } | { incidentId: string }) {
  const t = useT();
  const href = 'incidentId' in about ? `/legal/witness/incident/${about.incidentId}` : `/legal/witness/${about.evictionId}`;
  return <a class="btn btn-secondary" href={href} data-testid="witness-link">{t('legalEvidence.witness.open')}</a>;
}
