/**
 * The pure rules of the domain, without the zod schemas: what the phone's capture bundle
 * imports so that it stays small (zod alone is ~29 KB gzipped). Types come along for free.
 */
export {
  ROLES, PERMISSIONS, PERMISSION_TABLE, can, permissionsOf, isRole, canInviteRole, normaliseRoles, canReadRecords, canChangeRecordOf, canSeeUnverifiedOf, grantsIdentities, mayConfirmGrant,
  OBSERVING_ROLES,
} from './identity/roles.js';
export type { Role, Roles, Permission } from './identity/roles.js';
export { COUNT_FIELDS, emptyCounts, sumCounts, formatCount, type Count, type CountField } from './field/counts.js';
export { checkEviction, type EvictionProblem } from './field/eviction-rules.js';
export { partsLargerThanWhole, tallyTotals, type PartCount, type TallyWithParts } from './field/parts.js';
export { duplicateGroups, isProbableDuplicate, spansOverlap, type EvictionSpan } from './field/duplicates.js';
export { parisDate } from './field/paris-time.js';
export { diffRecords, type FieldChange } from './field/record-diff.js';
export type { EvictionInput, EvictionStatus, ForcePresence, Tally } from './field/eviction.js';
export type { OperationInput } from './field/operation.js';
export type { TaxonomyKind } from './field/taxonomy.js';
export type { TermView, AreaView, CommuneView, TaxonomiesView, ReferenceArea, ReferenceMember, ReferenceView } from './field/reference.js';
export type { SiteInput } from './field/site.js';
export { parseCoordinate, outsideAreas, AREA_MARGIN_KM, type SitePosition, type PlacedSite } from './field/site-position.js';
export type { IncidentInput, IncidentStatus } from './field/incident.js';
export { incidentPlaceProblems } from './field/incident-place.js';
export {
  EVIDENCE_KINDS, EVIDENCE_TYPES, EVIDENCE_MAX_BYTES, canonicalType, kindOfType, declaredTypeOf, matchesDeclaration, kindOfContent, type EvidenceKind,
} from './field/evidence/evidence-kinds.js';
export { signatureMatches, SIGNATURE_BYTES } from './field/evidence/evidence-signatures.js';
export type { PersonSearchView } from './field/person-search.js';
export type { SyncCommand, SyncResult, SyncError } from './field/sync.js';
export type { JsonValue } from './json-value.js';
export * from './field/testimonies/vocabulary.js';
export { consentTextsFor, CURRENT_CONSENT_TEXT_VERSION, type ShownConsentText } from './field/testimonies/consent-texts/consent-text.js';
export type { TestimonyView, TestimonySummaryView, QuotableTestimony, ConsentInput, TestimonyCreate, TestimonyOffline } from './field/testimonies/testimony.js';
export type { PhoneScope, PhoneSettings, DeviceView, OutboxRescue, OutboxRescueResult } from './field/phone.js';
export type { RotaView, RotaAreaView, RotaDayView, RotaRole, RotaShiftState, RotaMineView, RotaCalendarFeedView } from './field/rota.js';
export type { CurrentUser, SessionView, UserView, InvitationView, IdentityGrantView, Locale } from './identity/schemas.js';
export type { AuditChainCheck, AuditEntryView, AuditPage } from './identity/audit.js';
export { LEGAL_ACTION_TYPES, LEGAL_CASE_STATUSES, LEGAL_OUTCOMES, PARTY_KINDS, PARTY_ROLES, DEADLINE_UNITS, DEADLINE_EFFECTS } from './legal/vocabulary.js';
export type { LegalActionType, LegalCaseStatus, LegalOutcome, LegalCaseView, LegalCaseSummaryView, LegalCaseGrantView, LegalSharedCaseView, PartyKind, PartyRole } from './legal/case.js';
export type { DeadlineView, DeadlineRuleView, DeadlineRuleInput } from './legal/deadline.js';
export type { DeadlineUnit, DeadlineEffect } from './legal/vocabulary.js';
export { METRICS, METRIC_CODES, CITABLE_METRIC_CODES, isCitableMetric, isMetricCode, metricLabel, type CitableMetric, type Figure, type MetricCode } from './communication/statistics/metrics.js';
export { FIGURE_PARTS } from './communication/figures/figure-parts.js';
export { ROUND_METRICS, ROUND_METRIC_CODES, isRoundMetricCode, roundMetricLabel, roundFigurePhrase, type RoundMetricCode, type RoundFigures } from './communication/statistics/round-metrics.js';
export { FINDINGS, findingLabel, type Finding } from './communication/bulletins/date-wording.js';
export { figureSetProblem, type FigureSetProblem } from './communication/bulletins/figure-set-problems.js';
export { wordFigure, formatFigure, figurePhrase, figureValue, type FigureWordingOptions } from './communication/figures/figure-wording.js';
export { figureOf, isMinimum, isUnobserved, coverageShare, isComplete, sumFigures, type Coverage as FigureCoverage, type Doubts } from './communication/figures/minimum-rule.js';
export { BUCKETS, BREAKDOWNS, CHARTS, CHART_FORMATS, DEFAULT_PUBLIC_THRESHOLD, type Breakdown, type StatisticsBucket, type ChartName, type ChartFormat } from './communication/statistics/dimensions.js';
export { NNBSP, formatQuantity, formatPercent, formatDate, formatDateTime, formatMonth, formatMonthName, formatFileSize, periodShape, formatPeriod, inPeriod, pluralForm, countNoun, areaLabel, fileNamePart, type FormatLocale, type PluralForms, type PeriodShape, type DateOptions } from './formats/formats.js';
export { RTL_LANGUAGES, isRightToLeft, textDirection, type TextDirection } from './formats/text-direction.js';
export * from './association/vocabulary.js';
export type { PostingInput, PostingView } from './association/postings.js';
export { DATE_LEVELS, PLACE_LEVELS, RELEASE_MEASURES, DEFAULT_PROFILE, type DateLevel, type PlaceLevel } from './communication/research/profile.js';
export type { AgreementView, ProfileView, ReleaseView } from './communication/research/schemas.js';
export { CONTACT_KINDS, CONTACT_ROLES, ORGANISATION_TYPES, CHANNEL_KINDS, CONSENT_STATUSES, CONSENT_METHODS, LEGAL_BASES, INTERACTION_KINDS, mayMail } from './communication/contacts/vocabulary.js';
export type { ContactView, ContactSummaryView, ContactListView } from './communication/contacts/contact.js';
export type { ContactImportReport } from './communication/contacts/contact-import.js';
export type { FailedPublicCopyView } from './field/evidence/evidence.js';
export type { OperationView, EvictionView, IncidentView, IncidentReviewView, SiteView, SyncPullView } from './field/record-views.js';
export type {
  RecordChange, RecordVersionView, EvidenceItemView, EvictionActions, EvictionRowView, EvictionPageView, ReviewQueueView,
  ReviewCountsView, ConflictView, ConflictResolution, RecordSearchView, OperationPageView, OperationTimelineEntry, IncidentPageView, OutsideIncidentRowView,
} from './field/record-page.js';
export { PRESS_RELEASE_STATUSES, PRESS_RELEASE_LANGUAGES, releaseWordingLocale } from './communication/press-releases/press-release.js';
export type { PressReleaseView, PressReleaseSummaryView, PressReleaseStatus, PressReleaseLanguage } from './communication/press-releases/press-release.js';
export type { BounceView, BouncePatternView, MailingView, RecentDeliveryView, SuppressionView } from './communication/mailings/bounce-rules.js';
export { BOUNCE_TYPES } from './communication/mailings/bounce-vocabulary.js';
export { NEWSLETTER_BLOCK_KINDS, NEWSLETTER_STATUSES, blockText, blockInputOf } from './communication/newsletters/newsletter.js';
export type {
  NewsletterBlockInput, NewsletterBlockView, NewsletterIssueView, NewsletterIssueSummaryView, NewsletterSettingsView, NewsletterPhotoView,
  NewsletterSignupFormView, NewsletterConfirmationView, NewsletterBlockKind,
} from './communication/newsletters/newsletter.js';
export { publishChecklist, LOW_COVERAGE, type ChecklistItem, type PublishCandidate, type CitedFigure } from './communication/publishing/publish-checklist.js';
export type { ApplicationView } from './association/applications.js';
export type { ReplyTemplateView } from './association/reply-templates.js';
export * from './association/house-vocabulary.js';
export type { EquipmentInput, EquipmentView, LoanHandOver, LoanReturn, LoanView, HousePerson, SignatureInput } from './association/equipment.js';
export type { MeetingView, MeetingSeriesView, DecisionView, ActionView } from './association/meetings.js';
export type { BoardHomeView } from './association/board-home.js';
export * from './association/members-vocabulary.js';
export type { MemberView, MembershipView, DonationView, ReceiptView, ReceiptSettingsView, MembersRegisterView } from './association/members.js';
export { euroAmountInFigures, euroAmountInFrench } from './association/amount-in-words.js';
export { papersDue, VEHICLE_PAPERS_WARNING_DAYS } from './association/vehicle-papers.js';
export type { VehicleView, VehicleBookingView, VehicleBookingInput, VehicleBookingChange, TripView, TripStart, TripCorrection, DriverAnswer } from './association/vehicles.js';
export type { StayView, StayInput, HouseCalendar } from './association/stays.js';
export type { TaskView, TaskInput, TaskBoard, TaskChange } from './association/tasks.js';
export type { MonitoringSourceView, MonitoringRuleView, ClippingView, ClippingDetailView, ClippingTone, PollResult, DigestSettingsView } from './communication/monitoring/schemas.js';
export type { ShareCardSize, BrandingView } from './communication/share-cards/share-card.js';
export { POST_CHANNELS, CHANNEL_LIMITS, postLength, type PostChannel, type PostLength } from './communication/campaigns/post-length.js';
export { postProblems, eventSpanValid, type PostProblem } from './communication/campaigns/rules.js';
export { CAMPAIGN_TARGETS, POST_STATUSES, EVENT_KINDS, CALENDAR_POLES, CALENDAR_ITEM_KINDS, type CampaignTarget, type PostStatus, type EventKind, type CalendarPole, type CalendarItemKind } from './communication/campaigns/vocabulary.js';
export type {
  CampaignInput, PostInput, EventInput, CampaignSummaryView, CampaignView,
  PostView, PostImageView, EventView, RegistrationView, CalendarItemView,
} from './communication/campaigns/campaign.js';
export { INDICATOR_SOURCES, INDICATOR_PROBLEMS, formatEuros, type IndicatorSource, type IndicatorProblem } from './communication/grants/vocabulary.js';
export type {
  GrantInput, GrantPeriodInput, IndicatorInput, IndicatorValueInput, GrantView, GrantSummaryView, GrantPeriodView, IndicatorView, IndicatorPeriodView,
} from './communication/grants/grant.js';
export { ROUND_NEEDS, type RoundNeed } from './field/round-needs.js';
export type { RoundInput, RoundView } from './field/outreach-round.js';
export type { JobAlertFormView, JobAlertConfirmationView, JobAlertSignupInput } from './association/job-alerts.js';
export type { MembershipReminderSettings } from './association/members.js';
export type { PaymentImportReport, PaymentImportOutcome } from './association/payment-import.js';
export type { PersonChecklistsView, PersonListItem, ChecklistTemplateInput, ChecklistTemplatesView, ChecklistTemplateView } from './association/checklists.js';
export type { InternshipView, InternshipInput, InternshipSettings, InternshipsPage, StaffRegister } from './association/internships.js';
export { GRATIFICATION_THRESHOLD_HOURS, MAX_INTERNS_PER_TUTOR, MAX_INTERNSHIP_HOURS_PER_SCHOOL_YEAR } from './association/internships.js';
export type { AvailabilityInput, AvailabilityView, AvailabilityWeek, DayPart } from './association/availability.js';
export { DAY_PARTS, WEEKDAYS } from './association/availability.js';
