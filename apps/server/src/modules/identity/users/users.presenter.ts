import { normaliseRoles, type Role, type UserView } from '@vigie/domain';
import type { UserRow } from '../../../platform/db/schema.js';

/** Every role of the account, the primary one first. */
export function userRoles(u: Pick<UserRow, 'role' | 'additional_roles'>): Role[] {
  return normaliseRoles([u.role, ...u.additional_roles]);
}

/** What may leave the server about an account: never the password hash or the TOTP secret. */
export function presentUser(u: UserRow): UserView {
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    role: u.role as Role,
    roles: userRoles(u),
    active: u.active,
    totpEnabled: u.totp_enabled,
    createdAt: u.created_at.toISOString(),
  };
}

/** The audit trail's picture of an account: the same whitelist, no secrets. */
export function auditUser(u: UserRow) {
  const { createdAt: _ignored, ...rest } = presentUser(u);
  return { ...rest, locale: u.locale };
}
