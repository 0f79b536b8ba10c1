import { lazy } from 'preact-iso';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';

// The statistics (charts, map, tables) load on demand: the capture app on a phone never needs them.
const StatisticsDashboard = lazy(() => import('./StatisticsDashboard').then((m) => m.StatisticsDashboard));

/**
 * The statistics page (/statistics). Each role's home is elsewhere (shell/home); here the
 * period and the headline figures come first, so that they sit above the fold on a laptop.
 */
export function DashboardPage() {
  const t = useT();
  return (
    <Screen title={t('office.home.statistics')}>
      <StatisticsDashboard />
    </Screen>
  );
}
