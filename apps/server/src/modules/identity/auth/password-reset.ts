import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { open, seal } from '../../../platform/crypto/secret-box.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import { inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { hashPassword } from '../../../platform/auth/passwords.js';
import { deleteSessionsOfUser } from '../../../platform/auth/session-store.js';
import { randomToken, sha256Hex } from '../../../platform/crypto/tokens.js';
import { translate } from '../../../platform/errors/messages.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { findUserByEmail, findUserById, updateUser } from '../users/user-accounts.js';
import { queueOneMail, SECRET_SLOT } from '../../communication/mailings/mail-pipeline.js';
import { clearThrottles } from './login-throttle.js';
import { expirePasswordResetsOfUser, findPasswordReset, insertPasswordReset, markPasswordResetUsed, takePasswordReset } from './auth.queries.js';
import { sessionCache } from '../../../platform/auth/session-cache.js';

export const PASSWORD_RESET_JOB = 'auth.password_reset_request';
const requestSchema = z.object({ email: z.string(), ip: z.string() });

/**
 * Always the same answer after the same work, so neither the answer nor its timing tells who has
 * an account: the request only queues a job (the address sealed with the server key, like a
 * secret mail), and the job looks the account up, stores the token's hash and mails the link.
 */
export async function requestPasswordReset(ctx: AppContext, email: string, ip: string): Promise<void> {
  await inSystemTransaction(ctx.db, async (trx) => {
    await ctx.queue.enqueue(trx, PASSWORD_RESET_JOB, { sealed: seal(ctx.serverKey, JSON.stringify({ email, ip })) });
  });
}

type ResetDeps = Pick<AppContext, 'db' | 'config' | 'queue' | 'serverKey'>;

export function definePasswordResetJob(queue: JobQueue, deps: Omit<ResetDeps, 'queue'>) {
  queue.define(PASSWORD_RESET_JOB, async (data) => {
    const { email, ip } = requestSchema.parse(JSON.parse(open(deps.serverKey, z.object({ sealed: z.string() }).parse(data).sealed)));
    await sendPasswordReset({ ...deps, queue }, email, ip);
  });
}

/** An unknown or inactive address gets nothing, and nothing is recorded. */
async function sendPasswordReset(ctx: ResetDeps, email: string, ip: string): Promise<void> {
  const user = await findUserByEmail(ctx.db, email);
  if (!user || !user.active) return;
  const token = randomToken();
  const minutes = ctx.config.passwordResetTtlMinutes;
  const link = `${ctx.config.publicUrl}/reset/confirm?token=${token}`;
  const locale = user.locale === 'en' ? 'en' : 'fr';
  await inSystemTransaction(ctx.db, async (trx) => {
    await insertPasswordReset(trx, { tokenHash: sha256Hex(token), userId: user.id, expiresAt: new Date(Date.now() + minutes * 60_000) });
    // Account mail: it reaches a person who left the newsletter; the link is sealed until it has left.
    await queueOneMail(trx, ctx, {
      organisationId: user.organisation_id, purpose: 'account', to: user.email, secret: link,
      subject: translate('mail.reset.subject', locale),
      text: translate('mail.reset.body', locale, { link: SECRET_SLOT, minutes }),
    });
    await recordAudit(trx, {
      organisationId: user.organisation_id, actorId: null, action: 'auth.password_reset_requested', entityType: 'user',
      entityId: user.id, context: { ip },
    });
  });
}

export async function confirmPasswordReset(ctx: AppContext, token: string, password: string, ip: string): Promise<void> {
  // The token first: an invalid link costs a lookup, not an argon2 hash (19 MiB, tens of ms).
  const pending = await findPasswordReset(ctx.db, sha256Hex(token));
  if (!pending || pending.used_at || pending.expires_at <= new Date()) throw new AppError('password.reset_invalid');
  const passwordHash = await hashPassword(password);
  await inSystemTransaction(ctx.db, async (trx) => {
    const reset = await takePasswordReset(trx, sha256Hex(token));
    if (!reset || reset.used_at || reset.expires_at <= new Date()) throw new AppError('password.reset_invalid');
    const user = await findUserById(trx, reset.user_id);
    if (!user || !user.active) throw new AppError('password.reset_invalid');
    await updateUser(trx, user.id, { password_hash: passwordHash });
    await markPasswordResetUsed(trx, reset.token_hash);
    await expirePasswordResetsOfUser(trx, user.id);
    // Whoever knew the old password must not stay signed in.
    await deleteSessionsOfUser(trx, user.id);
    // The unlock by e-mail: whoever can read the mailbox ends every sign-in lock.
    await clearThrottles(trx, user.email.toLowerCase());
    await recordAudit(trx, {
      organisationId: user.organisation_id, actorId: user.id, action: 'auth.password_reset', entityType: 'user',
      entityId: user.id, context: { ip },
    });
  });
  sessionCache.forgetAll();
}
