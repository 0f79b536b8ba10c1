import { formatFileSize } from '@vigie/domain/rules';
import { useState } from 'preact/hooks';
import { useLocale, useT } from '../../../i18n';
import { getAll } from '../../../offline/db';
import { useLive } from '../../../offline/live';
import { FileRefused, storeFile } from '../../../offline/media';
import { useProgress } from '../../../offline/progress';
import type { PhotoOwner } from '../../../offline/types';
import { kindOf, photosOf } from '../../../offline/upload';
import { fileTypeLabel } from '../../../ui/FileIcon';
import { MediaRow } from './MediaRow';

/** What the second button offers the phone's picker: its camera, its recorder and its files. */
const ACCEPT = 'video/*,audio/*,application/pdf,.pdf,.docx,.odt,.m4a,.amr,.opus,.ogg,.3gp';

/**
 * Evidence for a record (an eviction, or an incident during or outside one): a photo from the
 * camera, or a video, a sound recording or a document. Each is kept on the phone encrypted, with
 * its SHA-256, and queued; the sync loop uploads it (offline/uploader.ts) once its record is on
 * the server. Photos are counted; other files, often long, are listed with their progress.
 */
export function EvidenceButtons({ owner }: { owner: PhotoOwner }) {
  const t = useT();
  const locale = useLocale();
  const entries = photosOf(useLive(() => getAll('photos'), [owner.evictionId, owner.incidentId]) ?? [], owner);
  const progress = useProgress();
  const count = entries.filter((p) => kindOf(p) === 'photo' && p.state === 'queued').length;
  const files = entries.filter((p) => kindOf(p) !== 'photo');
  const [problem, setProblem] = useState<string | null>(null);

  const keep = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setProblem(null);
    try {
      await storeFile(owner, file);
    } catch (error) {
      if (error instanceof FileRefused) {
        setProblem(t(`media.refused.${error.reason}`, { max: formatFileSize(error.maxBytes, locale), name: file.name, type: fileTypeLabel(error.declaredType) }));
      } else {
        setProblem(t((error as Error | null)?.name === 'QuotaExceededError' ? 'media.refused.space' : 'media.refused.failed'));
      }
    }
  };

  return (
    <div class="photo">
      <div class="attach-buttons">
        <label class="btn btn-secondary photo-button" data-testid="photo-button">
          {t('field.photo.button')}
          <input type="file" accept="image/*" capture="environment" class="visually-hidden" data-testid="photo-input" onChange={(e) => void keep(e.currentTarget)} />
        </label>
        <label class="btn btn-secondary photo-button" data-testid="attach-button">
          {t('media.attach')}
          <input type="file" accept={ACCEPT} class="visually-hidden" data-testid="attach-input" onChange={(e) => void keep(e.currentTarget)} />
        </label>
      </div>
      <p class="field-hint">{t('media.attachHint')}</p>
      {count > 0 && <p class="chip chip-pending" data-testid="photo-count">{t('field.photo.stored', { count })}</p>}
      {files.length > 0 && (
        <ul class="media-rows" data-testid="media-rows">
          {files.map((p) => <MediaRow key={p.id} p={p} live={progress.get(p.id)} />)}
        </ul>
      )}
      {problem && <p class="field-error" role="alert" data-testid="attach-error">{problem}</p>}
    </div>
  );
}
