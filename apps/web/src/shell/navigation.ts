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
    { key: 'dashboard', href: '/', anyOf: ['dashboard.view', 'stats.view'], prefix: '/' },
    { key: 'field', href: '/field', anyOf: ['field.record'], prefix: '/field' },
    { key: 'review', href: '/review', anyOf: ['field.verify'], prefix: '/review' },
    { key: 'sites', href: '/sites', anyOf: ['field.verify'], prefix: '/sites' },
    { key: 'legal', href: '/legal', anyOf: ['legal.manage'], prefix: '/legal' },
    { key: 'communication', href: '/communication', anyOf: ['comms.publish'], prefix: '/communication' },
    { key: 'rota', href: '/rota', anyOf: ['rota.signup'], prefix: '/rota' },
    { key: 'association', href: '/association', anyOf: ['association.manage'], prefix: '/association' },
    {
      key: 'admin',
      href: has(user, 'users.manage') || has(user, 'security.manage') ? '/admin/users' : '/admin/invitations',
      anyOf: ['users.manage', 'invitations.manage', 'security.manage', 'taxonomies.manage', 'organisation.manage'],
      prefix: '/admin',
    },
  ];
  return all.filter((d) => d.anyOf.some((p) => has(user, p)));
}

export function isCurrent(d: Destination, path: string): boolean {
  if (d.prefix === '/') return path === '/';
  return path === d.prefix || path.startsWith(d.prefix + '/');
}

/** Where "/" leads someone without the dashboard (e.g. researchers, for now). */
export function homeFor(user: CurrentUser): string {
  if (has(user, 'dashboard.view') || has(user, 'stats.view')) return '/';
  const first = destinationsFor(user)[0];
  return first ? first.href : '/profile';
}
