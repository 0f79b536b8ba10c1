import { useT } from '../../../i18n';
import type { Report } from './types';

/** The dry run in plain words: what would be created, then every row that has a problem. */
export function ImportReport({ report }: { report: Report }) {
  const t = useT();
  const bad = report.rows.filter((r) => !r.ok);
  return (
    <section aria-labelledby="report-title" data-testid="import-report">
      <h3 id="report-title">{t('transfer.report.title')}</h3>
      <p role="status">
        {t('transfer.report.summary', { rows: report.rowCount, ok: report.rowsOk, bad: report.rowsWithProblems })}{' '}
        {t('transfer.report.wouldCreate', report.wouldCreate)}
      </p>
      {report.newSites.length > 0 && (
        <p class="muted">{t('transfer.report.newSites', { list: report.newSites.map((s) => s.code).join(', ') })}</p>
      )}
      {report.newSites.some((s) => s.warningMessage) && (
        <ul class="notice" data-testid="import-position-warnings">
          {report.newSites.filter((s) => s.warningMessage).map((s) => (
            <li key={s.row}>{`${s.row} · ${s.code} : ${s.warningMessage}`}</li>
          ))}
        </ul>
      )}
      {report.mappingProblems.length > 0 && (
        <div class="notice" data-testid="import-mapping-problems">
          <h4>{t('transfer.report.mappingProblems')}</h4>
          <ul>
            {report.mappingProblems.map((p, i) => <li key={i}>{p.message}</li>)}
          </ul>
        </div>
      )}
      {bad.length > 0 && (
        <ol class="import-problems" data-testid="import-problems">
          {bad.map((r) => (
            <li key={r.row} data-testid="import-problem-row">
              <strong>{t('transfer.report.row', { row: r.row })}</strong>
              <ul>
                {r.problems.map((p, i) => <li key={i}>{p.message}</li>)}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
