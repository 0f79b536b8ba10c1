import { useState } from 'preact/hooks';
import { useT } from '../../i18n';
import { countOf } from '../../offline/db';
import { useLive } from '../../offline/live';
import { storePhoto } from '../../offline/store';

/**
 * Takes a photo and keeps it on the phone with its SHA-256, queued. The evidence upload
 * (POST /api/evidence) is not wired yet: the photos wait in IndexedDB until it is.
 */
export function PhotoButton({ evictionId }: { evictionId: string }) {
  const t = useT();
  const count = useLive(() => countOf('photos', 'evictionId', evictionId), [evictionId]) ?? 0;
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
              await storePhoto(evictionId, file);
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
