/**
 * The permission table: one row per role, one column per permission.
 * Reading it top to bottom answers "who may do what" — extend it by adding a
 * permission to `PERMISSIONS` and ticking the roles that need it.
 * Identities of exiled people, victims and witnesses are behind `identities.read`,
 * held only by the legal pole and coordinators (brief: "restrict identities to the legal pole").
 * Row-level records (the drill-down, exports, record pages: site names and times) are behind
 * `records.read`, held only by roles with field access; the others — researchers first — see
 * aggregates only. `research.share` is the comms pole's data-sharing desk (agreements, releases).
 * `house.manage` keeps the inventory and hands equipment and keys over against a signed form;
 * `meetings.manage` runs meetings (minutes, decisions, actions); every member reads them and proposes agenda items.
 * `audit.verify` checks the shared audit chain from the screen (administrators and coordinators);
 * reading the trail itself stays `audit.read`.
 * `testimonies.read` opens testimonies (accounts and consents): the legal pole and coordinators only;
 * observers take testimonies (field.record) but read only those they took.
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
  'audit.verify',
  'dashboard.view',
  'field.record',
  'field.verify',
  'identities.read',
  'legal.manage',
  'comms.publish',
  'stats.view',
  'association.manage',
  'taxonomies.manage',
  'recruitment.manage',
  'records.read',
  'research.share',
  'rota.signup',
  'house.manage',
  'meetings.manage',
  'testimonies.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

type Table = Record<Role, readonly Permission[]>;

export const PERMISSION_TABLE: Table = {
  admin: [
    'organisation.manage', 'users.manage', 'invitations.manage', 'security.manage', 'audit.read', 'audit.verify',
    'dashboard.view', 'stats.view', 'association.manage', 'taxonomies.manage', 'recruitment.manage',
    'house.manage', 'meetings.manage',
  ],
  coordinator: [
    'audit.verify', 'invitations.manage', 'dashboard.view', 'field.record', 'field.verify', 'identities.read',
    'legal.manage', 'comms.publish', 'stats.view', 'association.manage', 'taxonomies.manage',
    'recruitment.manage', 'records.read', 'research.share', 'rota.signup', 'house.manage',
    'meetings.manage', 'testimonies.read',
  ],
  observer: ['dashboard.view', 'field.record', 'stats.view', 'records.read', 'rota.signup'],
  legal: ['dashboard.view', 'identities.read', 'legal.manage', 'stats.view', 'records.read', 'testimonies.read'],
  comms: ['dashboard.view', 'comms.publish', 'stats.view', 'records.read', 'research.share'],
  volunteer: ['dashboard.view', 'rota.signup'],
  // The board (bureau) is the employer: it hires, so it sees recruitment.
  board: ['dashboard.view', 'stats.view', 'association.manage', 'recruitment.manage', 'house.manage', 'meetings.manage'],
  researcher: ['stats.view'],
};

/**
 * A person may hold several roles (the communication lead also observes in the field): what they
 * may do is the union of their roles' permissions. A single role is accepted for brevity.
 */
export type Roles = Role | readonly Role[];

function asList(roles: Roles): readonly Role[] {
  return typeof roles === 'string' ? [roles] : roles;
}

export function can(roles: Roles, permission: Permission): boolean {
  return asList(roles).some((role) => PERMISSION_TABLE[role].includes(permission));
}

/** The union of the roles' permissions, in the table's column order. */
export function permissionsOf(roles: Roles): Permission[] {
  const list = asList(roles);
  return PERMISSIONS.filter((p) => list.some((role) => PERMISSION_TABLE[role].includes(p)));
}

/** A role list as stored: no duplicates, known roles only, in the order given (the first is the primary role). */
export function normaliseRoles(roles: readonly string[]): Role[] {
  return [...new Set(roles)].filter(isRole);
}

/**
 * Who may be named an operation's (co-)observer: members who record in the field (observers,
 * coordinators). Being named lets one make a witness statement, so an administrator or a volunteer
 * is not offered on the phone's team list, and the server refuses them the same way.
 */
export const OBSERVING_ROLES: readonly Role[] = ROLES.filter((r) => PERMISSION_TABLE[r].includes('field.record'));

/** Field access: may these roles open row-level records? Without it, aggregates only. */
export function canReadRecords(roles: Roles): boolean {
  return can(roles, 'records.read');
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Who may invite whom: only those who manage users may create administrators; anyone else
 * allowed to invite may bring in any other role (a coordinator onboarding observers).
 */
export function canInviteRole(inviter: Roles, invited: Role): boolean {
  if (!can(inviter, 'invitations.manage')) return false;
  return invited !== 'admin' || can(inviter, 'users.manage');
}

/**
 * The author rule for field records others build on (a site, a pseudonymous person): whoever
 * recorded it may change it; anyone else only with the verifying permission (coordinators).
 * A record whose author is unknown (older rows) is then nobody's but the verifiers'.
 */
export function canChangeRecordOf(roles: Roles, actorId: string, authorId: string | null): boolean {
  return can(roles, 'field.verify') || (authorId !== null && authorId === actorId);
}

/**
 * Access to identities is given by two people: a move from `before` to `after` that adds
 * identities.read (an invitation is a move from no role) waits for a confirmation.
 */
export function grantsIdentities(before: Roles, after: Roles): boolean {
  return can(after, 'identities.read') && !can(before, 'identities.read');
}

/** The roles whose members confirm a grant of access to identities (brief: the legal pole and coordinators). */
export const GRANT_CONFIRMER_ROLES: readonly Role[] = ['coordinator', 'legal'];

/** A confirmer is someone else than whoever asked for the grant and whoever would receive it. */
export function mayConfirmGrant(roles: Roles, actorId: string, grant: { requestedBy: string; userId: string | null }): boolean {
  return asList(roles).some((r) => GRANT_CONFIRMER_ROLES.includes(r)) && actorId !== grant.requestedBy && actorId !== grant.userId;
}

/**
 * Unverified records (draft, submitted, rejected) and where and how an evidence original was taken
 * (GPS, EXIF): their author, those who verify (coordinators) and those who use evidence (the legal
 * pole). Everyone else sees verified records only, and evidence without its location.
 */
export function canSeeUnverifiedOf(roles: Roles, actorId: string, authorId: string | null): boolean {
  return can(roles, 'field.verify') || can(roles, 'legal.manage') || (authorId !== null && authorId === actorId);
}
