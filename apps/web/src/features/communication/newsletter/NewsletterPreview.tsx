import type { NewsletterBlockView } from '@vigie/domain/rules';
import { useT } from '../../../i18n';

/**
 * An issue as a reader sees it, at a given width (a phone's 375 px, a desktop mail window's
 * 720 px): the same blocks, in the same order, as the mail and the public archive.
 */
export function NewsletterPreview({ title, blocks, width, label, testId }: { title: string; blocks: NewsletterBlockView[]; width: number; label: string; testId: string }) {
  const t = useT();
  return (
    <figure class="newsletter-frame" style={{ width: `${width}px` }} data-testid={testId}>
      <figcaption>{label}</figcaption>
      <article class="newsletter-page">
        <h1>{title}</h1>
        {blocks.map((b, i) => {
          switch (b.kind) {
            case 'text': return <div key={i}>{b.text.split(/\n{2,}/).map((p, j) => <p key={j}>{p}</p>)}</div>;
            case 'figure': return <p key={i} class="newsletter-figure">{b.wording}</p>;
            case 'bulletin': return b.bulletin
              ? <section key={i}><h2>{t('newsletter.preview.bulletin', { title: b.bulletin.title })}</h2><p>{b.bulletin.headline}</p><p class="newsletter-figure">{b.bulletin.evictions}</p></section>
              : <p key={i} class="field-hint">{t('newsletter.preview.noBulletin')}</p>;
            case 'photo': return b.available
              ? <figure key={i}><img src={`/api/evidence/${b.evidenceId}/public`} alt={b.caption} /><figcaption>{b.caption}{b.credit ? ` © ${b.credit}` : ''}</figcaption></figure>
              : <p key={i} class="field-hint">{t('newsletter.preview.photoUnavailable')}</p>;
            case 'link': return <p key={i}><a href={b.url} target="_blank" rel="noopener">{b.label}</a></p>;
            case 'quote': return b.text !== null
              ? <blockquote key={i} dir="auto">{b.text}</blockquote>
              : <p key={i} class="field-hint" role="note">{t('newsletter.preview.quoteWithdrawn')}</p>;
          }
        })}
      </article>
    </figure>
  );
}
