import type { SessionView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import type { Executor } from '../../../platform/db/database.js';
import { findLiveSession, insertSession } from '../../../platform/auth/session-store.js';
import { randomToken, sha256Hex } from '../../../platform/crypto/tokens.js';
import { presentCurrentUser, toActor } from '../../../platform/http/request-context.js';

export type OpenedSession = { token: string; expiresAt: Date; view: SessionView };

/** Opens a session for a user who just proved who they are (sign-in, set-up, invitation). */
export async function openSession(ctx: AppContext, trx: Executor, userId: string): Promise<OpenedSession> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + ctx.config.sessionTtlHours * 3_600_000);
  await insertSession(trx, { tokenHash: sha256Hex(token), userId, csrfToken: randomToken(24), expiresAt });
  const session = await findLiveSession(trx, sha256Hex(token));
  if (!session) throw new Error('session vanished right after creation');
  const actor = toActor(session);
  return { token, expiresAt, view: { user: presentCurrentUser(actor), csrfToken: actor.csrfToken } };
}
