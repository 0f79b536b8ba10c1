import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { PublishChecklist } from '../publishing/PublishChecklist';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';

type ReportFileKind = 'xlsx' | 'pdf' | 'zip';
interface ReportJob {
  id: string;
  params: { year: number; yearKind: 'calendar' | 'observatory'; locale: 'fr' | 'en' };
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  step: string;
  errorCode: string | null;
  files: Array<{ kind: ReportFileKind; name: string; size: number; sha256: string }>;
  createdAt: string;
}

const POLL_MS = 1000;

/**
 * The annual report pack: the tables and charts a year's report is written from. Generation
 * runs on the server in the background; this page follows its progress and offers the files.
 */
export function AnnualReportPage() {
  const t = useT();
  const locale = useLocale();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(thisYear - 1));
  const [yearKind, setYearKind] = useState<'calendar' | 'observatory'>('calendar');
  const [language, setLanguage] = useState<string>(locale);
  const [reports, setReports] = useState<ReportJob[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [checking, setChecking] = useState(false);

  const load = () => api.get<{ reports: ReportJob[] }>('/api/reports').then((r) => setReports(r.reports), (e) => setError(errorMessage(e)));
  useEffect(() => { void load(); }, []);
  // While a report is being generated, its progress bar moves.
  const pending = reports.some((r) => r.status === 'queued' || r.status === 'running');
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [pending]);

  async function generate() {
    setChecking(false);
    setError(null);
    setBusy(true);
    try {
      await api.post('/api/reports/annual', { year: Number(year), yearKind, locale: language });
      await load();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const years = Array.from({ length: 10 }, (_, i) => String(thisYear - i));
  const period = (r: ReportJob) => t(`reports.period.${r.params.yearKind}`, { year: r.params.year, previous: r.params.year - 1 });
  return (
    <Screen title={t('reports.title')}>
      <p class="lead">{t('reports.lead')}</p>
      <section class="card" aria-labelledby="report-create">
        <h2 id="report-create">{t('reports.create')}</h2>
        <form onSubmit={(e) => { e.preventDefault(); setError(null); setChecking(true); }}>
          <SelectField label={t('reports.year')} value={year} onValue={setYear} options={years.map((y) => ({ value: y, label: y }))} />
          <SelectField label={t('reports.yearKind')} value={yearKind} onValue={(v) => setYearKind(v as typeof yearKind)}
            options={[{ value: 'calendar', label: t('reports.kind.calendar') }, { value: 'observatory', label: t('reports.kind.observatory') }]} />
          <SelectField label={t('reports.language')} value={language} onValue={setLanguage}
            options={[{ value: 'fr', label: 'Français' }, { value: 'en', label: 'English' }]} />
          <FormError message={error} />
          {!checking && <Button type="submit" busy={busy} testId="report-generate">{t('reports.generate')}</Button>}
          {checking && (
            <PublishChecklist url={`/api/reports/annual/checklist?year=${year}&yearKind=${yearKind}`} purpose="annualReport" busy={busy}
              onConfirm={() => void generate()} onCancel={() => setChecking(false)} />
          )}
        </form>
      </section>
      <section aria-labelledby="report-list">
        <h2 id="report-list">{t('reports.recent')}</h2>
        {reports.length === 0 && <p>{t('reports.none')}</p>}
        <ul class="report-list">
          {reports.map((r) => (
            <li key={r.id} class="card">
              <h3>{period(r)} — {r.params.locale.toUpperCase()}</h3>
              {(r.status === 'queued' || r.status === 'running') && (
                <p>
                  <label for={`progress-${r.id}`}>{t(`reports.step.${r.step}`, { defaultValue: t('reports.step.running') })}</label>{' '}
                  <progress id={`progress-${r.id}`} max={100} value={r.progress}>{r.progress} %</progress> {r.progress} %
                </p>
              )}
              {r.status === 'failed' && <p role="alert" class="field-error">{t('reports.failed')}</p>}
              {r.status === 'done' && (
                <p class="report-files">
                  {r.files.map((f) => (
                    <a key={f.kind} class="btn btn-secondary" href={`/api/reports/${r.id}/files/${f.kind}`} download={f.name}>
                      {t(`reports.file.${f.kind}`)} ({Math.max(1, Math.round(f.size / 1024))} Ko)
                    </a>
                  ))}
                </p>
              )}
            </li>
          ))}
        </ul>
      </section>
    </Screen>
  );
}
