import { useLocation } from 'preact-iso';
import { hasPermission, useUser } from '../features/identity/auth/session';
import { useT } from '../i18n';

/** Links between the administration pages the user may open. */
export function AdminTabs() {
  const t = useT();
  const user = useUser();
  const { path } = useLocation();
  const tabs = [
    { href: '/admin/users', label: t('admin.users'), show: hasPermission(user, 'users.manage') || hasPermission(user, 'security.manage') },
    { href: '/admin/invitations', label: t('admin.invitations'), show: hasPermission(user, 'invitations.manage') },
    {
      href: '/admin/identity-grants', label: t('identityGrants.tab'),
      show: hasPermission(user, 'users.manage') || hasPermission(user, 'invitations.manage') || hasPermission(user, 'identities.read'),
    },
    { href: '/admin/taxonomies', label: t('admin.taxonomies'), show: hasPermission(user, 'taxonomies.manage') },
    { href: '/admin/transfer', label: t('admin.transfer'), show: hasPermission(user, 'field.verify') },
    { href: '/admin/public-statistics', label: t('admin.publicStatistics'), show: hasPermission(user, 'organisation.manage') },
    { href: '/admin/audit', label: t('audit.title'), show: hasPermission(user, 'audit.read') || hasPermission(user, 'audit.verify') },
  ].filter((tab) => tab.show);
  if (tabs.length < 2) return null;
  return (
    <nav class="tabs" aria-label={t('admin.nav')}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.href}>
            <a href={tab.href} aria-current={path === tab.href ? 'page' : undefined}>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
