import type { AppContext } from '../../../platform/context.js';
import { inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { burnPasswordCheck, verifyPassword } from '../../../platform/auth/passwords.js';
import { checkTotp } from '../../../platform/auth/totp.js';
import { open } from '../../../platform/crypto/secret-box.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { deleteSession } from '../../../platform/auth/session-store.js';
import { openSession, type OpenedSession } from './sessions.js';
import { claimTotpStep, findUserByEmail } from '../users/user-accounts.js';
import { clearFailures, recentFailures, recordFailure } from './auth.queries.js';
import type { Actor } from '../../../platform/http/request-context.js';

export type SignInInput = { email: string; password: string; totp?: string | undefined };

/**
 * Password, then the second factor when enabled. After LOGIN_MAX_FAILURES failures for an
 * address within LOGIN_LOCK_MINUTES, further attempts are refused without checking the
 * password, whichever IP they come from (IP-level limits are the rate limiter's job).
 */
export async function signIn(ctx: AppContext, input: SignInInput, ip: string): Promise<OpenedSession> {
  const { loginMaxFailures, loginLockMinutes } = ctx.config;
  const windowStart = new Date(Date.now() - loginLockMinutes * 60_000);
  const failures = await recentFailures(ctx.db, input.email, windowStart);
  if (failures.count >= loginMaxFailures) {
    const unlockAt = (failures.oldest?.getTime() ?? Date.now()) + loginLockMinutes * 60_000;
    const minutes = Math.max(1, Math.ceil((unlockAt - Date.now()) / 60_000));
    throw new AppError('auth.throttled', { minutes }, { 'retry-after': String(minutes * 60) });
  }
  const user = await findUserByEmail(ctx.db, input.email);
  if (!user) {
    await burnPasswordCheck(input.password);
    await recordFailure(ctx.db, input.email, ip);
    throw new AppError('auth.invalid_credentials');
  }
  if (!(await verifyPassword(user.password_hash, input.password)) || !user.active) {
    await recordFailure(ctx.db, input.email, ip);
    throw new AppError('auth.invalid_credentials');
  }
  let totpStep: number | null = null;
  if (user.totp_enabled && user.totp_secret_enc) {
    if (!input.totp) throw new AppError('auth.totp_required');
    totpStep = checkTotp(open(ctx.serverKey, user.totp_secret_enc), input.totp, user.totp_last_step);
    if (totpStep === null) {
      await recordFailure(ctx.db, input.email, ip);
      throw new AppError('auth.totp_invalid');
    }
  }
  return inSystemTransaction(ctx.db, async (trx) => {
    if (totpStep !== null) {
      // Conditional update: of two sign-ins racing with the same code, only one wins.
      const claimed = await claimTotpStep(trx, user.id, totpStep);
      if (!claimed) throw new AppError('auth.totp_invalid');
    }
    await clearFailures(trx, input.email);
    await recordAudit(trx, {
      organisationId: user.organisation_id, actorId: user.id, action: 'auth.signed_in', entityType: 'user',
      entityId: user.id, context: { ip, secondFactor: user.totp_enabled },
    });
    return openSession(ctx, trx, user.id);
  });
}

export async function signOut(ctx: AppContext, actor: Actor, ip: string): Promise<void> {
  await inSystemTransaction(ctx.db, async (trx) => {
    await deleteSession(trx, actor.tokenHash);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'auth.signed_out', entityType: 'user',
      entityId: actor.userId, context: { ip },
    });
  });
}
