import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { checkTotp, newTotpSecret, totpEnrolment } from '../../../platform/auth/totp.js';
import { open, seal } from '../../../platform/crypto/secret-box.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { findUserById, updateUser } from '../users/user-accounts.js';

/** Step 1: a fresh secret, stored encrypted but not yet active until a code proves the phone has it. */
export async function beginTotpEnrolment(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const user = await findUserById(trx, actor.userId);
    if (!user) throw new AppError('user.not_found');
    if (user.totp_enabled) throw new AppError('totp.already_enabled');
    const secret = newTotpSecret();
    await updateUser(trx, user.id, { totp_secret_enc: seal(ctx.serverKey, secret) });
    const { otpauthUrl, qrSvg } = await totpEnrolment(secret, user.email);
    return { secret, otpauthUrl, qrSvg };
  });
}

export async function confirmTotpEnrolment(ctx: AppContext, actor: Actor, code: string, ip: string) {
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const user = await findUserById(trx, actor.userId);
    if (!user?.totp_secret_enc) throw new AppError('totp.not_set_up');
    if (user.totp_enabled) throw new AppError('totp.already_enabled');
    const step = checkTotp(open(ctx.serverKey, user.totp_secret_enc), code, user.totp_last_step);
    if (step === null) throw new AppError('auth.totp_invalid');
    await updateUser(trx, user.id, { totp_enabled: true, totp_last_step: step });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'auth.totp_enabled', entityType: 'user',
      entityId: user.id, before: { totpEnabled: false }, after: { totpEnabled: true }, context: { ip },
    });
  });
}

export async function disableTotp(ctx: AppContext, actor: Actor, code: string, ip: string) {
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const user = await findUserById(trx, actor.userId);
    if (!user?.totp_enabled || !user.totp_secret_enc) throw new AppError('totp.not_set_up');
    if (actor.roles.some((r) => actor.totpRequiredRoles.includes(r))) throw new AppError('totp.required_by_role');
    if (checkTotp(open(ctx.serverKey, user.totp_secret_enc), code, user.totp_last_step) === null) throw new AppError('auth.totp_invalid');
    await updateUser(trx, user.id, { totp_enabled: false, totp_secret_enc: null, totp_last_step: null });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'auth.totp_disabled', entityType: 'user',
      entityId: user.id, before: { totpEnabled: true }, after: { totpEnabled: false }, context: { ip },
    });
  });
}
