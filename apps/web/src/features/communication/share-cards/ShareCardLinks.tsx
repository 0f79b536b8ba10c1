import { useState } from 'preact/hooks';
import type { ShareCardSize } from '@vigie/domain/rules';
import { useT } from '../../../i18n';

/**
 * Download links for share cards (PNG or SVG, three network sizes, French or English): from a
 * bulletin, or from any figure reference (metric, period, area). The server draws them.
 */
const SIZES: readonly ShareCardSize[] = ['square', 'portrait', 'landscape'];

export function ShareCardLinks({ bulletinId, figure }: { bulletinId?: string; figure?: { metric: string; from: string; to: string; areaCode?: string } }) {
  const t = useT();
  const [size, setSize] = useState<ShareCardSize>('square');
  const url = (lang: 'fr' | 'en', format: 'png' | 'svg') => {
    const options = new URLSearchParams({ lang, size, format });
    if (bulletinId) return `/api/share-cards/bulletins/${bulletinId}?${options}`;
    const f = figure!;
    return `/api/share-cards/figure?${new URLSearchParams({ ...Object.fromEntries(options), metric: f.metric, from: f.from, to: f.to, ...(f.areaCode && { areaCode: f.areaCode }) })}`;
  };
  return (
    <section class="share-cards" aria-labelledby="share-cards-title" data-testid="share-cards">
      <h2 id="share-cards-title">{t('shareCards.title')}</h2>
      <p class="field-hint">{t('shareCards.hint')}</p>
      <label>
        {t('shareCards.size')}{' '}
        <select value={size} onChange={(e) => setSize(e.currentTarget.value as ShareCardSize)} data-testid="share-card-size">
          {SIZES.map((s) => <option key={s} value={s}>{t(`shareCards.sizes.${s}`)}</option>)}
        </select>
      </label>
      {(['fr', 'en'] as const).map((lang) => (
        <p key={lang}>
          <strong>{t(`shareCards.lang.${lang}`)} :</strong>{' '}
          <a href={url(lang, 'png')} download data-testid={`share-card-png-${lang}`}>PNG</a>{' '}
          <a href={url(lang, 'svg')} download data-testid={`share-card-svg-${lang}`}>SVG</a>
        </p>
      ))}
    </section>
  );
}
