import type { EvidenceItemView } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import { formatDateTime } from '../capture/format';

/**
 * A record's evidence: each thumbnail is the publication copy (never the original); the original
 * is offered to identities.read only, and the evidence module audits every read of it.
 */
export function EvidenceThumbnails({ items, readOriginals }: { items: EvidenceItemView[]; readOriginals: boolean }) {
  const t = useT();
  const locale = useLocale();
  if (items.length === 0) return <p class="muted">{t('records.eviction.noEvidence')}</p>;
  return (
    <ul class="record-evidence" data-testid="record-evidence">
      {items.map((x) => (
        <li key={x.id}>
          {x.hasPublicCopy ? <img src={`/api/evidence/${x.id}/public`} alt={x.originalName} loading="lazy" width={160} /> : <span class="muted">{x.originalName}</span>}
          <span>{x.capturedAt ? formatDateTime(x.capturedAt, locale) : ''}</span>
          {readOriginals && x.status === 'stored' && <a href={`/api/evidence/${x.id}/original`}>{t('records.eviction.original')}</a>}
        </li>
      ))}
    </ul>
  );
}
