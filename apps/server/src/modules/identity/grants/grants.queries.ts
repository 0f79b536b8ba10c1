import type { Selectable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type { IdentityGrantsTable } from './grants.table.js';

export type IdentityGrantRow = Selectable<IdentityGrantsTable>;

export async function insertGrant(db: Executor, g: {
  organisationId: string; userId: string | null; invitationId: string | null; email: string; roles: string[]; requestedBy: string;
  confirmedAt: Date | null;
}): Promise<IdentityGrantRow> {
  return db.insertInto('identity_grants').values({
    organisation_id: g.organisationId, user_id: g.userId, invitation_id: g.invitationId, email: g.email, roles: g.roles,
    requested_by: g.requestedBy, ...(g.confirmedAt && { status: 'confirmed', decided_at: g.confirmedAt }),
  }).returningAll().executeTakeFirstOrThrow();
}

/** Pending requests for this account or this invitation end when another request or change replaces them. */
export async function withdrawPendingGrants(db: Executor, target: { userId: string } | { invitationId: string }): Promise<IdentityGrantRow[]> {
  let q = db.updateTable('identity_grants').set({ status: 'withdrawn', decided_at: new Date() }).where('status', '=', 'pending');
  q = 'userId' in target ? q.where('user_id', '=', target.userId) : q.where('invitation_id', '=', target.invitationId);
  return q.returningAll().execute();
}

export async function findGrantForUpdate(db: Executor, id: string) {
  return db.selectFrom('identity_grants').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function latestGrantOfInvitation(db: Executor, invitationId: string) {
  return db.selectFrom('identity_grants').selectAll().where('invitation_id', '=', invitationId)
    .orderBy('requested_at', 'desc').limit(1).executeTakeFirst();
}

export async function markGrantDecided(db: Executor, id: string, status: 'confirmed' | 'refused', decidedBy: string) {
  return db.updateTable('identity_grants').set({ status, decided_by: decidedBy, decided_at: new Date() })
    .where('id', '=', id).where('status', '=', 'pending').returningAll().executeTakeFirst();
}

/** Pending requests first, then the latest decisions (a short history for the people who confirm). */
export async function listGrants(db: Executor): Promise<IdentityGrantRow[]> {
  const pending = await db.selectFrom('identity_grants').selectAll().where('status', '=', 'pending').orderBy('requested_at').limit(200).execute();
  const decided = await db.selectFrom('identity_grants').selectAll().where('status', '!=', 'pending').orderBy('decided_at', 'desc').limit(20).execute();
  return [...pending, ...decided];
}
