import { useState } from 'preact/hooks';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { useFormats } from '../../../ui/formats';
import { CLIPPING_TONES, monitoringApi, type ClippingView } from './monitoringApi';

/** One clipping: where and when it was published, what it matched, its tone and tags (set by a person). */
export function ClippingRow({ clipping, onChange, editable = true, releases = [] }: {
  clipping: ClippingView; onChange?: (c: ClippingView) => void; editable?: boolean; releases?: ReadonlyArray<{ id: string; title: string }>;
}) {
  const t = useT();
  const f = useFormats();
  const [tags, setTags] = useState(clipping.tags.join(', '));
  const [error, setError] = useState<string | null>(null);
  async function save(body: Parameters<typeof monitoringApi.changeClipping>[1]) {
    setError(null);
    try { onChange?.(await monitoringApi.changeClipping(clipping.id, body)); } catch (err) { setError(errorMessage(err)); }
  }
  return (
    <article class="clipping" data-testid="clipping">
      <h3><a href={clipping.url} target="_blank" rel="noopener noreferrer">{clipping.title}</a></h3>
      <p class="muted">
        {clipping.outlet}
        {clipping.author && ` · ${clipping.author}`}
        {clipping.publishedAt && ` · ${f.date(clipping.publishedAt)}`}
        {clipping.language && ` · ${clipping.language.toUpperCase()}`}
      </p>
      {clipping.excerpt && <p>{clipping.excerpt}</p>}
      <p class="muted">
        {t('monitoring.clipping.terms')} {clipping.matchedTerms.map((term) => <span key={term} class="chip">{term}</span>)}
        {clipping.sources.length > 1 && <> · {t('monitoring.clipping.sources', { names: clipping.sources.join(', ') })}</>}
      </p>
      {clipping.snapshotSha256 && (
        <p class="muted">{t(clipping.snapshotSource === 'article' ? 'monitoring.clipping.snapshotArticle' : 'monitoring.clipping.snapshotFeed')} <code class="hash">{clipping.snapshotSha256.slice(0, 16)}…</code></p>
      )}
      {editable && (
        <div class="clipping-edit">
          <label>
            {t('monitoring.clipping.tone')}{' '}
            <select value={clipping.tone ?? ''} data-testid="clipping-tone" onChange={(e) => save({ tone: (e.currentTarget.value || null) as ClippingView['tone'] })}>
              <option value="">{t('monitoring.tone.none')}</option>
              {CLIPPING_TONES.map((tone) => <option key={tone} value={tone}>{t(`monitoring.tone.${tone}`)}</option>)}
            </select>
          </label>{' '}
          <label>
            {t('monitoring.clipping.tags')}{' '}
            <input value={tags} onInput={(e) => setTags(e.currentTarget.value)} maxLength={600}
              onBlur={() => save({ tags: tags.split(',').map((s) => s.trim()).filter(Boolean) })} />
          </label>
          {releases.length > 0 && (
            <label>
              {' '}{t('monitoring.clipping.release')}{' '}
              <select value={clipping.pressReleaseId ?? ''} onChange={(e) => save({ pressReleaseId: e.currentTarget.value || null })}>
                <option value="">{t('monitoring.clipping.noRelease')}</option>
                {releases.map((r) => <option key={r.id} value={r.id}>{r.title}</option>)}
              </select>
            </label>
          )}
          {clipping.toneBy && <span class="muted"> {t('monitoring.clipping.toneBy', { name: clipping.toneBy })}</span>}
        </div>
      )}
      {error && <p class="form-error" role="alert">{error}</p>}
    </article>
  );
}
