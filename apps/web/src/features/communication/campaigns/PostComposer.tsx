import { useEffect, useState } from 'preact/hooks';
import { POST_CHANNELS, postLength } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { newsletterApi } from '../newsletter/newsletterApi';
import { campaignsApi, instantOf, localOf, type PostBody, type PostChannel, type PostView } from './campaignsApi';

export const NETWORK_NAMES: Record<PostChannel, string> = {
  x: 'X', bluesky: 'Bluesky', mastodon: 'Mastodon', instagram: 'Instagram', facebook: 'Facebook', linkedin: 'LinkedIn',
};

/**
 * A post for one network: the counter counts as that network does (the same rule the server
 * refuses with), an image is one of the photos with a publication copy or one uploaded here
 * (the server keeps a copy without metadata); either needs its alt text, asked before sending.
 */
export function PostComposer({ campaignId, post, onSubmit, submitLabel }: {
  campaignId: string | null; post?: PostView; submitLabel: string; onSubmit: (body: PostBody) => Promise<void>;
}) {
  const t = useT();
  const [channel, setChannel] = useState<PostChannel>(post?.channel ?? 'x');
  const [body, setBody] = useState(post?.body ?? '');
  const [image, setImage] = useState(post?.imageEvidenceId ?? '');
  const [alt, setAlt] = useState(post?.imageAlt ?? '');
  const [uploaded, setUploaded] = useState<string | null>(post?.imageUploadId ?? null);
  const [file, setFile] = useState<File | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const upload = async () => {
    if (!file) return;
    setUploadError(null);
    setSending(true);
    try {
      const sent = await campaignsApi.uploadImage(file, alt);
      setUploaded(sent.id); setImage(''); setFile(null); setAlt(sent.alt);
    } catch (e) { setUploadError(errorMessage(e)); } finally { setSending(false); }
  };
  const [planned, setPlanned] = useState(localOf(post?.plannedAt ?? null));
  const [photos, setPhotos] = useState<Array<{ id: string; credit: string | null; capturedAt: string | null }>>([]);
  useEffect(() => { newsletterApi.photos().then(setPhotos, () => {}); }, []);
  const count = postLength(channel, body);
  const submit = (e: Event) => {
    e.preventDefault();
    const evidenceId = uploaded ? null : image || null;
    void onSubmit({ campaignId, channel, body, imageEvidenceId: evidenceId, imageUploadId: uploaded, imageAlt: evidenceId || uploaded ? alt : null, plannedAt: instantOf(planned) });
  };
  return (
    <form class="card post-composer" onSubmit={submit}>
      <SelectField label={t('campaigns.post.channel')} value={channel} onValue={(v) => setChannel(v as PostChannel)}
        options={POST_CHANNELS.map((c) => ({ value: c, label: NETWORK_NAMES[c] }))} />
      <div class="field">
        <label for="post-body">{t('campaigns.post.body')}</label>
        <textarea id="post-body" rows={5} value={body} onInput={(e) => setBody(e.currentTarget.value)} aria-describedby="post-count" data-testid="post-body" />
        <p id="post-count" class={`post-count${count.fits ? '' : ' post-count-over'}`} aria-live="polite" data-testid="post-count">
          {count.fits ? t('campaigns.post.count', { length: count.length, limit: count.limit }) : t('campaigns.post.countOver', { length: count.length, limit: count.limit, over: count.over })}
        </p>
      </div>
      {uploaded ? (
        <div class="field post-upload" data-testid="post-uploaded">
          <img src={campaignsApi.imageUrl(uploaded)} alt={alt} class="post-upload-preview" />
          <Button variant="link" onClick={() => setUploaded(null)}>{t('campaigns.post.removeImage')}</Button>
        </div>
      ) : (<>
      <SelectField label={t('campaigns.post.image')} value={image} onValue={setImage}
        options={[{ value: '', label: photos.length ? t('campaigns.post.noImage') : t('campaigns.post.noPhotos') },
          ...photos.map((p, i) => ({ value: p.id, label: t('campaigns.post.photo', { n: i + 1, credit: p.credit ?? '—', date: p.capturedAt?.slice(0, 10) ?? '—' }) }))]} />
      <div class="field">
        <label for="post-file">{t('campaigns.post.uploadImage')}</label>
        <input id="post-file" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby="post-file-hint" data-testid="post-file"
          onChange={(e) => { setFile(e.currentTarget.files?.[0] ?? null); setImage(''); }} />
        <p id="post-file-hint" class="field-hint">{t('campaigns.post.uploadHint')}</p>
      </div>
      </>)}
      {(image || uploaded || file) && (
        <TextField label={t('campaigns.post.alt')} hint={t('campaigns.post.altHint')} value={alt} onValue={setAlt} required maxLength={5000} testId="post-alt" />
      )}
      {file && !uploaded && <Button variant="secondary" onClick={() => void upload()} busy={sending} testId="post-upload">{t('campaigns.post.sendImage')}</Button>}
      <FormError message={uploadError} />
      <div class="field"><label for="post-planned">{t('campaigns.post.plannedAt')}</label>
        <input id="post-planned" type="datetime-local" value={planned} onInput={(e) => setPlanned(e.currentTarget.value)} data-testid="post-planned" /></div>
      <Button type="submit" testId="post-save">{submitLabel}</Button>
    </form>
  );
}
