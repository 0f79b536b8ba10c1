import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';

/**
 * Sign-in throttling that holds under concurrency and cannot be turned into a lock-out:
 * - each attempt is counted (under the row's lock) before the password is checked, so 25
 *   parallel guesses are 25 counted attempts, and only the first `max` reach argon2;
 * - one address gets `perSource` attempts at an account before that address is locked out of
 *   it; all addresses together get `perAccount` (a higher number). A guesser from one address
 *   locks only themselves; a botnet locks the account, and the person unlocks it by e-mail
 *   (a password reset clears every lock of the account);
 * - each new lock of the same row lasts twice the previous one (back-off), up to a day.
 */
export type ThrottleLimits = { perSource: number; perAccount: number; lockMinutes: number };
export type Reservation = { allowed: true } | { allowed: false; retryMinutes: number; accountLockedNow: boolean };

const ACCOUNT = '';
const MAX_LOCK_MINUTES = 24 * 60;

type Row = { failures: number; window_start: Date; locked_until: Date | null; lock_count: number };

async function take(trx: Executor, email: string, source: string): Promise<Row> {
  await sql`INSERT INTO login_throttles (email, source) VALUES (${email}, ${source}) ON CONFLICT DO NOTHING`.execute(trx);
  const { rows } = await sql<Row>`SELECT failures, window_start, locked_until, lock_count FROM login_throttles
    WHERE email = ${email} AND source = ${source} FOR UPDATE`.execute(trx);
  return rows[0]!;
}

/** Counts one attempt on a row; returns the minutes still locked, or 0 when allowed. */
async function count(trx: Executor, email: string, source: string, max: number, lockMinutes: number, now: Date): Promise<{ wait: number; lockedNow: boolean }> {
  const row = await take(trx, email, source);
  if (row.locked_until && row.locked_until > now) return { wait: row.locked_until.getTime() - now.getTime(), lockedNow: false };
  const windowOver = now.getTime() - row.window_start.getTime() > lockMinutes * 60_000;
  // A long quiet spell (a day after the last lock ended) forgets the back-off.
  const forgiven = row.locked_until !== null && now.getTime() - row.locked_until.getTime() > MAX_LOCK_MINUTES * 60_000;
  const lockCount = forgiven ? 0 : row.lock_count;
  const failures = (windowOver || row.locked_until ? 0 : row.failures) + 1;
  if (failures > max) {
    const minutes = Math.min(lockMinutes * 2 ** lockCount, MAX_LOCK_MINUTES);
    const until = new Date(now.getTime() + minutes * 60_000);
    await sql`UPDATE login_throttles SET failures = 0, window_start = ${now}, locked_until = ${until}, lock_count = ${lockCount + 1}
      WHERE email = ${email} AND source = ${source}`.execute(trx);
    return { wait: minutes * 60_000, lockedNow: true };
  }
  await sql`UPDATE login_throttles SET failures = ${failures}, locked_until = NULL, lock_count = ${lockCount},
    window_start = ${windowOver || row.locked_until ? now : row.window_start}
    WHERE email = ${email} AND source = ${source}`.execute(trx);
  return { wait: 0, lockedNow: false };
}

/** Call inside a transaction, before checking the password. */
export async function reserveAttempt(trx: Executor, email: string, source: string, limits: ThrottleLimits): Promise<Reservation> {
  const now = new Date();
  const bySource = await count(trx, email, source || '?', limits.perSource, limits.lockMinutes, now);
  // A source already locked out adds nothing to the account's count.
  const byAccount = bySource.wait > 0 && !bySource.lockedNow
    ? { wait: 0, lockedNow: false }
    : await count(trx, email, ACCOUNT, limits.perAccount, limits.lockMinutes, now);
  const wait = Math.max(bySource.wait, byAccount.wait);
  if (wait === 0) return { allowed: true };
  return { allowed: false, retryMinutes: Math.max(1, Math.ceil(wait / 60_000)), accountLockedNow: byAccount.lockedNow };
}

/** After a successful sign-in: this address starts afresh, and the account's count too. */
export async function attemptSucceeded(trx: Executor, email: string, source: string) {
  await sql`DELETE FROM login_throttles WHERE email = ${email} AND source = ${source || '?'}`.execute(trx);
  await sql`UPDATE login_throttles SET failures = 0 WHERE email = ${email} AND source = ${ACCOUNT}`.execute(trx);
}

/** The unlock by e-mail: a password reset clears every lock of the account. */
export async function clearThrottles(trx: Executor, email: string) {
  await sql`DELETE FROM login_throttles WHERE email = ${email}`.execute(trx);
}
