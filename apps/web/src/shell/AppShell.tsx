import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { Nav } from '../ui/Nav';
import { useUser } from '../features/identity/auth/session';
import { useT } from '../i18n';
import { Icon } from './icons';
import { destinationsFor, isCurrent } from './navigation';
import { LanguageSwitch } from './LanguageSwitch';
import { UserMenu } from './UserMenu';
import { OutboxBadge } from '../features/field/capture/OutboxBadge';
import { useReviewCounts } from '../features/field/evictions/useReviewCounts';

export function AppShell({ children }: { children: ComponentChildren }) {
  const t = useT();
  const user = useUser();
  const { path } = useLocation();
  // What waits for review, counted in the navigation for coordinators (refreshed on each page).
  const waiting = useReviewCounts(path);
  const review = waiting ? waiting.submitted + waiting.conflicts : 0;
  // While two-factor enrolment is mandatory, the navigation would only lead to redirects.
  const items = user.mustEnrolTotp
    ? []
    : destinationsFor(user).map((d) => ({
        href: d.href,
        label: t(`nav.${d.key}`),
        count: d.key === 'review' && review > 0 ? review : undefined,
        icon: <Icon name={d.key} />,
        current: isCurrent(d, path),
        // Six items do not fit a 360px bottom bar; administration is desk work, so on phones
        // it moves to the account menu and the bar keeps the poles.
        // Review and sites are coordinators' desk work too; on phones /field links to them.
        secondary: d.key === 'admin' || d.key === 'review' || d.key === 'sites',
      }));
  const admin = user.mustEnrolTotp ? undefined : destinationsFor(user).find((d) => d.key === 'admin');
  return (
    <div class={items.length ? 'shell shell-with-nav' : 'shell'}>
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header class="header">
        <a class="brand" href="/">
          <span class="brand-name">{t('app.name')}</span>
          <span class="brand-org">{user.organisationName}</span>
        </a>
        <div class="header-tools">
          {user.permissions.includes('field.record') && <OutboxBadge />}
          <LanguageSwitch />
          <UserMenu adminHref={admin?.href} />
        </div>
      </header>
      {items.length > 0 && <Nav label={t('nav.label')} items={items} />}
      <main id="main" class="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

export function PublicLayout({ children }: { children: ComponentChildren }) {
  const t = useT();
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header class="header">
        <span class="brand">
          <span class="brand-name">{t('app.name')}</span>
        </span>
        <div class="header-tools">
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" class="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
