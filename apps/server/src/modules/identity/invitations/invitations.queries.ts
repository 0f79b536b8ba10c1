import type { Executor } from '../../../platform/db/database.js';
import type { InvitationRow } from '../../../platform/db/schema.js';

export async function insertInvitation(db: Executor, i: {
  organisationId: string; email: string; role: string; tokenHash: string; invitedBy: string | null; expiresAt: Date;
}): Promise<InvitationRow> {
  return db.insertInto('invitations').values({
    organisation_id: i.organisationId, email: i.email, role: i.role, token_hash: i.tokenHash, invited_by: i.invitedBy, expires_at: i.expiresAt,
  }).returningAll().executeTakeFirstOrThrow();
}

/** A new invitation to an address replaces any still pending one: one live link per person. */
export async function revokePendingInvitationsTo(db: Executor, email: string): Promise<InvitationRow[]> {
  return db.updateTable('invitations').set({ revoked_at: new Date() })
    .where('email', '=', email).where('accepted_at', 'is', null).where('revoked_at', 'is', null).returningAll().execute();
}

export async function listInvitations(db: Executor): Promise<InvitationRow[]> {
  return db.selectFrom('invitations').selectAll().orderBy('created_at', 'desc').limit(500).execute();
}

export async function findInvitationByTokenHash(db: Executor, tokenHash: string, lock = false) {
  let q = db.selectFrom('invitations as i').innerJoin('organisations as o', 'o.id', 'i.organisation_id')
    .selectAll('i').select('o.name as organisation_name').where('i.token_hash', '=', tokenHash);
  if (lock) q = q.forUpdate('i');
  return q.executeTakeFirst();
}

export async function markInvitationAccepted(db: Executor, id: string, userId: string) {
  await db.updateTable('invitations').set({ accepted_at: new Date(), accepted_user_id: userId }).where('id', '=', id).execute();
}

export async function revokeInvitation(db: Executor, id: string): Promise<InvitationRow | undefined> {
  return db.updateTable('invitations').set({ revoked_at: new Date() })
    .where('id', '=', id).where('accepted_at', 'is', null).where('revoked_at', 'is', null).returningAll().executeTakeFirst();
}

/**
 * Roles of whoever made the invitation(s), primary and additional: an administrator's invitation is an administrator's to withdraw.
 * One with no inviter came from the deployment's operator (`vigie organisation create`) and counts as an administrator's.
 */
function inviterRoles(r: { invited_by: string | null; role: string | null; additional_roles: string[] | null }): string[] {
  return r.invited_by === null ? ['admin'] : [r.role ?? '', ...(r.additional_roles ?? [])];
}

export async function inviterRolesOf(db: Executor, id: string): Promise<string[] | undefined> {
  const row = await db.selectFrom('invitations as i').leftJoin('users as u', 'u.id', 'i.invited_by')
    .select(['i.invited_by', 'u.role', 'u.additional_roles']).where('i.id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : inviterRoles(row);
}

export async function pendingInviterRolesTo(db: Executor, email: string): Promise<string[]> {
  const rows = await db.selectFrom('invitations as i').leftJoin('users as u', 'u.id', 'i.invited_by').select(['i.invited_by', 'u.role', 'u.additional_roles'])
    .where('i.email', '=', email).where('i.accepted_at', 'is', null).where('i.revoked_at', 'is', null).execute();
  return rows.flatMap(inviterRoles);
}
