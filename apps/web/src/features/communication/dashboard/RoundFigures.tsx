import { ROUND_METRIC_CODES, formatFigure, roundMetricLabel } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import type { Summary } from './types';

/**
 * The outreach rounds' own figures (maraudes): how many, people met, needs observed, each worded
 * by the one figure wording ("au moins 40", "non observé" when no round went out).
 */
export function RoundFigures({ summary }: { summary: Summary }) {
  const t = useT();
  const locale = useLocale();
  const rounds = summary.rounds;
  return (
    <section aria-labelledby="rounds-title" data-testid="round-figures">
      <h3 id="rounds-title">{t('statistics.roundsTitle')}</h3>
      {rounds === null ? <p class="muted">{t('statistics.roundsForces')}</p> : (
        <>
          <ul class="figures">
            {ROUND_METRIC_CODES.map((code) => (
              <li key={code} class="figure" data-testid={`round-figure-${code}`}>
                <span class="figure-value">{formatFigure(rounds[code], locale)}</span>
                <span class="figure-label">{roundMetricLabel(code, locale)}</span>
              </li>
            ))}
          </ul>
          <p class="muted">{t('statistics.roundsIntro')}</p>
        </>
      )}
    </section>
  );
}
