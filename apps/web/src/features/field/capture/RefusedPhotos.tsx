import { useState } from 'preact/hooks';
import { useLocale, useT } from '../../../i18n';
import { removeFile } from '../../../offline/media';
import { retryRefusedPhoto } from '../../../offline/store';
import type { PhotoEntry } from '../../../offline/types';
import { kindOf } from '../../../offline/upload';
import { Button } from '../../../ui/Button';
import { formatDateTime } from './format';

/**
 * Photos and other files the server refused, or that could not be sent after many tries: the reason in plain
 * words, "Réessayer" and "Retirer du téléphone". Nothing leaves the phone without the observer's say.
 */
export function RefusedPhotos({ photos }: { photos: PhotoEntry[] }) {
  const t = useT();
  if (!photos.length) return null;
  return (
    <section data-testid="outbox-photos-failed">
      <h2>
        {t('field.outbox.photosFailed')} ({photos.length})
      </h2>
      <p class="field-hint">{t('field.outbox.photosFailedHint')}</p>
      <ul class="rows">
        {photos.map((p) => <RefusedPhoto key={p.id} p={p} />)}
      </ul>
    </section>
  );
}

function RefusedPhoto({ p }: { p: PhotoEntry }) {
  const t = useT();
  const locale = useLocale();
  const [confirming, setConfirming] = useState(false);
  const href = p.incidentId ? `/field/incidents/${p.incidentId}` : `/field/evictions/${p.evictionId}`;
  return (
    <li class="outbox-row outbox-rejected" data-testid="outbox-photo-row" data-photo-id={p.id}>
      <div>
        <strong>{p.name || t('field.photo.button')}</strong> <span class="muted">{formatDateTime(p.capturedAt, locale)}</span>
      </div>
      <p class="field-error" data-testid="outbox-photo-error">
        {p.error || t(kindOf(p) === 'photo' ? 'field.photo.rejected' : 'media.rejected')}
      </p>
      <div class="row-actions">
        <a href={href}>{t('field.outbox.open')}</a>
        <Button variant="secondary" onClick={() => void retryRefusedPhoto(p.id)} testId="outbox-photo-retry">
          {t('field.outboxPhoto.retry')}
        </Button>
        {confirming ? (
          <>
            <span>{t('field.outboxPhoto.removeConfirm')}</span>
            <Button variant="danger" onClick={() => void removeFile(p.id)} testId="outbox-photo-remove-confirm">
              {t('field.outboxPhoto.removeYes')}
            </Button>
            <Button variant="link" onClick={() => setConfirming(false)}>
              {t('field.outboxPhoto.keep')}
            </Button>
          </>
        ) : (
          <Button variant="danger" onClick={() => setConfirming(true)} testId="outbox-photo-remove">
            {t('field.outboxPhoto.remove')}
          </Button>
        )}
      </div>
    </li>
  );
}
