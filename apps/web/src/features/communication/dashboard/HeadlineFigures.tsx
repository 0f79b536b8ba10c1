import { formatFigure, metricLabel, type MetricCode } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import type { Summary } from './types';

/** The figures a bulletin leads with, each worded "au moins N" when it is a minimum. */
export const HEADLINE: readonly MetricCode[] = [
  'evictions', 'distinctSites', 'personsEvicted', 'arrests', 'arrestsWithViolence', 'unaccompaniedMinors', 'itemsSeized',
  'tentsSeized', 'structuresDestroyed', 'incidentsViolence', 'incidentsObstruction', 'shelterOffered',
];

export function HeadlineFigures({ summary }: { summary: Summary }) {
  const t = useT();
  const locale = useLocale();
  const { figures, comparisons, rates, coverage } = summary;
  const previous = comparisons.previousPeriod.figures;
  const yearBefore = comparisons.yearBefore.figures;
  return (
    <section aria-labelledby="headline-title">
      <h3 id="headline-title">{t('statistics.headline')}</h3>
      <ul class="figures" data-testid="headline-figures">
        {HEADLINE.map((code) => (
          <li key={code} class="figure" data-testid={`figure-${code}`}>
            <span class="figure-value">{formatFigure(figures[code], locale)}</span>
            <span class="figure-label">{metricLabel(code, locale)}</span>
            <span class="figure-compare">
              {t('statistics.compare', {
                previous: formatFigure(previous[code], locale),
                yearBefore: formatFigure(yearBefore[code], locale),
              })}
            </span>
          </li>
        ))}
      </ul>
      <p data-testid="rates">
        {rates.hoursPerEviction === null
          ? t('statistics.rates.none')
          : t('statistics.rates.every', { hours: rates.hoursPerEviction.toLocaleString(locale), perWeek: rates.perWeek.toLocaleString(locale), perMonth: rates.perMonth.toLocaleString(locale) })}
      </p>
      <p class="muted" data-testid="coverage">
        {t('statistics.coverage', { observed: coverage.expectedDays - coverage.daysNotObserved, total: coverage.expectedDays, missing: coverage.daysNotObserved })}
      </p>
    </section>
  );
}
