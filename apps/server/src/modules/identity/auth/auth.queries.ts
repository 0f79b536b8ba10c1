import type { Executor } from '../../../platform/db/database.js';

export async function insertPasswordReset(db: Executor, r: { tokenHash: string; userId: string; expiresAt: Date }) {
  await db.insertInto('password_resets').values({ token_hash: r.tokenHash, user_id: r.userId, expires_at: r.expiresAt }).execute();
}

export async function findPasswordReset(db: Executor, tokenHash: string) {
  return db.selectFrom('password_resets').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
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
