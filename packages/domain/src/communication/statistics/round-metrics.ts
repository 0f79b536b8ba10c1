import { figureOf, type Coverage } from '../figures/minimum-rule.js';
import { wordFigure, type Lang } from '../figures/figure-wording.js';
import { ROUND_NEEDS, type RoundNeed } from '../../field/round-needs.js';
import type { Figure } from './metrics.js';
import { ROUND_METRICS, type RoundMetricCode } from './round-metric-table.js';

/**
 * The outreach rounds' own figures (maraudes, issue 16 item 4): how many rounds, the people met,
 * and the people who expressed each need. They stand apart from the evictions' METRICS because a
 * round has no force, no single site and no review state: they are counted by area and period
 * only, and each round counts once recorded. Pure, no zod: the web bundle lists them. They are
 * citable like the others (metrics.ts `CitableMetric`): by reference, worded by wordFigure.
 */
export { ROUND_METRICS, ROUND_METRIC_CODES, isRoundMetricCode, type RoundMetricCode } from './round-metric-table.js';

export type RoundFigures = Record<RoundMetricCode, Figure>;

/** The figure of each need, by need. */
export const NEED_METRIC: Record<RoundNeed, RoundMetricCode> = {
  food: 'roundNeedFood', water: 'roundNeedWater', medical: 'roundNeedMedical', clothes: 'roundNeedClothes', legalInformation: 'roundNeedLegalInformation',
};

/**
 * A sum of one count over the rounds of a period: any flagged "au moins", any round where it was
 * left blank, and whether any round recorded it at all.
 */
export type RoundCountSum = { n: number; flagged: boolean; blank: boolean; recorded: boolean };
export type RoundAggregate = { rounds: number; peopleMet: RoundCountSum; needs: Record<RoundNeed, RoundCountSum> };

/**
 * The round figures under THE minimum rule (figures/minimum-rule.ts): the number of rounds is
 * exact (our own records of going out, like days observed); people met and each need are a
 * minimum when any round's count was flagged "au moins" or left blank (a need not asked about);
 * a count no round recorded (no round at all, or a need nobody asked about) was not observed
 * ("non observé", never 0).
 */
export function roundFiguresOf(a: RoundAggregate): RoundFigures {
  const out = {} as RoundFigures;
  const exact: Coverage = { observedDays: 1, expectedDays: 1 };
  const sum = (s: RoundCountSum) => figureOf(s.n, { flagged: s.flagged, blank: s.blank }, s.recorded ? exact : { observedDays: 0, expectedDays: 0 });
  out.rounds = figureOf(a.rounds, {}, exact);
  out.roundPeopleMet = sum(a.peopleMet);
  for (const need of ROUND_NEEDS) out[NEED_METRIC[need]] = sum(a.needs[need]);
  return out;
}

export function roundMetricLabel(code: RoundMetricCode, lang: Lang): string {
  return ROUND_METRICS.find((x) => x.code === code)![lang];
}

/** "au moins 40 personnes rencontrées en maraude", "aucune maraude": worded by wordFigure like every figure. */
export function roundFigurePhrase(code: RoundMetricCode, f: Figure, lang: Lang): string {
  return wordFigure(f, lang, { style: 'phrase', metric: code });
}
