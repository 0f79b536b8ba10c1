import { lazy } from 'preact-iso';

/**
 * The screens that load on demand (used once, rarely, or by one pole only); the service worker
 * precaches them for offline use. app.tsx guards and routes them.
 */
// Screens used once or rarely load on demand; the service worker precaches them for offline use.
export const SetupPage = lazy(() => import('../features/identity/setup/SetupPage').then((m) => m.SetupPage));
export const ResetRequestPage = lazy(() => import('../features/identity/auth/ResetRequestPage').then((m) => m.ResetRequestPage));
export const ResetConfirmPage = lazy(() => import('../features/identity/auth/ResetConfirmPage').then((m) => m.ResetConfirmPage));
export const AcceptInvitationPage = lazy(() => import('../features/identity/invitations/AcceptInvitationPage').then((m) => m.AcceptInvitationPage));
export const TwoFactorPage = lazy(() => import('../features/identity/twofactor/TwoFactorPage').then((m) => m.TwoFactorPage));
export const ProfilePage = lazy(() => import('../features/identity/profile/ProfilePage').then((m) => m.ProfilePage));
export const UsersPage = lazy(() => import('../features/identity/users/UsersPage').then((m) => m.UsersPage));
export const InvitationsPage = lazy(() => import('../features/identity/invitations/InvitationsPage').then((m) => m.InvitationsPage));
export const AuditPage = lazy(() => import('../features/identity/audit/AuditPage').then((m) => m.AuditPage));
// Field capture (works offline: IndexedDB + outbox), review and sites each load on demand.
export const FieldApp = lazy(() => import('../features/field/capture/FieldApp').then((m) => m.FieldApp));
export const ReviewPage = lazy(() => import('../features/field/review/ReviewPage').then((m) => m.ReviewPage));
// One page per record: where the review queue, dashboard drill-downs, site timelines and case links land.
export const EvictionRecordPage = lazy(() => import('../features/field/evictions/EvictionRecordPage').then((m) => m.EvictionRecordPage));
export const OperationRecordPage = lazy(() => import('../features/field/operations/OperationRecordPage').then((m) => m.OperationRecordPage));
export const OutsideIncidentsPage = lazy(() => import('../features/field/incidents/OutsideIncidentsPage').then((m) => m.OutsideIncidentsPage));
export const IncidentRecordPage = lazy(() => import('../features/field/incidents/IncidentRecordPage').then((m) => m.IncidentRecordPage));
export const ConflictsPage = lazy(() => import('../features/field/evictions/ConflictsPage').then((m) => m.ConflictsPage));
export const SitesPage = lazy(() => import('../features/field/sites/SitesPage').then((m) => m.SitesPage));
export const SitePage = lazy(() => import('../features/field/sites/SitesPage').then((m) => m.SitePage));
export const PhonesPage = lazy(() => import('../features/field/phones/PhonesPage').then((m) => m.PhonesPage));
export const AnnualReportPage = lazy(() => import('../features/communication/reports/AnnualReportPage').then((m) => m.AnnualReportPage));
// The comms pole's bulletins: list, drafting, preview, downloads and publication.
export const CommunicationPage = lazy(() => import('../features/communication/bulletins/CommunicationPage').then((m) => m.CommunicationPage));
export const FigureSetPage = lazy(() => import('../features/communication/figure-sets/FigureSetPage').then((m) => m.FigureSetPage));
export const CampaignsPage = lazy(() => import('../features/communication/campaigns/CampaignsPage').then((m) => m.CampaignsPage));
export const CampaignPage = lazy(() => import('../features/communication/campaigns/CampaignPage').then((m) => m.CampaignPage));
export const CalendarPage = lazy(() => import('../features/communication/campaigns/CalendarPage').then((m) => m.CalendarPage));
export const GrantsPage = lazy(() => import('../features/communication/grants/GrantsPage').then((m) => m.GrantsPage));
export const GrantPage = lazy(() => import('../features/communication/grants/GrantPage').then((m) => m.GrantPage));
export const MonitoringPage = lazy(() => import('../features/communication/monitoring/MonitoringPage').then((m) => m.MonitoringPage));
export const BulletinPage = lazy(() => import('../features/communication/bulletins/BulletinPage').then((m) => m.BulletinPage));
// The contacts registry and the public unsubscribe page (reached from a mail footer).
export const ContactsPage = lazy(() => import('../features/communication/contacts/ContactsPage').then((m) => m.ContactsPage));
export const ContactPage = lazy(() => import('../features/communication/contacts/ContactPage').then((m) => m.ContactPage));
export const MailDeskPage = lazy(() => import('../features/communication/mailings/MailDeskPage').then((m) => m.MailDeskPage));
export const UnsubscribePage = lazy(() => import('../features/communication/contacts/UnsubscribePage').then((m) => m.UnsubscribePage));
// The members' newsletter: the desk's issues, and the public sign-up and confirmation pages.
export const NewsletterPage = lazy(() => import('../features/communication/newsletter/NewsletterPage').then((m) => m.NewsletterPage));
export const NewsletterIssuePage = lazy(() => import('../features/communication/newsletter/NewsletterIssuePage').then((m) => m.NewsletterIssuePage));
export const SubscribePage = lazy(() => import('../features/communication/newsletter/SubscribePage').then((m) => m.SubscribePage));
export const ConfirmSubscriptionPage = lazy(() => import('../features/communication/newsletter/ConfirmSubscriptionPage').then((m) => m.ConfirmSubscriptionPage));
// The data-sharing desk (agreements, profiles, releases for researchers).
export const ResearchPage = lazy(() => import('../features/communication/research/ResearchPage').then((m) => m.ResearchPage));
export const PressReleasesPage = lazy(() => import('../features/communication/press-releases/PressReleasesPage').then((m) => m.PressReleasesPage));
export const PressReleasePage = lazy(() => import('../features/communication/press-releases/PressReleasePage').then((m) => m.PressReleasePage));
// Coordinators' lists and spreadsheet import/export, rarely opened: on demand too.
export const TaxonomiesPage = lazy(() => import('../features/field/taxonomies/TaxonomiesPage').then((m) => m.TaxonomiesPage));
export const PublicStatisticsSettingsPage = lazy(() => import('../features/communication/public-stats/PublicStatisticsSettingsPage').then((m) => m.PublicStatisticsSettingsPage));
export const TransferPage = lazy(() => import('../features/field/transfer/TransferPage').then((m) => m.TransferPage));
// The legal pole's case files; the shared-case page is what a lawyer opens from a secret link, signed in or not.
export const NewCasePage = lazy(() => import('../features/legal/NewCasePage').then((m) => m.NewCasePage));
export const CasePage = lazy(() => import('../features/legal/CasePage').then((m) => m.CasePage));
export const SharedCasePage = lazy(() => import('../features/legal/SharedCasePage').then((m) => m.SharedCasePage));
// Testimonies (issue 16): taken by observers, read by the legal pole and coordinators; the withdrawal page is public.
export const TestimoniesPage = lazy(() => import('../features/field/testimonies/TestimoniesPage').then((m) => m.TestimoniesPage));
export const NewTestimonyPage = lazy(() => import('../features/field/testimonies/NewTestimonyPage').then((m) => m.NewTestimonyPage));
export const TestimonyPage = lazy(() => import('../features/field/testimonies/TestimonyPage').then((m) => m.TestimonyPage));
// Outreach rounds (issue 16): recorded from a phone by observers.
export const NewRoundPage = lazy(() => import('../features/field/rounds/NewRoundPage').then((m) => m.NewRoundPage));
export const WithdrawTestimonyPage = lazy(() => import('../features/field/testimonies/WithdrawTestimonyPage').then((m) => m.WithdrawTestimonyPage));
// Evidence bundles, pattern evidence (legal pole) and witness statements (also observers who were there).
export const BundleExportPage = lazy(() => import('../features/legal/BundleExportPage').then((m) => m.BundleExportPage));
export const PatternEvidencePage = lazy(() => import('../features/legal/PatternEvidencePage').then((m) => m.PatternEvidencePage));
export const WitnessStatementPage = lazy(() => import('../features/legal/WitnessStatementPage').then((m) => m.WitnessStatementPage));
export const PostingsPage = lazy(() => import('../features/association/postings/PostingsPage').then((m) => m.PostingsPage));
export const PostingEditorPage = lazy(() => import('../features/association/postings/PostingEditorPage').then((m) => m.PostingEditorPage));
export const RotaPage = lazy(() => import('../features/field/rota/RotaPage').then((m) => m.RotaPage));
export const ApplicationsPage = lazy(() => import('../features/association/applications/ApplicationsPage').then((m) => m.ApplicationsPage));
export const JobAlertsPage = lazy(() => import('../features/association/postings/JobAlertsPage').then((m) => m.JobAlertsPage));
export const ConfirmJobAlertsPage = lazy(() => import('../features/association/postings/ConfirmJobAlertsPage').then((m) => m.ConfirmJobAlertsPage));
export const PeoplePage = lazy(() => import('../features/association/checklists/PeoplePage').then((m) => m.PeoplePage));
export const ChecklistTemplatesPage = lazy(() => import('../features/association/checklists/ChecklistTemplatesPage').then((m) => m.ChecklistTemplatesPage));
export const StaffRegisterPage = lazy(() => import('../features/association/internships/StaffRegisterPage').then((m) => m.StaffRegisterPage));
export const InternshipsPage = lazy(() => import('../features/association/internships/InternshipsPage').then((m) => m.InternshipsPage));
export const PersonChecklistsPage = lazy(() => import('../features/association/checklists/PersonChecklistsPage').then((m) => m.PersonChecklistsPage));
// Volunteer availability (issue 18): everyone edits their own; coordinators read the week and edit anyone's.
export const AvailabilityPage = lazy(() => import('../features/association/availability/AvailabilityPage').then((m) => m.AvailabilityPage));
export const AvailabilityWeekPage = lazy(() => import('../features/association/availability/AvailabilityWeekPage').then((m) => m.AvailabilityWeekPage));
export const ApplyPage = lazy(() => import('../features/association/applications/ApplyPage').then((m) => m.ApplyPage));
// The house (issue 19): inventory and signed loans; everyone sees what they hold.
export const EquipmentPage = lazy(() => import('../features/association/equipment/EquipmentPage').then((m) => m.EquipmentPage));
export const LendPage = lazy(() => import('../features/association/equipment/LendPage').then((m) => m.LendPage));
export const ReturnPage = lazy(() => import('../features/association/equipment/ReturnPage').then((m) => m.ReturnPage));
export const MyLoansPage = lazy(() => import('../features/association/equipment/MyLoansPage').then((m) => m.MyLoansPage));
// Meetings, decisions and actions (issue 19): every member reads and proposes agenda items.
export const MeetingsPage = lazy(() => import('../features/association/meetings/MeetingsPage').then((m) => m.MeetingsPage));
export const MeetingPage = lazy(() => import('../features/association/meetings/MeetingPage').then((m) => m.MeetingPage));
export const DecisionsPage = lazy(() => import('../features/association/meetings/DecisionsPage').then((m) => m.DecisionsPage));
export const MembersPage = lazy(() => import('../features/association/members/MembersPage').then((m) => m.MembersPage));
export const VehiclesPage = lazy(() => import('../features/association/vehicles/VehiclesPage').then((m) => m.VehiclesPage));
export const DriverQuestionPage = lazy(() => import('../features/association/vehicles/DriverQuestionPage').then((m) => m.DriverQuestionPage));
export const StaysPage = lazy(() => import('../features/association/stays/StaysPage').then((m) => m.StaysPage));
export const TaskBoardPage = lazy(() => import('../features/association/tasks/TaskBoardPage').then((m) => m.TaskBoardPage));
// Access to identities is given by two people (issue 12): administrators follow, identity holders decide.
export const IdentityGrantsPage = lazy(() => import('../features/identity/grants/IdentityGrantsPage').then((m) => m.IdentityGrantsPage));
