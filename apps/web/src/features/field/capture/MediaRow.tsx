import { formatFileSize, formatPercent } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import { removeFile } from '../../../offline/media';
import { percent, type Progress } from '../../../offline/progress';
import type { PhotoEntry } from '../../../offline/types';
import { fileStatus, kindOf } from '../../../offline/upload';
import { Button } from '../../../ui/Button';
import { FileIcon, fileTypeLabel } from '../../../ui/FileIcon';

/**
 * One file on the phone with its progress bar: being kept (read, hashed, sealed), waiting, being
 * sent, interrupted (it resumes from the server's offset: nothing is lost), sent, or refused.
 * A file whose keeping was cut short can be removed; refused ones are handled in the outbox.
 */
export function MediaRow({ p, live }: { p: PhotoEntry; live: Progress | undefined }) {
  const t = useT();
  const locale = useLocale();
  const status = fileStatus(p, live);
  const done = live ? live.done : status === 'sent' ? p.size : p.sentBytes ?? 0;
  const pct = percent(done, p.size);
  const words = {
    percent: formatPercent(pct / 100, locale, 0), done: formatFileSize(done, locale), total: formatFileSize(p.size, locale),
    reason: p.error || t('media.rejected'),
  };
  return (
    <li class={`media-row media-${status}`} data-testid="media-row" data-status={status} data-file-id={p.id}>
      <FileIcon label={fileTypeLabel(p.type)} />
      <div class="media-body">
        <div>
          <strong class="media-name">{p.name}</strong>{' '}
          <span class="muted">
            {t(`media.kind.${kindOf(p)}`)} · {formatFileSize(p.size, locale)}
          </span>
        </div>
        {status !== 'refused' && status !== 'storeInterrupted' && (
          <progress max={100} value={pct} aria-label={t('media.progress', { name: p.name })} data-testid="media-progress" />
        )}
        <p class={status === 'refused' || status === 'storeInterrupted' ? 'field-error' : 'field-hint'} data-testid="media-status" aria-live="polite">
          {t(`media.status.${status}`, words)}
        </p>
        {status === 'storeInterrupted' && (
          <Button variant="secondary" onClick={() => void removeFile(p.id)} testId="media-remove">
            {t('media.remove')}
          </Button>
        )}
      </div>
    </li>
  );
}
