import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { TextField } from '../../../ui/TextField';
import { useUser } from '../../identity/auth/session';
import type { PhotoCandidate, PhotoSlot } from './bulletinApi';

/**
 * Photos of the bulletin's month and area that have a publication copy (metadata removed by
 * the evidence module): only those can be placed, each with its credit and captions.
 */
export function PhotoSlots({ bulletinId, slots, onSlots, readOnly, errors = {} }: { bulletinId: string; slots: PhotoSlot[]; onSlots: (s: PhotoSlot[]) => void; readOnly: boolean; errors?: Record<string, string> }) {
  const t = useT();
  // A photo taken by the team is credited to the organisation unless someone says otherwise.
  const organisation = useUser().organisationName;
  const [candidates, setCandidates] = useState<PhotoCandidate[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (readOnly) return;
    api.get<{ photos: PhotoCandidate[] }>(`/api/bulletins/${bulletinId}/photos`).then((r) => setCandidates(r.photos), (e) => setError(errorMessage(e)));
  }, [bulletinId, readOnly]);
  const change = (i: number, slot: PhotoSlot) => onSlots(slots.map((s, j) => (j === i ? slot : s)));
  const unused = candidates.filter((c) => !slots.some((s) => s.evidenceId === c.evidenceId));
  return (
    <section aria-labelledby="bulletin-photos">
      <h3 id="bulletin-photos">{t('bulletins.photos.title')}</h3>
      <FormError message={error} />
      {slots.map((s, i) => (
        <div class="bulletin-photo" key={s.evidenceId}>
          <img src={`/api/evidence/${s.evidenceId}/public`} alt="" />
          <div>
            <TextField label={t('bulletins.photos.credit')} value={s.credit} readOnly={readOnly} required={!readOnly} error={errors[`photos.${i}.credit`]} testId={`photo-credit-${i}`} onValue={(credit) => change(i, { ...s, credit })} />
            <TextField label={t('bulletins.photos.captionFr')} value={s.caption.fr} readOnly={readOnly} error={errors[`photos.${i}.caption.fr`]} onValue={(fr) => change(i, { ...s, caption: { ...s.caption, fr } })} />
            <TextField label={t('bulletins.photos.captionEn')} value={s.caption.en} readOnly={readOnly} error={errors[`photos.${i}.caption.en`]} onValue={(en) => change(i, { ...s, caption: { ...s.caption, en } })} />
            {!readOnly && <Button variant="secondary" onClick={() => onSlots(slots.filter((_, j) => j !== i))}>{t('bulletins.photos.remove')}</Button>}
          </div>
        </div>
      ))}
      {!readOnly && unused.length === 0 && <p class="muted">{t('bulletins.photos.none')}</p>}
      {!readOnly && unused.map((c) => (
        <div class="bulletin-photo" key={c.evidenceId}>
          <img src={`/api/evidence/${c.evidenceId}/public`} alt="" />
          <div>
            <p>{c.siteCode} — {c.siteName}, {c.date}</p>
            <Button variant="secondary" disabled={slots.length >= 6}
              onClick={() => onSlots([...slots, { evidenceId: c.evidenceId, credit: c.credit ?? organisation, caption: { fr: '', en: '' } }])}>
              {t('bulletins.photos.add')}
            </Button>
          </div>
        </div>
      ))}
    </section>
  );
}
