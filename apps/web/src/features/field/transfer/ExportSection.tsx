import { useId, useState } from 'preact/hooks';
import { useT } from '../../../i18n';
import { SelectField } from '../../../ui/SelectField';

/** Evictions of a period as CSV (Excel in French) or XLSX; verified ones unless asked otherwise. */
export function ExportSection() {
  const t = useT();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [status, setStatus] = useState('verified');
  const backwards = Boolean(from && to && from > to);
  const query = new URLSearchParams({ ...(from && { from }), ...(to && { to }), status }).toString();
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">{t('transfer.export.title')}</h2>
      <div class="export-period">
        <DateInput label={t('transfer.export.from')} value={from} onValue={setFrom} testId="export-from" />
        <DateInput label={t('transfer.export.to')} value={to} onValue={setTo} testId="export-to" error={backwards ? t('transfer.export.backwards') : null} />
      </div>
      <SelectField
        label={t('transfer.export.status')}
        value={status}
        onValue={setStatus}
        options={(['verified', 'submitted', 'all'] as const).map((s) => ({ value: s, label: t(`transfer.export.statuses.${s}`) }))}
      />
      {!backwards && (
        <p class="export-buttons">
          <a class="btn btn-primary" href={`/api/exports/evictions.csv?${query}`} download data-testid="export-csv">{t('transfer.export.csv')}</a>
          <a class="btn btn-secondary" href={`/api/exports/evictions.xlsx?${query}`} download data-testid="export-xlsx">{t('transfer.export.xlsx')}</a>
        </p>
      )}
    </section>
  );
}

function DateInput({ label, value, onValue, testId, error }: { label: string; value: string; onValue: (v: string) => void; testId: string; error?: string | null }) {
  const id = useId();
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      <input id={id} type="date" value={value} onInput={(e) => onValue(e.currentTarget.value)} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined} data-testid={testId} />
      {error && <p id={`${id}-error`} class="field-error">{error}</p>}
    </div>
  );
}
