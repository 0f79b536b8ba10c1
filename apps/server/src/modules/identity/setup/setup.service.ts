import type { Locale } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { hashPassword } from '../../../platform/auth/passwords.js';
import { randomToken, safeEqual, sha256Hex } from '../../../platform/crypto/tokens.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { openSession, type OpenedSession } from '../auth/sessions.js';
import { seedOrganisationDefaults } from '../../field/taxonomies/seed-defaults.js';
import { auditUser } from '../users/users.presenter.js';
import { countUsers, insertUser } from '../users/user-accounts.js';
import { deleteSetupCode, insertOrganisation, lockSetupCode, saveSetupCode } from './setup.queries.js';

/**
 * First run: while no account exists, a one-time code is generated at start-up and printed
 * once in the server console; whoever holds it creates the organisation and its first admin.
 * Only the code's hash is stored, and a new start replaces it.
 */
export async function prepareFirstRun(ctx: AppContext): Promise<string | null> {
  if ((await countUsers(ctx.db)) > 0) return null;
  const code = randomToken(9);
  await saveSetupCode(ctx.db, sha256Hex(code));
  return code;
}

export async function needsSetup(ctx: AppContext): Promise<boolean> {
  return (await countUsers(ctx.db)) === 0;
}

export type SetupInput = {
  code: string; organisationName: string; displayName: string; email: string; password: string; locale?: Locale | undefined;
};

export async function completeSetup(ctx: AppContext, input: SetupInput, ip: string): Promise<OpenedSession> {
  // The code first: a wrong one costs a lookup, not an argon2 hash.
  if ((await countUsers(ctx.db)) > 0) throw new AppError('setup.already_done');
  const pending = await lockSetupCode(ctx.db);
  if (!pending || !safeEqual(pending, sha256Hex(input.code))) throw new AppError('setup.invalid_code');
  const passwordHash = await hashPassword(input.password);
  return inSystemTransaction(ctx.db, async (trx) => {
    const codeHash = await lockSetupCode(trx);
    if ((await countUsers(trx)) > 0) throw new AppError('setup.already_done');
    if (!codeHash || !safeEqual(codeHash, sha256Hex(input.code))) throw new AppError('setup.invalid_code');
    const organisationId = await insertOrganisation(trx, input.organisationName);
    await seedOrganisationDefaults(trx, organisationId);
    const user = await insertUser(trx, {
      organisation_id: organisationId, email: input.email, display_name: input.displayName,
      password_hash: passwordHash, role: 'admin', locale: input.locale ?? 'fr',
    });
    await deleteSetupCode(trx);
    await recordAudit(trx, {
      organisationId, actorId: user.id, action: 'setup.completed', entityType: 'organisation', entityId: organisationId,
      after: { organisation: { name: input.organisationName }, admin: auditUser(user) }, context: { ip },
    });
    return openSession(ctx, trx, user.id);
  });
}
