import type { ComponentChildren, ComponentType } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, Route, Router, useLocation, useRoute } from 'preact-iso';
import type { CurrentUser, Permission } from '@vigie/domain/rules';
import { LocaleContext, currentLocale, i18n, useT } from './i18n';
import { SessionProvider, hasPermission, useSession, useUser, type SessionState } from './features/identity/auth/session';
import { safeNext } from './features/identity/auth/safeNext';
import { LoginPage } from './features/identity/auth/LoginPage';
import { DashboardPage } from './features/communication/dashboard/DashboardPage';
import { LegalPage } from './features/legal/LegalPage';
import { AssociationPage } from './features/association/AssociationPage';
import { AppShell, PublicLayout } from './shell/AppShell';
import { HomePage } from './shell/home/HomePage';
import { Screen } from './shell/Screen';
import { homeFor } from './shell/navigation';
import { noteUrl } from './shell/routeFocus';
import { Button } from './ui/Button';
import { FormError } from './ui/FormError';
import {
  SetupPage, ResetRequestPage, ResetConfirmPage, AcceptInvitationPage, TwoFactorPage, ProfilePage, UsersPage,
  InvitationsPage, AuditPage, FieldApp, ReviewPage, EvictionRecordPage, OperationRecordPage,
  IncidentRecordPage, OutsideIncidentsPage, ConflictsPage, SitesPage, SitePage, PhonesPage, AnnualReportPage, CommunicationPage,
  FigureSetPage, CampaignsPage, CampaignPage, CalendarPage, GrantsPage, GrantPage, MonitoringPage,
  BulletinPage, ContactsPage, ContactPage, MailDeskPage, UnsubscribePage, NewsletterPage,
  NewsletterIssuePage, SubscribePage, ConfirmSubscriptionPage, ResearchPage, PressReleasesPage,
  PressReleasePage, TaxonomiesPage, PublicStatisticsSettingsPage, TransferPage, NewCasePage, CasePage,
  SharedCasePage, TestimoniesPage, NewTestimonyPage, TestimonyPage, WithdrawTestimonyPage, NewRoundPage, BundleExportPage,
  PatternEvidencePage, WitnessStatementPage, PostingsPage, PostingEditorPage, RotaPage, ApplicationsPage,
  ApplyPage, JobAlertsPage, ConfirmJobAlertsPage, PeoplePage, PersonChecklistsPage, ChecklistTemplatesPage, InternshipsPage, StaffRegisterPage, EquipmentPage, LendPage, ReturnPage, MyLoansPage, MeetingsPage, MeetingPage, DecisionsPage, MembersPage,
  VehiclesPage, DriverQuestionPage, StaysPage, TaskBoardPage, AvailabilityPage, AvailabilityWeekPage,
  IdentityGrantsPage,
} from './shell/lazyScreens';

/** Pages reachable without a session. Only /login and /setup send a signed-in user home. */
const PUBLIC_PATHS = ['/setup', '/login', '/reset', '/reset/confirm', '/invitation', '/withdraw-testimony'];
const TWO_FACTOR_PATH = '/profile/two-factor';

/** Where the current URL must send the user instead, or null to stay. */
function redirectFor(state: Extract<SessionState, { status: 'ready' }>, path: string, url: string, query: Record<string, string>): string | null {
  if (state.needsSetup) return path === '/setup' ? null : '/setup';
  if (path === '/setup') return '/';
  const user = state.user;
  if (!user) {
    if (PUBLIC_PATHS.includes(path) || path.startsWith('/shared-case/') || path.startsWith('/unsubscribe/') || path.startsWith('/apply/') || path.startsWith('/subscribe/')) return null;
    return url === '/' ? '/login' : `/login?next=${encodeURIComponent(url)}`;
  }
  if (user.mustEnrolTotp) return path === TWO_FACTOR_PATH ? null : TWO_FACTOR_PATH;
  if (path === '/login') return safeNext(query.next);
  if (path === '/') {
    // A shared dashboard link from before the statistics had their own address.
    if (query.from || query.to) return `/statistics?${new URLSearchParams(query).toString()}`;
    const home = homeFor(user);
    if (home !== '/') return home;
  }
  return null;
}

function Redirect({ to }: { to: string }) {
  const { route } = useLocation();
  useLayoutEffect(() => route(to, true), [to]);
  return null;
}

/** Wraps a page so that only holders of one of the permissions see it. */
function guarded(anyOf: readonly Permission[], Page: ComponentType): ComponentType {
  return function Guarded() {
    const user = useUser();
    return anyOf.some((p) => hasPermission(user, p)) ? <Page /> : <Forbidden />;
  };
}

const DashboardRoute = guarded(['stats.view'], DashboardPage);
/** The capture app, told who records (remembered on the phone for offline use). */
function FieldArea() {
  const user = useUser();
  return <FieldApp user={{ id: user.id, displayName: user.displayName, permissions: [...user.permissions] }} />;
}

const FieldRoute = guarded(['field.record'], FieldArea);
const ReviewRoute = guarded(['field.verify'], ReviewPage);
const EvictionRoute = guarded(['field.record', 'field.verify', 'legal.manage', 'comms.publish'], EvictionRecordPage);
// The operation's and the incident's pages: the same readers as the eviction's (the server narrows further).
const OperationRoute = guarded(['field.record', 'field.verify', 'legal.manage', 'comms.publish'], OperationRecordPage);
const IncidentRoute = guarded(['field.record', 'field.verify', 'legal.manage', 'comms.publish'], IncidentRecordPage);
// Incidents outside an eviction: the readers of GET /api/incidents.
const OutsideIncidentsRoute = guarded(['field.record', 'field.verify', 'legal.manage'], OutsideIncidentsPage);
const ConflictsRoute = guarded(['field.verify'], ConflictsPage);
/** Old review links (bookmarks, sent messages) open the eviction's page. */
function ReviewEvictionRedirect() {
  const { params } = useRoute();
  return <Redirect to={`/evictions/${params.id}`} />;
}
const SitesRoute = guarded(['field.record', 'field.verify'], SitesPage);
const PhonesRoute = guarded(['field.verify'], PhonesPage);
const AnnualReportRoute = guarded(['stats.view'], AnnualReportPage);
const SiteRoute = guarded(['field.record', 'field.verify'], SitePage);
const LegalRoute = guarded(['legal.manage'], LegalPage);
const TestimoniesRoute = guarded(['field.record', 'testimonies.read'], TestimoniesPage);
const NewTestimonyRoute = guarded(['field.record', 'testimonies.read'], NewTestimonyPage);
const TestimonyRoute = guarded(['field.record', 'testimonies.read'], TestimonyPage);
const NewRoundRoute = guarded(['field.record', 'field.verify'], NewRoundPage);
const NewCaseRoute = guarded(['legal.manage'], NewCasePage);
const CaseRoute = guarded(['legal.manage'], CasePage);
const BundleExportRoute = guarded(['legal.manage'], BundleExportPage);
const PatternEvidenceRoute = guarded(['legal.manage'], PatternEvidencePage);
const WitnessStatementRoute = guarded(['field.record', 'legal.manage'], WitnessStatementPage);
const CommunicationRoute = guarded(['comms.publish'], CommunicationPage);
const ContactsRoute = guarded(['comms.publish'], ContactsPage);
const ContactRoute = guarded(['comms.publish'], ContactPage);
const MailDeskRoute = guarded(['comms.publish'], MailDeskPage);
const PressReleasesRoute = guarded(['comms.publish'], PressReleasesPage);
const PressReleaseRoute = guarded(['comms.publish'], PressReleasePage);
const NewsletterRoute = guarded(['comms.publish'], NewsletterPage);
const NewsletterIssueRoute = guarded(['comms.publish'], NewsletterIssuePage);
const MonitoringRoute = guarded(['comms.publish'], MonitoringPage);
const CampaignsRoute = guarded(['comms.publish'], CampaignsPage);
const CampaignRoute = guarded(['comms.publish'], CampaignPage);
const CalendarRoute = guarded(['comms.publish'], CalendarPage);
const GrantsRoute = guarded(['comms.publish'], GrantsPage);
const GrantRoute = guarded(['comms.publish'], GrantPage);
const BulletinRoute = guarded(['comms.publish', 'stats.view'], BulletinPage);
const FigureSetRoute = guarded(['comms.publish'], FigureSetPage);
const ResearchRoute = guarded(['research.share'], ResearchPage);
const AssociationRoute = guarded(['association.manage'], AssociationPage);
const PostingsRoute = guarded(['recruitment.manage'], PostingsPage);
const PostingEditorRoute = guarded(['recruitment.manage'], PostingEditorPage);
const RotaRoute = guarded(['rota.signup'], RotaPage);
const ApplicationsRoute = guarded(['recruitment.manage'], ApplicationsPage);
const EquipmentRoute = guarded(['house.manage'], EquipmentPage);
const LendRoute = guarded(['house.manage'], LendPage);
const ReturnRoute = guarded(['house.manage'], ReturnPage);
const MembersRoute = guarded(['association.manage'], MembersPage);
const PeopleRoute = guarded(['association.manage'], PeoplePage);
const ChecklistTemplatesRoute = guarded(['association.manage'], ChecklistTemplatesPage);
const PersonChecklistsRoute = guarded(['association.manage'], PersonChecklistsPage);
const InternshipsRoute = guarded(['association.manage'], InternshipsPage);
const StaffRegisterRoute = guarded(['association.manage'], StaffRegisterPage);
const AvailabilityOfRoute = guarded(['association.manage'], AvailabilityPage);
const AvailabilityWeekRoute = guarded(['association.manage'], AvailabilityWeekPage);
const VehiclesRoute = guarded(['dashboard.view'], VehiclesPage);
const DriverQuestionRoute = guarded(['house.manage'], DriverQuestionPage);
const StaysRoute = guarded(['house.manage'], StaysPage);
const TaskBoardRoute = guarded(['dashboard.view'], TaskBoardPage);
const UsersRoute = guarded(['users.manage', 'security.manage'], UsersPage);
const InvitationsRoute = guarded(['invitations.manage'], InvitationsPage);
const IdentityGrantsRoute = guarded(['users.manage', 'invitations.manage', 'identities.read'], IdentityGrantsPage);
const AuditRoute = guarded(['audit.read', 'audit.verify'], AuditPage);
const TaxonomiesRoute = guarded(['taxonomies.manage'], TaxonomiesPage);
const PublicStatisticsRoute = guarded(['organisation.manage', 'comms.publish'], PublicStatisticsSettingsPage);
// The public figures page is the communication pole's to manage; administrators keep it under /admin.
const CommsPublicStatisticsRoute = guarded(['comms.publish', 'organisation.manage'], PublicStatisticsSettingsPage);
const TransferRoute = guarded(['field.verify', 'records.read'], TransferPage);

function Forbidden() {
  const t = useT();
  return (
    <Screen title={t('app.forbiddenTitle')}>
      <p>{t('app.forbidden')}</p>
      <p>
        <a href="/">{t('app.backHome')}</a>
      </p>
    </Screen>
  );
}

function NotFound() {
  const t = useT();
  return (
    <Screen title={t('app.notFoundTitle')}>
      <p>{t('app.notFound')}</p>
      <p>
        <a href="/">{t('app.backHome')}</a>
      </p>
    </Screen>
  );
}

function Offline({ retry }: { retry: () => void }) {
  const t = useT();
  return (
    <Screen title={t('app.offlineTitle')} narrow>
      <p>{t('app.offline')}</p>
      <Button onClick={retry}>{t('app.retry')}</Button>
      <p class="after-form">
        <a href="/field" data-testid="offline-continue">{t('field.offline.continue')}</a>
      </p>
    </Screen>
  );
}

function LoadFailed() {
  const t = useT();
  return <FormError message={t('errors.chunk')} />;
}

function PublicRoutes() {
  return (
    <Router>
      <Route path="/setup" component={SetupPage} />
      <Route path="/login" component={LoginPage} />
      <Route path="/reset" component={ResetRequestPage} />
      <Route path="/reset/confirm" component={ResetConfirmPage} />
      <Route path="/invitation" component={AcceptInvitationPage} />
      <Route path="/shared-case/:token" component={SharedCasePage} />
      <Route path="/withdraw-testimony" component={WithdrawTestimonyPage} />
      <Route path="/unsubscribe/:token" component={UnsubscribePage} />
      <Route path="/subscribe/confirm/:token" component={ConfirmSubscriptionPage} />
      <Route path="/subscribe/job-alerts/confirm/:token" component={ConfirmJobAlertsPage} />
      <Route path="/subscribe/job-alerts/:slug" component={JobAlertsPage} />
      <Route path="/subscribe/:slug" component={SubscribePage} />
      <Route path="/apply/:slug/:id" component={ApplyPage} />
      <Route default component={NotFound} />
    </Router>
  );
}

function PrivateRoutes() {
  return (
    <Router>
      <Route path="/" component={HomePage} />
      <Route path="/statistics" component={DashboardRoute} />
      <Route path="/communication/public-statistics" component={CommsPublicStatisticsRoute} />
      <Route path="/field" component={FieldRoute} />
      <Route path="/field/*" component={FieldRoute} />
      <Route path="/review" component={ReviewRoute} />
      <Route path="/review/:id" component={ReviewEvictionRedirect} />
      <Route path="/evictions/:id" component={EvictionRoute} />
      <Route path="/evictions/:id/conflicts" component={ConflictsRoute} />
      <Route path="/operations/:id" component={OperationRoute} />
      <Route path="/incidents" component={OutsideIncidentsRoute} />
      <Route path="/incidents/:id" component={IncidentRoute} />
      <Route path="/reports/annual" component={AnnualReportRoute} />
      <Route path="/sites" component={SitesRoute} />
      <Route path="/phones" component={PhonesRoute} />
      <Route path="/sites/:id" component={SiteRoute} />
      <Route path="/legal" component={LegalRoute} />
      <Route path="/testimonies" component={TestimoniesRoute} />
      <Route path="/testimonies/new" component={NewTestimonyRoute} />
      <Route path="/rounds/new" component={NewRoundRoute} />
      <Route path="/testimonies/:id" component={TestimonyRoute} />
      <Route path="/withdraw-testimony" component={WithdrawTestimonyPage} />
      <Route path="/legal/cases/new" component={NewCaseRoute} />
      <Route path="/legal/cases/:id" component={CaseRoute} />
      <Route path="/shared-case/:token" component={SharedCasePage} />
      <Route path="/legal/bundle" component={BundleExportRoute} />
      <Route path="/legal/pattern-evidence" component={PatternEvidenceRoute} />
      <Route path="/legal/witness/:evictionId" component={WitnessStatementRoute} />
      <Route path="/legal/witness/incident/:incidentId" component={WitnessStatementRoute} />
      <Route path="/communication" component={CommunicationRoute} />
      <Route path="/communication/bulletins/:id" component={BulletinRoute} />
      <Route path="/communication/figure-sets" component={FigureSetRoute} />
      <Route path="/communication/contacts" component={ContactsRoute} />
      <Route path="/communication/contacts/:id" component={ContactRoute} />
      <Route path="/communication/mail" component={MailDeskRoute} />
      <Route path="/communication/press-releases" component={PressReleasesRoute} />
      <Route path="/communication/press-releases/:id" component={PressReleaseRoute} />
      <Route path="/communication/monitoring" component={MonitoringRoute} />
      <Route path="/communication/campaigns" component={CampaignsRoute} />
      <Route path="/communication/campaigns/:id" component={CampaignRoute} />
      <Route path="/communication/calendar" component={CalendarRoute} />
      <Route path="/communication/grants" component={GrantsRoute} />
      <Route path="/communication/grants/:id" component={GrantRoute} />
      <Route path="/unsubscribe/:token" component={UnsubscribePage} />
      <Route path="/communication/newsletter" component={NewsletterRoute} />
      <Route path="/communication/newsletter/:id" component={NewsletterIssueRoute} />
      <Route path="/subscribe/confirm/:token" component={ConfirmSubscriptionPage} />
      <Route path="/subscribe/job-alerts/confirm/:token" component={ConfirmJobAlertsPage} />
      <Route path="/subscribe/job-alerts/:slug" component={JobAlertsPage} />
      <Route path="/subscribe/:slug" component={SubscribePage} />
      <Route path="/communication/research" component={ResearchRoute} />
      <Route path="/association" component={AssociationRoute} />
      <Route path="/association/postings" component={PostingsRoute} />
      <Route path="/association/postings/:id" component={PostingEditorRoute} />
      <Route path="/rota" component={RotaRoute} />
      <Route path="/association/postings/:id/applications" component={ApplicationsRoute} />
      <Route path="/association/equipment" component={EquipmentRoute} />
      <Route path="/association/equipment/lend" component={LendRoute} />
      <Route path="/association/equipment/mine" component={MyLoansPage} />
      <Route path="/association/equipment/loans/:id/return" component={ReturnRoute} />
      <Route path="/association/meetings" component={MeetingsPage} />
      <Route path="/association/meetings/:id" component={MeetingPage} />
      <Route path="/association/decisions" component={DecisionsPage} />
      <Route path="/association/members" component={MembersRoute} />
      <Route path="/association/people" component={PeopleRoute} />
      <Route path="/association/checklist-templates" component={ChecklistTemplatesRoute} />
      <Route path="/association/people/:id" component={PersonChecklistsRoute} />
      <Route path="/association/internships" component={InternshipsRoute} />
      <Route path="/association/internships/register" component={StaffRegisterRoute} />
      <Route path="/association/availability" component={AvailabilityPage} />
      <Route path="/association/availability/week" component={AvailabilityWeekRoute} />
      <Route path="/association/availability/:id" component={AvailabilityOfRoute} />
      <Route path="/association/vehicles" component={VehiclesRoute} />
      <Route path="/association/vehicles/driver" component={DriverQuestionRoute} />
      <Route path="/association/stays" component={StaysRoute} />
      <Route path="/association/tasks" component={TaskBoardRoute} />
      <Route path="/apply/:slug/:id" component={ApplyPage} />
      <Route path="/admin/users" component={UsersRoute} />
      <Route path="/admin/invitations" component={InvitationsRoute} />
      <Route path="/admin/identity-grants" component={IdentityGrantsRoute} />
      <Route path="/admin/audit" component={AuditRoute} />
      <Route path="/admin/taxonomies" component={TaxonomiesRoute} />
      <Route path="/admin/public-statistics" component={PublicStatisticsRoute} />
      <Route path="/admin/transfer" component={TransferRoute} />
      <Route path="/profile" component={ProfilePage} />
      <Route path={TWO_FACTOR_PATH} component={TwoFactorPage} />
      <Route default component={NotFound} />
    </Router>
  );
}

function Routes() {
  const t = useT();
  const { state, retry } = useSession();
  const { path, url, query } = useLocation();
  noteUrl(url);

  if (state.status === 'loading') {
    return (
      <p class="splash" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (state.status === 'offline') {
    // The session cannot be checked without a network, but field recording must go on: the
    // capture app runs on what this phone already holds and sends it once back online.
    if (path === '/field' || path.startsWith('/field/')) {
      return (
        <PublicLayout>
          <ChunkErrorBoundary>
            <FieldApp offline onOnline={retry} />
          </ChunkErrorBoundary>
        </PublicLayout>
      );
    }
    return (
      <PublicLayout>
        <Offline retry={retry} />
      </PublicLayout>
    );
  }
  const target = redirectFor(state, path, url, query);
  if (target && target !== url) return <Redirect to={target} />;

  const user: CurrentUser | null = state.user;
  if (user && !PUBLIC_PATHS.includes(path)) {
    return (
      <AppShell>
        <ChunkErrorBoundary>
          <PrivateRoutes />
        </ChunkErrorBoundary>
      </AppShell>
    );
  }
  return (
    <PublicLayout>
      <ChunkErrorBoundary>
        <PublicRoutes />
      </ChunkErrorBoundary>
    </PublicLayout>
  );
}

/** A lazy page whose chunk cannot be fetched (offline before the service worker is ready). */
function ChunkErrorBoundary({ children }: { children: ComponentChildren }) {
  const [failed, setFailed] = useState(false);
  const { url } = useLocation();
  useEffect(() => setFailed(false), [url]);
  return failed ? <LoadFailed /> : <ErrorBoundary onError={() => setFailed(true)}>{children}</ErrorBoundary>;
}

function LocaleProvider({ children }: { children: ComponentChildren }) {
  const [locale, setLocale] = useState(currentLocale());
  useEffect(() => {
    const onChange = () => setLocale(currentLocale());
    i18n.on('languageChanged', onChange);
    return () => i18n.off('languageChanged', onChange);
  }, []);
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function App() {
  return (
    <LocaleProvider>
      <SessionProvider>
        <LocationProvider>
          <Routes />
        </LocationProvider>
      </SessionProvider>
    </LocaleProvider>
  );
}
