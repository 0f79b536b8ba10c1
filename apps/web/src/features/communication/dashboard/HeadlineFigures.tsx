import { formatFigure, formatQuantity, inPeriod, metricLabel, periodShape, pluralForm, type MetricCode } from '@vigie/domain/rules';
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
  /**
   * "73 expulsions en avril 2024, une toutes les 10 heures": the count of the period itself,
   * then how often; an average per month only for periods longer than a month.
   */
  function ratesSentence(): string {
    const period = inPeriod(summary.from, summary.to, locale);
    const hours = rates.hoursPerEviction;
    if (hours === null) return t('office.rates.none', { period });
    const ev = figures.evictions;
    const count = `${formatFigure(ev, locale)} ${pluralForm(ev.value, { one: t('office.nouns.evictions.one'), other: t('office.nouns.evictions.other') }, locale)}`;
    const every = hours < 36
      ? t('office.rates.hours', { count: Math.max(1, Math.round(hours)), n: Math.max(1, Math.round(hours)) })
      : t('office.rates.days', { count: Math.round(hours / 24), n: Math.round(hours / 24) });
    const days = (Date.parse(summary.to) - Date.parse(summary.from)) / 86_400_000 + 1;
    const monthly = periodShape(summary.from, summary.to).kind !== 'month' && days > 45
      ? t('office.rates.perMonth', { n: formatQuantity(rates.perMonth, locale) }) : '';
    const sentence = t('office.rates.sentence', { count, period, every });
    return `${sentence.charAt(0).toLocaleUpperCase()}${sentence.slice(1)}${monthly}`;
  }
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
      <p data-testid="rates">{ratesSentence()}</p>
      <p class="muted" data-testid="coverage">
        {t('statistics.coverage', { observed: coverage.expectedDays - coverage.daysNotObserved, total: coverage.expectedDays, missing: coverage.daysNotObserved })}
      </p>
    </section>
  );
}
