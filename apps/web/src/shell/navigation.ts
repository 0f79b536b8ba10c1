import type { CurrentUser, Permission } from '@vigie/domain/rules';
import type { IconName } from './icons';

export interface Destination {
  key: IconName;
  href: string;
  /** Shown when the user holds any one of these. */
  anyOf: readonly Permission[];
  /** Paths under this prefix count as "inside" this destination. */
  prefix: string;
}

const has = (user: CurrentUser, p: Permission) => user.permissions.includes(p);

export function destinationsFor(user: CurrentUser): Destination[] {
  const all: Destination[] = [
    { key: 'dashboard', href: '/', anyOf: ['dashboard.view'], prefix: '/' },
    { key: 'statistics', href: '/statistics', anyOf: ['stats.view'], prefix: '/statistics' },
    { key: 'field', href: '/field', anyOf: ['field.record'], prefix: '/field' },
    { key: 'review', href: '/review', anyOf: ['field.verify'], prefix: '/review' },
    { key: 'sites', href: '/sites', anyOf: ['field.verify'], prefix: '/sites' },
    { key: 'legal', href: '/legal', anyOf: ['legal.manage'], prefix: '/legal' },
    { key: 'testimonies', href: '/testimonies', anyOf: ['testimonies.read', 'field.record'], prefix: '/testimonies' },
    { key: 'communication', href: '/communication', anyOf: ['comms.publish'], prefix: '/communication' },
    { key: 'reports', href: '/reports/annual', anyOf: ['stats.view'], prefix: '/reports' },
    { key: 'rota', href: '/rota', anyOf: ['rota.signup'], prefix: '/rota' },
    { key: 'association', href: '/association', anyOf: ['association.manage'], prefix: '/association' },
    {
      key: 'admin',
      href: has(user, 'users.manage') || has(user, 'security.manage') ? '/admin/users'
        : has(user, 'invitations.manage') ? '/admin/invitations' : '/admin/identity-grants',
      // The legal pole opens it only to confirm grants of access to identities (issue 12).
      anyOf: ['users.manage', 'invitations.manage', 'security.manage', 'taxonomies.manage', 'organisation.manage', 'identities.read'],
      prefix: '/admin',
    },
  ];
  return all.filter((d) => d.anyOf.some((p) => has(user, p)));
}

export function isCurrent(d: Destination, path: string): boolean {
  if (d.prefix === '/') return path === '/';
  return path === d.prefix || path.startsWith(d.prefix + '/');
}

/**
 * Where "/" leads: observers to the field screen (their work, on a phone), researchers to the
 * statistics, everyone else to their role's home page.
 */
export function homeFor(user: CurrentUser): string {
  if (user.role === 'observer' && has(user, 'field.record')) return '/field';
  if (has(user, 'dashboard.view')) return '/';
  if (has(user, 'stats.view')) return '/statistics';
  const first = destinationsFor(user)[0];
  return first ? first.href : '/profile';
}
