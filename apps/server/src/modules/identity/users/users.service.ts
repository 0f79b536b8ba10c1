import { grantsIdentities, type Locale, type Role } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { hashPassword, verifyPassword } from '../../../platform/auth/passwords.js';
import { deleteSessionsOfUser } from '../../../platform/auth/session-store.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { expirePasswordResetsOfUser } from '../auth/reset-tokens.js';
import { requestIdentityGrant, withdrawIdentityGrants } from '../grants/grants.service.js';
import { auditUser, presentUser, userRoles } from './users.presenter.js';
import { findUserById, listUsers, updateUser } from './users.queries.js';
import { sessionCache } from '../../../platform/auth/session-cache.js';

export async function listOrganisationUsers(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => (await listUsers(trx)).map(presentUser));
}

type UserChanges = { role?: Role | undefined; roles?: Role[] | undefined; active?: boolean | undefined };

export async function changeUser(ctx: AppContext, actor: Actor, id: string, changes: UserChanges, ip: string) {
  // An admin demoting or locking themselves out is how an organisation loses its last admin.
  if (id === actor.userId) throw new AppError('user.cannot_change_self');
  const result = await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const before = await findUserById(trx, id);
    if (!before) throw new AppError('user.not_found');
    let roles = changes.roles ?? (changes.role !== undefined ? [changes.role] : undefined);
    let grantPending = false;
    let grantId: string | undefined;
    if (roles !== undefined && roles.join() !== userRoles(before).join()) {
      // Any new decision on the roles replaces a request still waiting for its second person.
      await withdrawIdentityGrants(trx, actor, { userId: id }, ip);
      if (grantsIdentities(userRoles(before), roles)) {
        // Access to identities is given by two people: the roles change once someone else confirms.
        const grant = await requestIdentityGrant(trx, actor, { userId: id, email: before.email }, roles, ip);
        grantId = grant.grantId;
        if (grant.pending) { grantPending = true; roles = undefined; }
      }
    }
    const after = await updateUser(trx, id, {
      ...(roles !== undefined && { role: roles[0]!, additional_roles: roles.slice(1) }),
      ...(changes.active !== undefined && { active: changes.active }),
    });
    if (!after) throw new AppError('user.not_found');
    const rolesChanged = userRoles(before).join() !== userRoles(after).join();
    // Sessions carry the roles they were opened with: a changed role set must sign the person in again.
    if (changes.active === false || rolesChanged) await deleteSessionsOfUser(trx, id);
    await recordAudit(trx, {
      // before/after carry the whole role list; the context names the role change for a quick read of the trail.
      organisationId: actor.organisationId, actorId: actor.userId, action: 'user.changed', entityType: 'user', entityId: id,
      before: auditUser(before), after: auditUser(after),
      context: {
        ip, ...(rolesChanged && { roles: { before: userRoles(before), after: userRoles(after) } }),
        ...(grantId && { identityGrantId: grantId, identityGrantPending: grantPending }),
      },
    });
    return { ...presentUser(after), grantPending };
  });
  // Committed: this process forgets the sessions it remembered (others within SESSION_CACHE_SECONDS).
  sessionCache.forgetAll();
  return result;
}

export async function updateProfile(ctx: AppContext, actor: Actor, changes: { displayName?: string | undefined; locale?: Locale | undefined }, ip: string) {
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const before = await findUserById(trx, actor.userId);
    if (!before) throw new AppError('user.not_found');
    const after = await updateUser(trx, actor.userId, {
      ...(changes.displayName !== undefined && { display_name: changes.displayName }),
      ...(changes.locale !== undefined && { locale: changes.locale }),
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'user.profile_changed', entityType: 'user',
      entityId: actor.userId, before: auditUser(before), after: after && auditUser(after), context: { ip },
    });
  });
  sessionCache.forgetAll();
}

export async function changePassword(ctx: AppContext, actor: Actor, current: string, next: string, ip: string) {
  const user = await inOrganisation(ctx.db, actor.organisationId, (trx) => findUserById(trx, actor.userId));
  if (!user || !(await verifyPassword(user.password_hash, current))) throw new AppError('password.current_wrong');
  const hash = await hashPassword(next);
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    await updateUser(trx, actor.userId, { password_hash: hash });
    await deleteSessionsOfUser(trx, actor.userId, actor.tokenHash);
    await expirePasswordResetsOfUser(trx, actor.userId);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'auth.password_changed', entityType: 'user',
      entityId: actor.userId, context: { ip },
    });
  });
  sessionCache.forgetAll();
}
