import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';

export async function recentFailures(db: Executor, email: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
  const row = await db.selectFrom('login_failures')
    .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(at)`.as('oldest')])
    .where('email', '=', email).where('at', '>', since).executeTakeFirstOrThrow();
  return row;
}

export async function recordFailure(db: Executor, email: string, ip: string) {
  await db.insertInto('login_failures').values({ email, ip }).execute();
}

export async function clearFailures(db: Executor, email: string) {
  await db.deleteFrom('login_failures').where('email', '=', email).execute();
}

export async function insertPasswordReset(db: Executor, r: { tokenHash: string; userId: string; expiresAt: Date }) {
  await db.insertInto('password_resets').values({ token_hash: r.tokenHash, user_id: r.userId, expires_at: r.expiresAt }).execute();
}

/** Locks the reset row so that one link resets one password, even when clicked twice. */
export async function takePasswordReset(db: Executor, tokenHash: string) {
  return db.selectFrom('password_resets').selectAll().where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
}

/** After any password change, every reset link still pending for the account stops working. */
export async function expirePasswordResetsOfUser(db: Executor, userId: string) {
  await db.updateTable('password_resets').set({ used_at: new Date() }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

export async function markPasswordResetUsed(db: Executor, tokenHash: string) {
  await db.updateTable('password_resets').set({ used_at: new Date() }).where('token_hash', '=', tokenHash).execute();
}
