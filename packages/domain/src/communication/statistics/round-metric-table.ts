/**
 * The outreach rounds' figures (maraudes, issue 16 item 4) by code, with their labels and the
 * forms a sentence uses, apart from how they are computed (round-metrics.ts): metrics.ts and the
 * figure wording read them too, so that a bulletin or a press release cites a round figure
 * through the same reference and wording as any other. Pure data.
 */
type Forms = { one: string; other: string; none: string };

const r = <C extends string>(code: C, fr: string, en: string, forms: { fr: [string, string, string]; en: [string, string, string] }) => ({
  code, fr, en, forms: { fr: { one: forms.fr[0], other: forms.fr[1], none: forms.fr[2] }, en: { one: forms.en[0], other: forms.en[1], none: forms.en[2] } } satisfies Record<'fr' | 'en', Forms>,
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

export function isRoundMetricCode(value: string): value is RoundMetricCode {
  return (ROUND_METRIC_CODES as readonly string[]).includes(value);
}
