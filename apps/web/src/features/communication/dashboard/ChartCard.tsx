import type { ChartName } from '@vigie/domain/rules';
import { useT } from '../../../i18n';

/**
 * One chart, drawn by the server as SVG (the same drawing the bulletin and the annual report
 * use), with its downloads: SVG and PNG for Canva and Office, CSV for the data.
 */
export function ChartCard({ chart, query }: { chart: ChartName; query: string }) {
  const t = useT();
  const url = (format: 'svg' | 'png' | 'csv') => `/api/statistics/charts/${chart}.${format}?${query}`;
  return (
    <figure class="chart-card" data-testid={`chart-${chart}`}>
      <figcaption>{t(`statistics.charts.${chart}`)}</figcaption>
      <img src={url('svg')} alt={t('statistics.charts.alt', { chart: t(`statistics.charts.${chart}`) })} loading="lazy" />
      <p class="chart-downloads">
        {(['svg', 'png', 'csv'] as const).map((format) => (
          <a key={format} href={url(format)} download data-testid={`download-${chart}-${format}`}>
            {t(`statistics.download.${format}`)}
          </a>
        ))}
      </p>
    </figure>
  );
}
