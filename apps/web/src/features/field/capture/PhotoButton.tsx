import { useState } from 'preact/hooks';
import { useT } from '../../../i18n';
import { getAll } from '../../../offline/db';
import { useLive } from '../../../offline/live';
import { storePhoto } from '../../../offline/store';
import type { PhotoOwner } from '../../../offline/types';
import { photosOf } from '../../../offline/upload';

/**
 * Takes a photo and keeps it on the phone with its SHA-256, queued. The sync loop uploads it
 * (offline/uploader.ts) once its eviction, or its incident when it has one (during an eviction or
 * outside any), is on the server.
 */
export function PhotoButton({ owner }: { owner: PhotoOwner }) {
  const t = useT();
  const photos = photosOf(useLive(() => getAll('photos'), [owner.evictionId, owner.incidentId]) ?? [], owner);
  const count = photos.filter((p) => p.state === 'queued').length;
  const [failed, setFailed] = useState(false);
  return (
    <div class="photo">
      <label class="btn btn-secondary photo-button" data-testid="photo-button">
        {t('field.photo.button')}
        <input
          type="file"
          accept="image/*"
          capture="environment"
          class="visually-hidden"
          data-testid="photo-input"
          onChange={async (e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            input.value = '';
            if (!file) return;
            try {
              setFailed(false);
              await storePhoto(owner, file);
            } catch {
              setFailed(true);
            }
          }}
        />
      </label>
      <p class="field-hint">{t('field.photo.hint')}</p>
      {count > 0 && <p class="chip chip-pending" data-testid="photo-count">{t('field.photo.stored', { count })}</p>}
      {failed && <p class="field-error">{t('field.photo.failed')}</p>}
    </div>
  );
}
