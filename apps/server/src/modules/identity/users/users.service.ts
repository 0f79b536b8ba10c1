import type { Locale, Role } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { hashPassword, verifyPassword } from '../../../platform/auth/passwords.js';
import { deleteSessionsOfUser } from '../../../platform/auth/session-store.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { expirePasswordResetsOfUser } from '../auth/reset-tokens.js';
import { auditUser, presentUser } from './users.presenter.js';
import { findUserById, listUsers, updateUser } from './users.queries.js';

export async function listOrganisationUsers(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => (await listUsers(trx)).map(presentUser));
}

export async function changeUser(ctx: AppContext, actor: Actor, id: string, changes: { role?: Role | undefined; active?: boolean | undefined }, ip: string) {
  // An admin demoting or locking themselves out is how an organisation loses its last admin.
  if (id === actor.userId) throw new AppError('user.cannot_change_self');
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const before = await findUserById(trx, id);
    if (!before) throw new AppError('user.not_found');
    const after = await updateUser(trx, id, {
      ...(changes.role !== undefined && { role: changes.role }),
      ...(changes.active !== undefined && { active: changes.active }),
    });
    if (!after) throw new AppError('user.not_found');
    if (changes.active === false || (changes.role && changes.role !== before.role)) await deleteSessionsOfUser(trx, id);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'user.changed', entityType: 'user', entityId: id,
      before: auditUser(before), after: auditUser(after), context: { ip },
    });
    return presentUser(after);
  });
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
}
