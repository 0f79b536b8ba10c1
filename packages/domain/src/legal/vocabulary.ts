/**
 * The legal pole's fixed vocabularies, without zod, so the web app can import them through
 * `@vigie/domain/rules` without pulling the schemas into its bundle.
 */
export const LEGAL_ACTION_TYPES = [
  'refere_liberte', 'refere_suspension', 'recours_exces_pouvoir', 'plainte', 'plainte_partie_civile',
  'saisine_defenseur_droits', 'contestation_amende', 'lettre_procureur', 'lettre_prefet', 'autre',
] as const;
export type LegalActionType = (typeof LEGAL_ACTION_TYPES)[number];

export const LEGAL_CASE_STATUSES = ['preparing', 'filed', 'hearing', 'decided', 'closed', 'abandoned'] as const;
export type LegalCaseStatus = (typeof LEGAL_CASE_STATUSES)[number];

export const LEGAL_OUTCOMES = ['granted', 'partly_granted', 'rejected', 'dismissed', 'withdrawn', 'no_answer', 'other'] as const;
export type LegalOutcome = (typeof LEGAL_OUTCOMES)[number];

export const PARTY_KINDS = ['person', 'association', 'lawyer', 'authority'] as const;
export const PARTY_ROLES = ['claimant', 'defendant', 'victim', 'witness', 'counsel', 'other'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];
export type PartyRole = (typeof PARTY_ROLES)[number];

export const DEADLINE_UNITS = ['days', 'months', 'years'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];
/** 'expires': last day to act; 'opens': first day an action becomes possible. */
export const DEADLINE_EFFECTS = ['expires', 'opens'] as const;
export type DeadlineEffect = (typeof DEADLINE_EFFECTS)[number];
