import { formatFileSize, type EvidenceItemView } from '@vigie/domain/rules';
import { useState } from 'preact/hooks';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { hasPermission, useUser } from '../../identity/auth/session';
import { evictionsApi } from './evictionsApi';
import { FileIcon, fileTypeLabel } from '../../../ui/FileIcon';
import { formatDateTime } from '../capture/format';

const KINDS = ['photo', 'video', 'audio', 'document'] as const;
const kindKey = (kind: string) => ((KINDS as readonly string[]).includes(kind) ? kind : 'document') as (typeof KINDS)[number];

/**
 * A record's evidence: a photo's thumbnail is its publication copy (never the original); a video,
 * a sound or a document shows a file icon with its type, as found in its bytes, and its size. The
 * original is offered to identities.read only, and the evidence module audits every read of it.
 * A photo whose copy failed for good says so, and those who verify records may try it again.
 */
export function EvidenceThumbnails({ items, readOriginals }: { items: EvidenceItemView[]; readOriginals: boolean }) {
  const t = useT();
  const locale = useLocale();
  const mayRetry = hasPermission(useUser(), 'field.verify');
  const [retried, setRetried] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  async function retry(id: string) {
    setError(null);
    try {
      await evictionsApi.retryCopy(id);
      setRetried((s) => new Set([...s, id]));
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  if (items.length === 0) return <p class="muted">{t('records.eviction.noEvidence')}</p>;
  return (
    <>
    <FormError message={error} />
    <ul class="record-evidence" data-testid="record-evidence">
      {items.map((x) => (
        <li key={x.id} data-testid="record-evidence-item" data-kind={x.kind}>
          {x.hasPublicCopy ? (
            <img src={`/api/evidence/${x.id}/public`} alt={x.originalName} loading="lazy" width={160} />
          ) : x.publicCopyPending || retried.has(x.id) ? (
            // Never the original in its place: its metadata holds where it was taken.
            <span class="muted" data-testid="record-evidence-pending">{t('records.eviction.publicCopyPending')}</span>
          ) : x.publicCopyFailed ? (
            <span data-testid="record-evidence-copy-failed">
              <span class="muted">{t('records.eviction.publicCopyFailed')}</span>
              {mayRetry && <Button variant="secondary" onClick={() => void retry(x.id)} testId="record-evidence-retry">{t('records.eviction.retryPublicCopy')}</Button>}
            </span>
          ) : (
            <>
              <FileIcon label={fileTypeLabel(x.detectedType)} />
              <span class="record-evidence-name">{x.originalName}</span>
              <span class="muted" data-testid="record-evidence-type">
                {t('media.record.size', { kind: t(`media.kind.${kindKey(x.kind)}`), type: fileTypeLabel(x.detectedType), size: formatFileSize(x.sizeBytes, locale) })}
              </span>
            </>
          )}
          <span>{x.capturedAt ? formatDateTime(x.capturedAt, locale) : ''}</span>
          {readOriginals && x.status === 'stored' && <a href={`/api/evidence/${x.id}/original`}>{t('records.eviction.original')}</a>}
        </li>
      ))}
    </ul>
    </>
  );
}
