import { formatFileSize, type EvidenceItemView } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import { FileIcon, fileTypeLabel } from '../../../ui/FileIcon';
import { formatDateTime } from '../capture/format';

const KINDS = ['photo', 'video', 'audio', 'document'] as const;
const kindKey = (kind: string) => ((KINDS as readonly string[]).includes(kind) ? kind : 'document') as (typeof KINDS)[number];

/**
 * A record's evidence: a photo's thumbnail is its publication copy (never the original); a video,
 * a sound or a document shows a file icon with its type, as found in its bytes, and its size. The
 * original is offered to identities.read only, and the evidence module audits every read of it.
 */
export function EvidenceThumbnails({ items, readOriginals }: { items: EvidenceItemView[]; readOriginals: boolean }) {
  const t = useT();
  const locale = useLocale();
  if (items.length === 0) return <p class="muted">{t('records.eviction.noEvidence')}</p>;
  return (
    <ul class="record-evidence" data-testid="record-evidence">
      {items.map((x) => (
        <li key={x.id} data-testid="record-evidence-item" data-kind={x.kind}>
          {x.hasPublicCopy ? (
            <img src={`/api/evidence/${x.id}/public`} alt={x.originalName} loading="lazy" width={160} />
          ) : x.publicCopyPending ? (
            // Never the original in its place: its metadata holds where it was taken.
            <span class="muted" data-testid="record-evidence-pending">{t('records.eviction.publicCopyPending')}</span>
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
  );
}
