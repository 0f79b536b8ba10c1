import type { Role } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Actor } from '../../../platform/http/request-context.js';

export async function readSecurityPolicy(ctx: AppContext, actor: Actor): Promise<{ totpRequiredRoles: Role[] }> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await trx.selectFrom('organisation_settings').select('totp_required_roles').executeTakeFirst();
    return { totpRequiredRoles: (row?.totp_required_roles ?? []) as Role[] };
  });
}

/** Roles listed here must enrol a second factor before doing anything else (checked per request). */
export async function setSecurityPolicy(ctx: AppContext, actor: Actor, totpRequiredRoles: Role[], ip: string) {
  const roles = [...new Set(totpRequiredRoles)].sort();
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const before = await trx.selectFrom('organisation_settings').select('totp_required_roles').executeTakeFirst();
    await trx.insertInto('organisation_settings').values({ organisation_id: actor.organisationId, totp_required_roles: roles })
      .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ totp_required_roles: roles, updated_at: new Date() }))
      .execute();
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'security.policy_changed', entityType: 'organisation',
      entityId: actor.organisationId, before: { totpRequiredRoles: before?.totp_required_roles ?? [] },
      after: { totpRequiredRoles: roles }, context: { ip },
    });
    return { totpRequiredRoles: roles as Role[] };
  });
}
