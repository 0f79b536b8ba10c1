/**
 * The pure rules of the domain, without the zod schemas: what the phone's capture bundle
 * imports so that it stays small (zod alone is ~29 KB gzipped). Types come along for free.
 */
export { ROLES, PERMISSIONS, PERMISSION_TABLE, can, permissionsOf, isRole, canInviteRole, normaliseRoles } from './identity/roles.js';
export type { Role, Roles, Permission } from './identity/roles.js';
export { COUNT_FIELDS, emptyCounts, sumCounts, formatCount, type Count, type CountField } from './field/counts.js';
export { checkEviction, type EvictionProblem } from './field/eviction-rules.js';
export { duplicateGroups, isProbableDuplicate, spansOverlap, type EvictionSpan } from './field/duplicates.js';
export { parisDate } from './field/paris-time.js';
export { diffRecords, type FieldChange } from './field/record-diff.js';
export type { EvictionInput, EvictionStatus, ForcePresence, Tally } from './field/eviction.js';
export type { OperationInput } from './field/operation.js';
export type { TaxonomyKind } from './field/taxonomy.js';
export type { SiteInput } from './field/site.js';
export type { IncidentInput } from './field/incident.js';
export type { SyncCommand, SyncResult } from './field/sync.js';
export type { CurrentUser, SessionView, UserView, InvitationView, Locale } from './identity/schemas.js';
export { LEGAL_ACTION_TYPES, LEGAL_CASE_STATUSES, LEGAL_OUTCOMES, PARTY_KINDS, PARTY_ROLES, DEADLINE_UNITS, DEADLINE_EFFECTS } from './legal/vocabulary.js';
export type { LegalActionType, LegalCaseStatus, LegalOutcome, LegalCaseView, LegalCaseSummaryView, LegalCaseGrantView, PartyKind, PartyRole } from './legal/case.js';
export type { DeadlineView, DeadlineRuleView, DeadlineRuleInput } from './legal/deadline.js';
export type { DeadlineUnit, DeadlineEffect } from './legal/vocabulary.js';
export { METRICS, METRIC_CODES, isMetricCode, metricLabel, formatFigure, type Figure, type MetricCode } from './communication/statistics/metrics.js';
export { BUCKETS, BREAKDOWNS, CHARTS, CHART_FORMATS, DEFAULT_PUBLIC_THRESHOLD, type Breakdown, type StatisticsBucket, type ChartName, type ChartFormat } from './communication/statistics/dimensions.js';
export * from './association/vocabulary.js';
export type { PostingInput, PostingView } from './association/postings.js';
export type { ApplicationView } from './association/applications.js';
