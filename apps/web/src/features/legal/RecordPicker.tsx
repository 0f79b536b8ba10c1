import { useEffect, useState } from 'preact/hooks';
import type { RecordSearchView } from '@vigie/domain/rules';
import { api, errorMessage } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { Button } from '../../ui/Button';
import { FormError } from '../../ui/FormError';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { formatDateTime } from '../field/capture/format';
import { DateField } from './fields';

type Target = 'eviction' | 'incident' | 'evidence';

/**
 * Finds an eviction, an incident or an evidence file by date, site, force, incident type or words, and hands the
 * chosen row to `onPick`: the legal pole links records to a case without ever pasting an id.
 */
export function RecordPicker({ onPick }: { onPick: (target: Target, id: string) => void }) {
  const t = useT();
  const locale = useLocale();
  const [target, setTarget] = useState<Target>('eviction');
  const [filters, setFilters] = useState({ from: '', to: '', siteId: '', corps: '', incidentType: '', q: '' });
  const [answer, setAnswer] = useState<RecordSearchView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof filters) => (value: string) => setFilters({ ...filters, [key]: value });
  const label = (o: { labelFr: string; labelEn: string }) => (locale === 'fr' ? o.labelFr : o.labelEn);

  async function search(e?: Event) {
    e?.preventDefault();
    setError(null);
    const query = new URLSearchParams({ target, ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v.trim() !== '')) });
    try {
      setAnswer(await api.get<RecordSearchView>(`/api/field-records/search?${query}`));
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  useEffect(() => void search(), [target]);

  const options = answer?.options;
  return (
    <div class="record-picker" data-testid="record-picker">
      <form class="legal-inline-form" onSubmit={search}>
        <SelectField label={t('legalPicker.target')} value={target} onValue={(v) => setTarget(v as Target)}
          options={(['eviction', 'incident', 'evidence'] as const).map((x) => ({ value: x, label: t(`legalCases.case.targets.${x}`) }))} />
        <DateField label={t('legalPicker.from')} value={filters.from} onValue={set('from')} />
        <DateField label={t('legalPicker.to')} value={filters.to} onValue={set('to')} />
        <SelectField label={t('legalPicker.site')} value={filters.siteId} onValue={set('siteId')}
          options={[{ value: '', label: t('legalPicker.any') }, ...(options?.sites ?? []).map((s) => ({ value: s.id, label: `${s.code} — ${s.name}` }))]} />
        {/* An eviction is found by its forces, an incident by its type; a file by either (its eviction's, its incident's). */}
        {target !== 'incident' && (
          <SelectField label={t('legalPicker.force')} value={filters.corps} onValue={set('corps')}
            options={[{ value: '', label: t('legalPicker.any') }, ...(options?.corps ?? []).map((o) => ({ value: o.code, label: label(o) }))]} />
        )}
        {target !== 'eviction' && (
          <SelectField label={t('legalPicker.incidentType')} value={filters.incidentType} onValue={set('incidentType')}
            options={[{ value: '', label: t('legalPicker.any') }, ...(options?.incidentTypes ?? []).map((o) => ({ value: o.code, label: label(o) }))]} />
        )}
        <TextField label={t('legalPicker.words')} value={filters.q} onValue={set('q')} maxLength={100} testId="picker-words" />
        <Button type="submit" variant="secondary" testId="picker-search">{t('legalPicker.search')}</Button>
      </form>
      <FormError message={error} />
      {answer && answer.results.length === 0 && <p class="muted">{t('legalPicker.none')}</p>}
      <ul class="rows">
        {answer?.results.map((r) => (
          <li key={r.id} data-testid="picker-result">
            <span>{r.site && <><strong>{r.site.code}</strong> — {r.site.name}</>}{r.site && r.place && ', '}{r.place}, {formatDateTime(r.at, locale)}{r.detail && ` — ${r.detail}`}</span>{' '}
            {/* A file taken at an incident outside an eviction opens on that incident's page. */}
            <a href={r.evictionId === null || r.target === 'incident' ? `/incidents/${r.incidentId}` : `/evictions/${r.evictionId}`} target="_blank" rel="noopener">{t('legalPicker.open')}</a>{' '}
            <Button variant="secondary" onClick={() => onPick(r.target, r.id)} testId="picker-link">{t('legalPicker.link')}</Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
