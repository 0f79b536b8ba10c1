import { useEffect, useId, useState } from 'preact/hooks';
import type { ReferenceView } from '@vigie/domain/rules';
import { api, errorMessage, requestRaw } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { Checkbox } from '../../../ui/Checkbox';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { useFormats } from '../../../ui/formats';
import { formatDateTime } from '../capture/format';
import { ImportReport } from './ImportReport';
import { DATE_FORMATS, type Committed, type ImportOptions, type Mapping, type Report, type Uploaded } from './types';

const IGNORE = '';

/**
 * Import of a historical spreadsheet in three steps: send the file (nothing is recorded), match
 * its columns and check every row (a dry run), then record it all at once — or nothing.
 */
export function ImportSection() {
  const t = useT();
  const fmt = useFormats();
  const locale = useLocale();
  const fileId = useId();
  const [uploaded, setUploaded] = useState<Uploaded | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [options, setOptions] = useState<ImportOptions>({
    dateFormat: 'DD/MM/YYYY', areaCode: null, defaultAtLeast: false, createUnknownSites: false, markVerified: false, confirmSameFile: false,
  });
  const [areas, setAreas] = useState<{ code: string; name: string }[]>([]);
  const [report, setReport] = useState<Report | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'upload' | 'check' | 'commit' | null>(null);
  useEffect(() => {
    api.get<Pick<ReferenceView, 'areas'>>('/api/field/reference').then((r) => setAreas(r.areas), () => setAreas([]));
  }, []);

  const change = <K extends keyof ImportOptions>(key: K, value: ImportOptions[K]) => {
    setOptions((o) => ({ ...o, [key]: value }));
    setReport(null); // a report describes one mapping and one set of options
  };

  async function upload(file: File) {
    setBusy('upload');
    setError(null);
    setReport(null);
    setDone(null);
    try {
      const res = await requestRaw('POST', `/api/imports?fileName=${encodeURIComponent(file.name)}`, file, { 'Content-Type': file.type || 'application/octet-stream' });
      if (res.error) throw res.error;
      const up = res.payload as Uploaded;
      setUploaded(up);
      setMapping(up.suggestedMapping);
      setOptions((o) => ({ ...o, confirmSameFile: false }));
    } catch (e) {
      setUploaded(null);
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  async function run(step: 'check' | 'commit') {
    if (!uploaded) return;
    setBusy(step);
    setError(null);
    try {
      const { confirmSameFile, ...rest } = options;
      const body = { mapping, options: step === 'commit' ? { ...rest, confirmSameFile } : rest };
      if (step === 'check') setReport(await api.post<Report>(`/api/imports/${uploaded.importId}/dry-run`, body));
      else {
        const r = await api.post<Committed>(`/api/imports/${uploaded.importId}/commit`, body);
        setDone(t('transfer.import.committed', { evictions: fmt.count(r.created.evictions, 'evictions'), operations: fmt.count(r.created.operations, 'operations'), sites: fmt.count(r.created.sites, 'newSites') }));
        setUploaded(null);
        setReport(null);
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  const canCommit = report && report.rowsWithProblems === 0 && report.mappingProblems.length === 0 && (!uploaded?.sameFile || options.confirmSameFile);
  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">{t('transfer.import.title')}</h2>
      <p class="muted">{t('transfer.import.intro')}</p>
      <StatusMessage message={done} />
      <FormError message={error} />
      <div class="field">
        <label for={fileId}>{t('transfer.import.file')}</label>
        <input
          id={fileId} type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy !== null}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void upload(file);
          }}
          data-testid="import-file"
        />
      </div>
      {uploaded && (
        <>
          <p data-testid="import-uploaded">{t('transfer.import.uploaded', { name: uploaded.fileName, rows: uploaded.rowCount, columns: uploaded.columns.length })}</p>
          {uploaded.sameFile && (
            <div class="notice" role="alert" data-testid="import-same-file">
              <p>{t('transfer.import.sameFile', { name: uploaded.sameFile.fileName, date: formatDateTime(uploaded.sameFile.committedAt, locale) })}</p>
              <Checkbox label={t('transfer.import.confirmSameFile')} checked={options.confirmSameFile} onChecked={(v) => change('confirmSameFile', v)} />
            </div>
          )}
          <h3>{t('transfer.import.mapping')}</h3>
          <p class="muted">{t('transfer.import.mappingHint')}</p>
          <div class="mapping-grid" data-testid="import-mapping">
            {uploaded.fields.map((f) => (
              <SelectField
                key={f.key}
                label={f.label}
                value={mapping[f.key] ?? IGNORE}
                onValue={(v) => {
                  setMapping((m) => ({ ...m, [f.key]: v === IGNORE ? null : v }));
                  setReport(null);
                }}
                options={[{ value: IGNORE, label: t('transfer.import.ignore') }, ...uploaded.columns.map((c) => ({ value: c, label: c }))]}
              />
            ))}
          </div>
          <h3>{t('transfer.import.options')}</h3>
          <SelectField
            label={t('transfer.import.area')}
            hint={t('transfer.import.areaHint')}
            value={options.areaCode ?? IGNORE}
            onValue={(v) => change('areaCode', v || null)}
            options={[{ value: IGNORE, label: t('transfer.import.areaFromFile') }, ...areas.map((a) => ({ value: a.code, label: a.name }))]}
          />
          <SelectField label={t('transfer.import.dateFormat')} value={options.dateFormat} onValue={(v) => change('dateFormat', v as ImportOptions['dateFormat'])} options={DATE_FORMATS.map((d) => ({ value: d, label: d }))} />
          <Checkbox label={t('transfer.import.defaultAtLeast')} checked={options.defaultAtLeast} onChecked={(v) => change('defaultAtLeast', v)} />
          <Checkbox label={t('transfer.import.createUnknownSites')} checked={options.createUnknownSites} onChecked={(v) => change('createUnknownSites', v)} />
          <Checkbox label={t('transfer.import.markVerified')} checked={options.markVerified} onChecked={(v) => change('markVerified', v)} />
          <p class="form-actions">
            <Button onClick={() => void run('check')} busy={busy === 'check'} testId="import-check">{t('transfer.import.check')}</Button>
            <Button onClick={() => void run('commit')} busy={busy === 'commit'} disabled={!canCommit} testId="import-commit">{t('transfer.import.commit')}</Button>
          </p>
          {!report && <p class="muted">{t('transfer.import.checkFirst')}</p>}
          {report && <ImportReport report={report} />}
        </>
      )}
    </section>
  );
}
