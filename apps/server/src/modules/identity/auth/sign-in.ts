import type { AppContext } from '../../../platform/context.js';
import { inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { burnPasswordCheck, verifyPassword } from '../../../platform/auth/passwords.js';
import { checkTotp } from '../../../platform/auth/totp.js';
import { z } from 'zod';
import { open, seal } from '../../../platform/crypto/secret-box.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { deleteSession } from '../../../platform/auth/session-store.js';
import { openSession, type OpenedSession } from './sessions.js';
import { claimTotpStep, findUserByEmail } from '../users/user-accounts.js';
import { attemptSucceeded, reserveAttempt } from './login-throttle.js';
import { queueOneMail } from '../../communication/mailings/mail-pipeline.js';
import { translate } from '../../../platform/errors/messages.js';
import type { Trx } from '../../../platform/db/database.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { sessionCache } from '../../../platform/auth/session-cache.js';

export type SignInInput = { email: string; password: string; totp?: string | undefined };

/**
 * Password, then the second factor when enabled. The attempt is counted first, atomically
 * (login-throttle.ts: per address and per account, with back-off), and refused without checking
 * the password when either is locked. An unknown address goes through the same steps (a
 * throttle row, an argon2 verification against a dummy hash) so the answer and its timing do
 * not tell whether an account exists.
 */
export async function signIn(ctx: AppContext, input: SignInInput, ip: string): Promise<OpenedSession> {
  const { loginMaxFailures, loginAccountMaxFailures, loginLockMinutes } = ctx.config;
  const email = input.email.toLowerCase();
  const reservation = await inSystemTransaction(ctx.db, async (trx) => {
    const r = await reserveAttempt(trx, email, ip, { perSource: loginMaxFailures, perAccount: loginAccountMaxFailures, lockMinutes: loginLockMinutes });
    if (!r.allowed && r.accountLockedNow) await sendUnlockMail(ctx, trx, email, r.retryMinutes);
    return r;
  });
  if (!reservation.allowed) {
    const minutes = reservation.retryMinutes;
    throw new AppError('auth.throttled', { minutes }, { 'retry-after': String(minutes * 60) });
  }
  const user = await findUserByEmail(ctx.db, input.email);
  if (!user) {
    await burnPasswordCheck(input.password);
    throw new AppError('auth.invalid_credentials');
  }
  if (!(await verifyPassword(user.password_hash, input.password)) || !user.active) {
    throw new AppError('auth.invalid_credentials');
  }
  let totpStep: number | null = null;
  if (user.totp_enabled && user.totp_secret_enc) {
    if (!input.totp) throw new AppError('auth.totp_required');
    totpStep = checkTotp(open(ctx.serverKey, user.totp_secret_enc), input.totp, user.totp_last_step);
    if (totpStep === null) throw new AppError('auth.totp_invalid');
  }
  return inSystemTransaction(ctx.db, async (trx) => {
    if (totpStep !== null) {
      // Conditional update: of two sign-ins racing with the same code, only one wins.
      const claimed = await claimTotpStep(trx, user.id, totpStep);
      if (!claimed) throw new AppError('auth.totp_invalid');
    }
    await attemptSucceeded(trx, email, ip);
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
  sessionCache.forgetAll();
}

/**
 * When guesses from many addresses lock an account, its owner is told, with the way to unlock
 * it at once: a password reset (which clears every lock). Nothing is sent for unknown addresses.
 */
/**
 * The "your account is locked, unlock it by resetting your password" mail. The sign-in only
 * queues a job with the address sealed by the server key, whether or not an account exists;
 * the job looks the account up and mails it, so the lock's answer and timing tell nothing.
 */
export const UNLOCK_MAIL_JOB = 'auth.unlock_mail';
const unlockSchema = z.object({ email: z.string(), minutes: z.number() });

async function sendUnlockMail(ctx: AppContext, trx: Trx, email: string, minutes: number) {
  await ctx.queue.enqueue(trx, UNLOCK_MAIL_JOB, { sealed: seal(ctx.serverKey, JSON.stringify({ email, minutes })) });
}

export function defineUnlockMailJob(queue: JobQueue, deps: Pick<AppContext, 'db' | 'config' | 'serverKey'>) {
  queue.define(UNLOCK_MAIL_JOB, async (data) => {
    const { email, minutes } = unlockSchema.parse(JSON.parse(open(deps.serverKey, z.object({ sealed: z.string() }).parse(data).sealed)));
    const user = await findUserByEmail(deps.db, email);
    if (!user || !user.active) return;
    const locale = user.locale === 'en' ? 'en' : 'fr';
    await inSystemTransaction(deps.db, (trx) => queueOneMail(trx, { ...deps, queue }, {
      organisationId: user.organisation_id, purpose: 'account', to: user.email,
      subject: translate('mail.locked.subject', locale),
      text: translate('mail.locked.body', locale, { minutes, link: `${deps.config.publicUrl}/reset` }),
    }));
  });
}
