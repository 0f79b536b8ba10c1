import { useId, useState } from 'preact/hooks';
import { euroAmountInFigures, formatDate } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { membersApi, type PaymentImportReport } from './membersApi';

type Row = PaymentImportReport['rows'][number];

/**
 * Dues and gifts from a payment platform's export (HelloAsso's "Paiements" CSV): a dry run that
 * writes nothing shows each row's fate — dues or gift, for whom, refused and why, already
 * imported — then the same file is confirmed and recorded in one go. Refused rows are left out;
 * the file can be imported again once fixed (references already recorded are skipped).
 */
export function PaymentImport({ onImported }: { onImported: () => void }) {
  const t = useT();
  const locale = useLocale();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<PaymentImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(step: 'dry-run' | 'commit') {
    if (!file) return;
    setBusy(true); setError(null); setDone(null);
    try {
      const r = await membersApi.importPayments(step, file);
      setReport(r);
      if (r.committed) {
        setDone(t('members.import.done', { dues: r.counts.dues, gifts: r.counts.gift, members: r.counts.newMembers }));
        onImported();
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const outcome = (r: Row) => {
    if (r.outcome === 'duplicate_in_file') return t('members.import.outcome.duplicate_in_file', { line: r.sameAsLine ?? 0 });
    if (r.outcome === 'dues' || r.outcome === 'gift') {
      const who = r.match.kind === 'none' ? '' : t(`members.import.match.${r.match.kind}`, { name: r.match.name });
      return [t(`members.import.outcome.${r.outcome}`), who].filter(Boolean).join(' · ');
    }
    return t(`members.import.outcome.${r.outcome}`);
  };
  const toImport = report ? report.counts.dues + report.counts.gift : 0;

  return (
    <details class="card" data-testid="payment-import">
      <summary>{t('members.import.title')}</summary>
      <p class="field-hint">{t('members.import.help')}</p>
      <div class="field">
        <label for={fileId}>{t('members.import.file')}</label>
        <input id={fileId} type="file" accept=".csv,.xlsx,text/csv" data-testid="payment-import-file" disabled={busy}
          onChange={(e) => { setFile(e.currentTarget.files?.[0] ?? null); setReport(null); setDone(null); }} />
      </div>
      <Button disabled={!file} busy={busy} onClick={() => run('dry-run')} testId="payment-import-dry-run">{t('members.import.dryRun')}</Button>
      <FormError message={error} />
      <StatusMessage message={done} />
      {report && (
        <div data-testid="payment-import-report">
          <p>{t('members.import.summary', {
            rows: report.rowCount, dues: report.counts.dues, gifts: report.counts.gift, members: report.counts.newMembers,
            total: euroAmountInFigures(report.counts.totalCents), already: report.counts.already_imported, duplicates: report.counts.duplicate_in_file,
            refused: report.counts.refused,
          })}</p>
          {!report.committed && toImport > 0 && (
            <p>
              {report.counts.refused > 0 && <>{t('members.import.refusedLeftOut', { refused: report.counts.refused })} </>}
              <Button busy={busy} onClick={() => run('commit')} testId="payment-import-commit">{t('members.import.commit', { n: toImport })}</Button>
            </p>
          )}
          <ul class="cards">
            {report.rows.slice(0, 500).map((r) => (
              <li key={r.line} class={r.outcome === 'refused' ? 'card import-problem' : 'card'} data-testid="payment-import-row">
                <strong>{t('members.import.line', { line: r.line })}</strong> — {r.payerName || '—'}{r.email && ` (${r.email})`}
                <br />
                {r.amountCents !== null && euroAmountInFigures(r.amountCents)}{r.date && ` · ${formatDate(r.date, locale, { year: 'always' })}`}
                {r.reference && ` · ${t('members.import.reference', { reference: r.reference })}`}
                <br />
                {outcome(r)}
                {r.problems.length > 0 && <ul>{r.problems.map((p) => <li key={p.code + p.column}>{p.column} : {p.message}</li>)}</ul>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </details>
  );
}
