import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage, requestFile } from '../../api/client';
import { useT } from '../../i18n';
import { Screen } from '../../shell/Screen';
import { Button } from '../../ui/Button';
import { FormError } from '../../ui/FormError';
import { SelectField } from '../../ui/SelectField';
import { saveFile } from './saveBundleFile';

/** The factual summary over a period and an area, for a référé or a referral (a PDF). */
export function PatternEvidencePage() {
  const t = useT();
  const [areas, setAreas] = useState<Array<{ code: string; name: string }>>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [area, setArea] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.get<{ areas: Array<{ code: string; name: string }> }>('/api/legal/pattern-evidence/areas').then((r) => setAreas(r.areas), (e) => setError(errorMessage(e)));
  }, []);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true); setError(null);
    try {
      const query = new URLSearchParams({ from, to, ...(area && { area }) });
      const { blob, fileName } = await requestFile('GET', `/api/legal/pattern-evidence.pdf?${query}`);
      saveFile(blob, fileName ?? 'releve-expulsions.pdf');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Screen title={t('legalEvidence.pattern.title')} narrow>
      <p>{t('legalEvidence.pattern.intro')}</p>
      <form onSubmit={submit} data-testid="pattern-form">
        <div class="field">
          <label for="pattern-from">{t('legalEvidence.pattern.from')}</label>
          <input id="pattern-from" type="date" required value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="pattern-to">{t('legalEvidence.pattern.to')}</label>
          <input id="pattern-to" type="date" required value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </div>
        <SelectField label={t('legalEvidence.pattern.area')} value={area} onValue={setArea}
          options={[{ value: '', label: t('legalEvidence.pattern.allAreas') }, ...areas.map((a) => ({ value: a.code, label: a.name }))]} />
        <FormError message={error} />
        <Button type="submit" busy={busy} testId="pattern-submit">{busy ? t('legalEvidence.pattern.working') : t('legalEvidence.pattern.submit')}</Button>
      </form>
    </Screen>
  );
}
