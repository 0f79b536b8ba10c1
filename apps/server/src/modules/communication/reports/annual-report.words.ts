import { wordFigure, type Figure, type Locale, type ReportYearKind } from '@vigie/domain';

/** The wording of the annual report pack in both languages (documents, sheets, charts). */
export const WORDS = {
  fr: {
    title: 'Rapport annuel', chartsHeading: 'Graphiques', generated: 'Généré le', period: 'Période', source: 'Source : données vérifiées de l’observatoire.',
    atLeast: 'au moins', figure: 'Indicateur', value: 'Valeur', previousYear: 'Année précédente', change: 'Évolution',
    month: 'Mois', area: 'Zone', commune: 'Commune', item: "Type d'affaires", structure: 'Type de structure', force: 'Force',
    incident: "Type d'incident", days: 'Jours', legalBasis: 'Base légale invoquée', evictions: 'Expulsions', count: 'Nombre',
    rounds: 'Maraudes', coverage: 'Couverture', daysInPeriod: 'Jours dans la période', expectedDays: 'Jours d’observation prévus (rota)', daysObserved: 'Jours observés', daysNotObserved: 'Jours non observés',
    share: 'Part des jours observés', hoursPerEviction: 'Une expulsion toutes les (heures)', perMonth: 'Expulsions par mois',
    sheets: {
      summary: 'Synthèse', areas: 'Par zone', communes: 'Par commune', months: 'Par mois', items: 'Affaires saisies',
      structures: 'Structures détruites', forces: 'Forces', incidents: 'Violences et entraves', legal: 'Bases légales', coverage: 'Couverture', rounds: 'Maraudes',
    },
    charts: {
      evictionsByMonth: 'Expulsions par mois, comparées à l’année précédente', personsByMonth: 'Personnes expulsées par mois',
      byCommune: 'Expulsions par commune', items: 'Affaires saisies par type', forces: 'Expulsions par force présente',
      incidents: 'Violences et entraves par type',
    },
    none: 'Aucune donnée vérifiée pour cette période.',
    yearKind: { calendar: (y: number) => `Année ${y}`, observatory: (y: number) => `Année d’observation ${y - 1}–${y} (1er novembre – 31 octobre)` },
  },
  en: {
    title: 'Annual report', chartsHeading: 'Charts', generated: 'Generated on', period: 'Period', source: 'Source: the observatory’s verified data.',
    atLeast: 'at least', figure: 'Figure', value: 'Value', previousYear: 'Previous year', change: 'Change',
    month: 'Month', area: 'Area', commune: 'Commune', item: 'Item type', structure: 'Structure type', force: 'Force',
    incident: 'Incident type', days: 'Days', legalBasis: 'Stated legal basis', evictions: 'Evictions', count: 'Count',
    rounds: 'Outreach rounds', coverage: 'Coverage', daysInPeriod: 'Days in the period', expectedDays: 'Observation days expected (rota)', daysObserved: 'Days observed', daysNotObserved: 'Days not observed',
    share: 'Share of days observed', hoursPerEviction: 'One eviction every (hours)', perMonth: 'Evictions per month',
    sheets: {
      summary: 'Summary', areas: 'By area', communes: 'By commune', months: 'By month', items: 'Belongings seized',
      structures: 'Structures destroyed', forces: 'Forces', incidents: 'Violence and obstruction', legal: 'Legal bases', coverage: 'Coverage', rounds: 'Outreach rounds',
    },
    charts: {
      evictionsByMonth: 'Evictions per month, compared with the previous year', personsByMonth: 'People evicted per month',
      byCommune: 'Evictions by commune', items: 'Belongings seized by type', forces: 'Evictions by force present',
      incidents: 'Violence and obstruction by type',
    },
    none: 'No verified data for this period.',
    yearKind: { calendar: (y: number) => `Year ${y}`, observatory: (y: number) => `Observation year ${y - 1}–${y} (1 November – 31 October)` },
  },
} as const;

export function periodTitle(locale: Locale, year: number, kind: ReportYearKind): string {
  return WORDS[locale].yearKind[kind](year);
}

/** A figure as a table cell, through the one wording function ("au moins 12", "0", "non observé"). */
export function worded(figure: Figure | undefined, locale: Locale): string {
  return wordFigure(figure ?? { value: 0, atLeast: false }, locale);
}
