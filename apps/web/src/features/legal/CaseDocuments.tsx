import { useState } from 'preact/hooks';
import { useLocale, useT } from '../../i18n';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/TextField';
import { formatDateTime } from '../field/capture/format';
import { legalApi, type LegalCaseView, type LegalSharedCaseView } from './legalApi';

/** Versioned documents; each version downloads as stored, with its SHA-256 shown. */
export function CaseDocuments({ file, change, readOnlyBase }: {
  file: LegalCaseView | LegalSharedCaseView; change?: (work: () => Promise<LegalCaseView>) => void; readOnlyBase?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const [title, setTitle] = useState('');
  const [picked, setPicked] = useState<File | null>(null);
  const base = readOnlyBase ?? `/api/legal/cases/${file.id}/documents`;
  function upload(e: Event, documentId?: string) {
    e.preventDefault();
    if (!picked || !change) return;
    change(() => legalApi.upload(file.id, picked, documentId ? { documentId } : title ? { title } : {}));
  }
  return (
    <section aria-labelledby="case-documents-title">
      <h2 id="case-documents-title">{t('legalCases.case.documents')}</h2>
      {file.documents.length === 0 && <p>{t('legalCases.case.noDocuments')}</p>}
      {file.documents.map((d) => (
        <div key={d.id} class="legal-document">
          <h3>{d.title}</h3>
          <ul>
            {d.versions.map((v) => (
              <li key={v.id}>
                <a href={`${base}/${v.id}`} download={v.originalName}>{t('legalCases.case.version', { n: v.version })} — {v.originalName}</a>
                {' '}({Math.ceil(v.sizeBytes / 1024)} Kio, {v.uploadedByName}, {formatDateTime(v.uploadedAt, locale)})
                <br /><small class="legal-sha">{t('legalCases.case.sha', { sha: v.sha256 })}</small>
              </li>
            ))}
          </ul>
          {change && picked && <Button variant="secondary" onClick={() => upload(new Event('submit'), d.id)}>{t('legalCases.case.newVersion')}</Button>}
        </div>
      ))}
      {change && (
        <form class="legal-inline-form" onSubmit={(e) => upload(e)}>
          <TextField label={t('legalCases.case.documentTitle')} value={title} onValue={setTitle} />
          <input type="file" aria-label={t('legalCases.case.documents')} onChange={(e) => setPicked(e.currentTarget.files?.[0] ?? null)} data-testid="document-file" />
          <Button type="submit" variant="secondary" disabled={!picked}>{t('legalCases.case.upload')}</Button>
        </form>
      )}
    </section>
  );
}
