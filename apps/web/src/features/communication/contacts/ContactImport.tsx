import { useId, useState } from 'preact/hooks';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { FormError, StatusMessage } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { contactsApi, type ContactImportReport, type ContactListView } from './contactsApi';

/**
 * Contacts from a spreadsheet: choose the file (and a list to join), run a dry run that writes
 * nothing and shows every row's fate, then import the same file. The commit is offered only
 * when no row has a problem.
 */
export function ContactImport({ lists, onImported }: { lists: ContactListView[]; onImported: () => void }) {
  const t = useT();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [listId, setListId] = useState('');
  const [report, setReport] = useState<ContactImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(step: 'dry-run' | 'commit') {
    if (!file) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await contactsApi.importFile(step, file, listId);
      setReport(r);
      if (r.committed) {
        setDone(t('contacts.import.done', { create: r.counts.create, update: r.counts.update, consents: r.counts.consents }));
        onImported();
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="contacts-import">
      <h2 id="contacts-import">{t('contacts.import.title')}</h2>
      <p class="muted">{t('contacts.import.help')}</p>
      <div class="field">
        <label for={fileId}>{t('contacts.import.file')}</label>
        <input id={fileId} type="file" accept=".csv,.xlsx,text/csv" data-testid="contacts-import-file" disabled={busy}
          onChange={(e) => { setFile(e.currentTarget.files?.[0] ?? null); setReport(null); setDone(null); }} />
      </div>
      <SelectField label={t('contacts.import.list')} value={listId} onValue={(v) => { setListId(v); setReport(null); }} hint={t('contacts.import.listHint')}
        options={[{ value: '', label: t('contacts.import.noList') }, ...lists.filter((l) => l.kind === 'static').map((l) => ({ value: l.id, label: l.name }))]} />
      <div class="contact-actions">
        <Button disabled={!file} busy={busy} onClick={() => run('dry-run')} testId="contacts-import-dry-run">{t('contacts.import.dryRun')}</Button>
        {report && !report.committed && report.counts.problem === 0 && (
          <Button busy={busy} onClick={() => run('commit')} testId="contacts-import-commit">{t('contacts.import.commit')}</Button>
        )}
      </div>
      <FormError message={error} />
      <StatusMessage message={done} />
      {report && (
        <div data-testid="contacts-import-report">
          <p>{t('contacts.import.summary', { ...report.counts, rows: report.rowCount })}</p>
          {report.columns.some((c) => c.field === null) && (
            <p class="muted">{t('contacts.import.ignored', { columns: report.columns.filter((c) => c.field === null).map((c) => c.header).join(', ') })}</p>
          )}
          <table class="contacts-table">
            <thead><tr><th>{t('contacts.import.line')}</th><th>{t('contacts.fields.displayName')}</th><th>{t('contacts.fields.email')}</th><th>{t('contacts.import.outcome')}</th></tr></thead>
            <tbody>
              {report.rows.slice(0, 500).map((r) => (
                <tr key={r.line} data-testid="contacts-import-row" class={r.outcome === 'problem' ? 'import-problem' : undefined}>
                  <td>{r.line}</td><td>{r.displayName}</td><td>{r.email ?? ''}</td>
                  <td>
                    {r.outcome === 'update' ? t('contacts.import.outcomes.update', { name: r.matchedName ?? '' })
                      : r.outcome === 'duplicate_in_file' ? t('contacts.import.outcomes.duplicate_in_file', { line: r.sameAsLine ?? 0 })
                      : t(`contacts.import.outcomes.${r.outcome}`)}
                    {r.consent && ` · ${t('contacts.import.withConsent')}`}
                    {r.problems.length > 0 && <ul>{r.problems.map((p) => <li key={p.code + p.column}>{p.column} : {p.message}</li>)}</ul>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
