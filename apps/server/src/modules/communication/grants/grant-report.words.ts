import { formatQuantity, type IndicatorSource, type Locale } from '@vigie/domain';

/** The grant report's words in French and English (grant-report.ts; the workbook and the PDF). */
export const WORDS = {
  fr: {
    title: 'Rapport au financeur', funder: 'Financeur', amount: 'Montant', grantPeriod: 'Période de la subvention', period: 'Période du rapport',
    dueOn: 'Rapport dû le', objectives: 'Objectifs', indicators: 'Indicateurs', indicator: 'Indicateur', unit: 'Unité', baseline: 'Valeur de départ',
    target: 'Cible', actual: 'Réalisé', source: 'Source', note: 'Remarque', none: 'Aucun indicateur.', atLeast: 'au moins',
    minimumNote: 'Les chiffres tirés des observations sont des minimums : « au moins » signale un chiffre que des journées non observées ou des comptes incomplets peuvent sous-estimer ; « non observé » signale une période sans observation.',
    generated: 'Établi par Vigie le', manual: 'Saisi à la main', notComputed: 'non calculé',
    sources: {
      statistics: 'Statistiques', bulletins_published: 'Bulletins publiés', press_releases_sent: 'Communiqués envoyés', clippings: 'Retombées presse (veille)',
      newsletter_subscribers: 'Abonné·es à la lettre d’information (fin de période)', trainings_held: 'Formations tenues', events_held: 'Événements tenus', manual: 'Saisi à la main',
    } satisfies Record<IndicatorSource, string>,
  },
  en: {
    title: 'Report to the funder', funder: 'Funder', amount: 'Amount', grantPeriod: 'Grant period', period: 'Reporting period',
    dueOn: 'Report due on', objectives: 'Objectives', indicators: 'Indicators', indicator: 'Indicator', unit: 'Unit', baseline: 'Baseline',
    target: 'Target', actual: 'Actual', source: 'Source', note: 'Note', none: 'No indicators.', atLeast: 'at least',
    minimumNote: 'Figures drawn from observation are minimums: “at least” marks a figure that days not observed or incomplete counts may understate; “not observed” marks a period without observation.',
    generated: 'Produced by Vigie on', manual: 'Entered by hand', notComputed: 'not computed',
    sources: {
      statistics: 'Statistics', bulletins_published: 'Bulletins published', press_releases_sent: 'Press releases sent', clippings: 'Press coverage (monitoring)',
      newsletter_subscribers: 'Newsletter subscribers (end of period)', trainings_held: 'Trainings held', events_held: 'Events held', manual: 'Entered by hand',
    } satisfies Record<IndicatorSource, string>,
  },
} as const;

export type ReportLine = {
  name: string; unit: string; baseline: number | null; target: number | null;
  actual: { value: number; atLeast: boolean; unobserved?: boolean } | null; actualWords: string; source: string; note: string;
};
export type GrantReportContent = {
  locale: Locale; title: string; funder: string; amount: string; grantPeriod: string; periodLabel: string; period: string; dueOn: string | null;
  objectives: string; lines: ReportLine[]; generatedAt: Date;
};

/** A baseline or target as written by the team (not a counted figure: no "au moins"). */
export const reportNumber = (n: number | null, l: Locale) => (n === null ? '—' : formatQuantity(n, l, 2));
