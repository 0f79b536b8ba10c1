import { figureOf, type Coverage } from '../figures/minimum-rule.js';
import { wordFigure, type Forms, type Lang } from '../figures/figure-wording.js';
import { ROUND_NEEDS, type RoundNeed } from '../../field/round-needs.js';
import type { Figure } from './metrics.js';

/**
 * The outreach rounds' own figures (maraudes, issue 16 item 4): how many rounds, the people met,
 * and the people who expressed each need. They stand apart from the evictions' METRICS because a
 * round has no force, no single site and no review state: they are counted by area and period
 * only, and each round counts once recorded. Pure, no zod: the web bundle lists them.
 */
const r = <C extends string>(code: C, fr: string, en: string, forms: { fr: [string, string, string]; en: [string, string, string] }) => ({
  code, fr, en, forms: { fr: { one: forms.fr[0], other: forms.fr[1], none: forms.fr[2] }, en: { one: forms.en[0], other: forms.en[1], none: forms.en[2] } } satisfies Record<Lang, Forms>,
}) as const;

export const ROUND_METRICS = [
  r('rounds', 'maraudes', 'outreach rounds', { fr: ['maraude', 'maraudes', 'aucune maraude'], en: ['outreach round', 'outreach rounds', 'no outreach round'] }),
  r('roundPeopleMet', 'personnes rencontrées en maraude', 'people met on outreach rounds', {
    fr: ['personne rencontrée en maraude', 'personnes rencontrées en maraude', 'personne n’a été rencontré en maraude'],
    en: ['person met on outreach rounds', 'people met on outreach rounds', 'nobody met on outreach rounds'] }),
  r('roundNeedFood', 'personnes ayant besoin de nourriture', 'people in need of food', {
    fr: ['personne ayant besoin de nourriture', 'personnes ayant besoin de nourriture', 'aucun besoin de nourriture exprimé'],
    en: ['person in need of food', 'people in need of food', 'no need of food expressed'] }),
  r('roundNeedWater', 'personnes ayant besoin d’eau', 'people in need of water', {
    fr: ['personne ayant besoin d’eau', 'personnes ayant besoin d’eau', 'aucun besoin d’eau exprimé'],
    en: ['person in need of water', 'people in need of water', 'no need of water expressed'] }),
  r('roundNeedMedical', 'personnes ayant besoin de soins', 'people in need of medical care', {
    fr: ['personne ayant besoin de soins', 'personnes ayant besoin de soins', 'aucun besoin de soins exprimé'],
    en: ['person in need of medical care', 'people in need of medical care', 'no need of medical care expressed'] }),
  r('roundNeedClothes', 'personnes ayant besoin de vêtements', 'people in need of clothes', {
    fr: ['personne ayant besoin de vêtements', 'personnes ayant besoin de vêtements', 'aucun besoin de vêtements exprimé'],
    en: ['person in need of clothes', 'people in need of clothes', 'no need of clothes expressed'] }),
  r('roundNeedLegalInformation', 'personnes demandant une information juridique', 'people asking for legal information', {
    fr: ['personne demandant une information juridique', 'personnes demandant une information juridique', 'aucune demande d’information juridique'],
    en: ['person asking for legal information', 'people asking for legal information', 'no request for legal information'] }),
] as const;

export type RoundMetricCode = (typeof ROUND_METRICS)[number]['code'];
export const ROUND_METRIC_CODES = ROUND_METRICS.map((x) => x.code) as readonly RoundMetricCode[] as readonly [RoundMetricCode, ...RoundMetricCode[]];
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
  const metric = ROUND_METRICS.find((x) => x.code === code)!;
  return wordFigure(f, lang, { style: 'phrase', forms: metric.forms[lang], label: metric[lang] });
}
