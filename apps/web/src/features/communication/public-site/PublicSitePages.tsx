import { useEffect, useState } from 'preact/hooks';
import { useT } from '../../../i18n';
import { StatusMessage } from '../../../ui/FormError';
import { embedCode, publicSiteApi, type PublicSiteIndex } from './publicSiteApi';

/**
 * Every public page of the organisation (press releases, job postings, the newsletter, the
 * figures), as the public site index lists them, each with what to paste into WordPress: an
 * iframe for a page that may be framed, the address for a feed (RSS block) or for data.
 */
export function PublicSitePages({ slug }: { slug: string }) {
  const t = useT();
  const [index, setIndex] = useState<PublicSiteIndex | null>(null);
  const [failed, setFailed] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    setFailed(false);
    publicSiteApi.index(slug).then(setIndex, () => setFailed(true));
  }, [slug]);
  const indexUrl = `${location.origin}/api/public/${slug}`;
  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setStatus(t('publicSite.copied'));
    } catch {
      setStatus(t('publicSite.copyFailed'));
    }
  }
  // A page a later module adds shows under its index name until it is given words.
  const name = (key: string) => t(`publicSite.names.${key}`, { defaultValue: key });
  return (
    <section class="card" aria-labelledby="public-site-title" data-testid="public-site-pages">
      <h2 id="public-site-title">{t('publicSite.title')}</h2>
      <p>{t('publicSite.lead', { index: indexUrl })}</p>
      {failed ? <p role="alert">{t('publicSite.failed')}</p> : !index ? <p>{t('publicSite.loading')}</p> : (
        <ul class="rows">
          {Object.entries(index.pages).map(([key, url]) => {
            const kind = index.kinds[key] ?? 'link';
            const code = embedCode(kind, url, `${index.organisation} — ${name(key)}`);
            return (
              <li class="row" key={key} data-testid={`public-page-${key}`}>
                <div style="flex:1;min-width:0">
                  <strong>{name(key)}</strong> · <a href={url} target="_blank" rel="noopener">{t('publicSite.open')}</a>
                  <p class="muted">{t(`publicSite.kinds.${kind}`)}</p>
                  <label class="visually-hidden" for={`embed-${key}`}>{t('publicSite.code', { name: name(key) })}</label>
                  <textarea id={`embed-${key}`} readOnly rows={kind === 'frame' ? 3 : 1} class="code" style="width:100%;box-sizing:border-box" value={code} />
                </div>
                <button type="button" class="btn btn-secondary" onClick={() => void copy(code)}>{t('publicSite.copy')}</button>
              </li>
            );
          })}
        </ul>
      )}
      <StatusMessage message={status} />
    </section>
  );
}
