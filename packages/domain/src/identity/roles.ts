/**
 * The permission table: one row per role, one column per permission.
 * Reading it top to bottom answers "who may do what" — extend it by adding a
 * permission to `PERMISSIONS` and ticking the roles that need it.
 * Identities of exiled people, victims and witnesses are behind `identities.read`,
 * held only by the legal pole and coordinators (brief: "restrict identities to the legal pole").
 */
export const ROLES = [
  'admin',
  'coordinator',
  'observer',
  'legal',
  'comms',
  'volunteer',
  'board',
  'researcher',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'organisation.manage',
  'users.manage',
  'invitations.manage',
  'security.manage',
  'audit.read',
  'dashboard.view',
  'field.record',
  'field.verify',
  'identities.read',
  'legal.manage',
  'comms.publish',
  'stats.view',
  'association.manage',
  'taxonomies.manage',
  'rota.signup',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

type Table = Record<Role, readonly Permission[]>;

export const PERMISSION_TABLE: Table = {
  admin: [
    'organisation.manage', 'users.manage', 'invitations.manage', 'security.manage', 'audit.read',
    'dashboard.view', 'stats.view', 'association.manage', 'taxonomies.manage',
  ],
  coordinator: [
    'invitations.manage', 'dashboard.view', 'field.record', 'field.verify', 'identities.read',
    'legal.manage', 'comms.publish', 'stats.view', 'association.manage', 'taxonomies.manage', 'rota.signup',
  ],
  observer: ['dashboard.view', 'field.record', 'stats.view', 'rota.signup'],
  legal: ['dashboard.view', 'identities.read', 'legal.manage', 'stats.view'],
  comms: ['dashboard.view', 'comms.publish', 'stats.view'],
  volunteer: ['dashboard.view', 'rota.signup'],
  board: ['dashboard.view', 'stats.view', 'association.manage'],
  researcher: ['stats.view'],
};

export function can(role: Role, permission: Permission): boolean {
  return PERMISSION_TABLE[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...PERMISSION_TABLE[role]];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Who may invite whom: only those who manage users may create administrators; anyone else
 * allowed to invite may bring in any other role (a coordinator onboarding observers).
 */
export function canInviteRole(inviter: Role, invited: Role): boolean {
  if (!can(inviter, 'invitations.manage')) return false;
  return invited !== 'admin' || can(inviter, 'users.manage');
}
