import { normaliseRoles, type Role } from '@vigie/domain';
import type { Executor } from '../db/database.js';

/** SQL for sessions. Runs outside any organisation scope: a session tells us the organisation. */
export type SessionUser = {
  tokenHash: string;
  csrfToken: string;
  userId: string;
  organisationId: string;
  organisationName: string;
  email: string;
  displayName: string;
  /** The primary role. */
  role: Role;
  /** Every role the person holds (primary first): permissions are their union. */
  roles: Role[];
  locale: 'fr' | 'en';
  totpEnabled: boolean;
  totpRequiredRoles: string[];
};

export async function insertSession(db: Executor, s: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date }) {
  await db.insertInto('sessions').values({ token_hash: s.tokenHash, user_id: s.userId, csrf_token: s.csrfToken, expires_at: s.expiresAt }).execute();
}

export async function findLiveSession(db: Executor, tokenHash: string): Promise<SessionUser | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .leftJoin('organisation_settings as os', 'os.organisation_id', 'u.organisation_id')
    .select([
      's.token_hash', 's.csrf_token', 'u.id as user_id', 'u.organisation_id', 'o.name as organisation_name', 'u.email',
      'u.display_name', 'u.role', 'u.additional_roles', 'u.locale', 'u.totp_enabled', 'os.totp_required_roles',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', new Date())
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    tokenHash: row.token_hash,
    csrfToken: row.csrf_token,
    userId: row.user_id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    email: row.email,
    displayName: row.display_name,
    role: row.role as Role,
    roles: normaliseRoles([row.role, ...row.additional_roles]),
    locale: row.locale as 'fr' | 'en',
    totpEnabled: row.totp_enabled,
    totpRequiredRoles: row.totp_required_roles ?? [],
  };
}

export async function deleteSession(db: Executor, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOfUser(db: Executor, userId: string, except?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (except) q = q.where('token_hash', '!=', except);
  await q.execute();
}

export async function deleteExpiredSessions(db: Executor) {
  await db.deleteFrom('sessions').where('expires_at', '<=', new Date()).execute();
}
