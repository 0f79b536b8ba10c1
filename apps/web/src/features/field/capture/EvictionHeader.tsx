import { useLocale, useT } from '../../../i18n';
import type { LocalEviction } from '../../../offline/types';
import { FormError } from '../../../ui/FormError';
import { formatDate } from './format';

/** Back link, review status and sync state, and why the record was refused or prefilled. */
export function EvictionHeader({ meta, operationId, prefilledFrom }: { meta: LocalEviction; operationId: string; prefilledFrom: LocalEviction['prefilledFrom'] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <p class="op-meta">
        <a href={`/field/operations/${operationId}`}>{t('field.operation.back')}</a>
        {' · '}
        <span class={`chip chip-${meta.status}`} data-testid="eviction-status">{t(`field.evictionStatus.${meta.status}`)}</span>{' '}
        <span class={`chip chip-${meta.syncState}`} data-testid="eviction-sync">{t(`field.syncState.${meta.syncState}`)}</span>
      </p>
      {meta.status === 'rejected' && meta.rejectionReason && <p class="notice">{t('field.eviction.rejectedBecause', { reason: meta.rejectionReason })}</p>}
      {meta.error && <FormError message={meta.error} />}
      {/* Once on the server the observer can turn what they saw into a witness statement (online only). */}
      {meta.syncState === 'synced' && <p><a href={`/legal/witness/${meta.id}`}>{t('field.eviction.witnessStatement')}</a></p>}
      {prefilledFrom && <p class="notice" data-testid="prefilled">{t('field.eviction.prefilled', { date: formatDate(prefilledFrom.arrivedAt, locale) })}</p>}
    </>
  );
}
