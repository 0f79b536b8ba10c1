import { lazy } from 'preact-iso';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { hasPermission, useUser } from '../../identity/auth/session';

// The statistics (charts, map, tables) load on demand: the capture app on a phone never needs them.
const StatisticsDashboard = lazy(() => import('./StatisticsDashboard').then((m) => m.StatisticsDashboard));

/** Home page: the greeting at once, then the statistics for those who may see them. */
export function DashboardPage() {
  const t = useT();
  const user = useUser();
  return (
    <Screen title={t('dashboard.title')}>
      <p class="lead">{t('dashboard.welcome', { name: user.displayName })}</p>
      {hasPermission(user, 'stats.view') ? <StatisticsDashboard /> : (
        <>
          <p>{t('dashboard.role', { organisation: user.organisationName, role: t(`roles.${user.role}`) })}</p>
          <section class="empty-state" aria-labelledby="dashboard-empty">
            <h2 id="dashboard-empty">{t('dashboard.emptyTitle')}</h2>
            <p>{t('dashboard.empty')}</p>
          </section>
        </>
      )}
    </Screen>
  );
}
