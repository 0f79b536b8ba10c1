import { GRANT_CONFIRMER_ROLES, mayConfirmGrant, normaliseRoles, type IdentityGrantView, type Role } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import type { Executor } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { deleteSessionsOfUser } from '../../../platform/auth/session-store.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { auditUser } from '../users/users.presenter.js';
import { countActiveHoldersOf, displayNamesOf, findUserById, updateUser } from '../users/user-accounts.js';
import { sessionCache } from '../../../platform/auth/session-cache.js';
import {
  countOpenUnconfirmedInvitations, findGrantForUpdate, insertGrant, latestGrantOfInvitation, listGrants, lockGrantsOf, markGrantDecided,
  withdrawPendingGrants, type IdentityGrantRow,
} from './grants.queries.js';

/**
 * Two people give access to identities (issue 12): a role carrying identities.read, by invitation
 * or by a role change, waits until a coordinator or legal member other than the requester (and
 * the grantee) confirms it. Only when nobody else could confirm — an organisation's first identity
 * holder — does the grant go through at once, and the audit trail says so. That exception is
 * used once: requests are taken one at a time per organisation (a transaction-level lock), and an
 * invitation it let through, not yet accepted, counts as someone who will be able to confirm.
 */
export type GrantTarget = { userId: string; email: string } | { invitationId: string; email: string };

export async function requestIdentityGrant(trx: Executor, actor: Actor, target: GrantTarget, roles: Role[], ip: string) {
  const userId = 'userId' in target ? target.userId : null;
  const invitationId = 'invitationId' in target ? target.invitationId : null;
  await lockGrantsOf(trx, actor.organisationId);
  await withdrawPendingGrants(trx, userId ? { userId } : { invitationId: invitationId! });
  const confirmers = await countActiveHoldersOf(trx, GRANT_CONFIRMER_ROLES, [actor.userId, ...(userId ? [userId] : [])])
    + await countOpenUnconfirmedInvitations(trx, invitationId);
  const grant = await insertGrant(trx, {
    organisationId: actor.organisationId, userId, invitationId, email: target.email, roles, requestedBy: actor.userId,
    confirmedAt: confirmers === 0 ? new Date() : null,
  });
  await recordAudit(trx, {
    organisationId: actor.organisationId, actorId: actor.userId,
    action: confirmers === 0 ? 'identity_grant.confirmed' : 'identity_grant.requested', entityType: 'identity_grant', entityId: grant.id,
    after: { roles, email: target.email, userId, invitationId },
    context: confirmers === 0 ? { ip, requestedBy: actor.userId, approvedBy: null, reason: 'nobody_else_could_confirm' } : { ip, requestedBy: actor.userId },
  });
  return { grantId: grant.id, pending: confirmers > 0 };
}

/** Other changes to the account or the invitation end any request still waiting for it. */
export async function withdrawIdentityGrants(trx: Executor, actor: Actor, target: { userId: string } | { invitationId: string }, ip: string) {
  for (const g of await withdrawPendingGrants(trx, target)) {
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'identity_grant.withdrawn', entityType: 'identity_grant',
      entityId: g.id, context: { ip, requestedBy: g.requested_by },
    });
  }
}

/** The invitation's grant, if it carries one: `pending` and `refused` both keep it from being accepted. */
export async function invitationGrantStatus(trx: Executor, invitationId: string): Promise<string | null> {
  return (await latestGrantOfInvitation(trx, invitationId))?.status ?? null;
}

function present(g: IdentityGrantRow, names: Map<string, string>, actor: Actor): IdentityGrantView {
  const person = (id: string | null) => (id ? { id, displayName: names.get(id) ?? '' } : null);
  return {
    id: g.id, kind: g.user_id ? 'role_change' : 'invitation', email: g.email, displayName: g.user_id ? names.get(g.user_id) ?? null : null,
    roles: normaliseRoles(g.roles), status: g.status as IdentityGrantView['status'],
    requestedBy: person(g.requested_by)!, requestedAt: g.requested_at.toISOString(),
    decidedBy: person(g.decided_by), decidedAt: g.decided_at?.toISOString() ?? null,
    mayDecide: g.status === 'pending' && mayConfirmGrant(actor.roles, actor.userId, { requestedBy: g.requested_by, userId: g.user_id }),
  };
}

export async function listIdentityGrants(ctx: AppContext, actor: Actor): Promise<IdentityGrantView[]> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const rows = await listGrants(trx);
    const names = await displayNamesOf(trx, rows.flatMap((g) => [g.requested_by, g.decided_by, g.user_id]).filter((x): x is string => x !== null));
    return rows.map((g) => present(g, names, actor));
  });
}

export async function decideIdentityGrant(ctx: AppContext, actor: Actor, id: string, decision: 'confirmed' | 'refused', ip: string): Promise<IdentityGrantView> {
  const result = await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const grant = await findGrantForUpdate(trx, id);
    if (!grant) throw new AppError('identity_grant.not_found');
    if (grant.status !== 'pending') throw new AppError('identity_grant.decided');
    if (actor.userId === grant.requested_by || actor.userId === grant.user_id) throw new AppError('identity_grant.own_request');
    if (!mayConfirmGrant(actor.roles, actor.userId, { requestedBy: grant.requested_by, userId: grant.user_id })) throw new AppError('auth.forbidden');
    const decided = (await markGrantDecided(trx, id, decision, actor.userId))!;
    if (decision === 'confirmed' && grant.user_id) {
      const before = await findUserById(trx, grant.user_id);
      if (!before) throw new AppError('user.not_found');
      const roles = normaliseRoles(grant.roles);
      const after = (await updateUser(trx, grant.user_id, { role: roles[0]!, additional_roles: roles.slice(1) }))!;
      // Sessions carry the roles they were opened with: the person signs in again with the new ones.
      await deleteSessionsOfUser(trx, grant.user_id);
      await recordAudit(trx, {
        organisationId: actor.organisationId, actorId: actor.userId, action: 'user.changed', entityType: 'user', entityId: grant.user_id,
        before: auditUser(before), after: auditUser(after),
        context: { ip, grantId: id, requestedBy: grant.requested_by, approvedBy: actor.userId, roles: { before: normaliseRoles([before.role, ...before.additional_roles]), after: roles } },
      });
    }
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: `identity_grant.${decision}`, entityType: 'identity_grant', entityId: id,
      after: { roles: grant.roles, email: grant.email, userId: grant.user_id, invitationId: grant.invitation_id },
      context: { ip, requestedBy: grant.requested_by, [decision === 'confirmed' ? 'approvedBy' : 'refusedBy']: actor.userId },
    });
    const names = await displayNamesOf(trx, [decided.requested_by, actor.userId, ...(decided.user_id ? [decided.user_id] : [])]);
    return present(decided, names, actor);
  });
  // Committed: this process forgets the sessions it remembered (others within SESSION_CACHE_SECONDS).
  sessionCache.forgetAll();
  return result;
}
