import { useT } from '../../i18n';
import { Screen } from '../../shell/Screen';
import { useUser } from '../auth/session';

export function DashboardPage() {
  const t = useT();
  const user = useUser();
  return (
    <Screen title={t('dashboard.title')}>
      <p class="lead">{t('dashboard.welcome', { name: user.displayName })}</p>
      <p>{t('dashboard.role', { organisation: user.organisationName, role: t(`roles.${user.role}`) })}</p>
      <section class="empty-state" aria-labelledby="dashboard-empty">
        <h2 id="dashboard-empty">{t('dashboard.emptyTitle')}</h2>
        <p>{t('dashboard.empty')}</p>
      </section>
    </Screen>
  );
}
