import { sql, type Selectable } from 'kysely';
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

/**
 * One grant request at a time per organisation, until the transaction ends: two administrators
 * asking at the same moment cannot both find "nobody else could confirm".
 */
export async function lockGrantsOf(db: Executor, organisationId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`identity_grants:${organisationId}`}, 0))`.execute(db);
}

/** Invitations let through without a second person and not yet accepted: their holder will be able to confirm. */
export async function countOpenUnconfirmedInvitations(db: Executor, except: string | null): Promise<number> {
  let q = db.selectFrom('identity_grants as g').innerJoin('invitations as i', 'i.id', 'g.invitation_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('g.status', '=', 'confirmed').where('g.decided_by', 'is', null)
    .where('i.accepted_at', 'is', null).where('i.revoked_at', 'is', null).where('i.expires_at', '>', new Date());
  if (except) q = q.where('i.id', '!=', except);
  return (await q.executeTakeFirstOrThrow()).n;
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
