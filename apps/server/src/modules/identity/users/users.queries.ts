import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type { NewUser, UserRow, UserUpdate } from '../../../platform/db/schema.js';

export async function countUsers(db: Executor): Promise<number> {
  const row = await db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where(sql`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Executor, user: NewUser): Promise<UserRow> {
  return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
}

export async function updateUser(db: Executor, id: string, changes: UserUpdate): Promise<UserRow | undefined> {
  return db.updateTable('users').set({ ...changes, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Records a used TOTP time step unless that step (or a later one) was already used. */
export async function claimTotpStep(db: Executor, id: string, step: number): Promise<boolean> {
  const res = await db.updateTable('users').set({ totp_last_step: step }).where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)])).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function listUsers(db: Executor): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('display_name').execute();
}

/** Active members holding one of `roles` (primary or additional), apart from `except`: who could confirm a grant. */
export async function countActiveHoldersOf(db: Executor, roles: readonly string[], except: readonly string[]): Promise<number> {
  let q = db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).where('active', '=', true)
    .where((eb) => eb.or([eb('role', 'in', [...roles]), sql<boolean>`additional_roles && ${sql.val([...roles])}::text[]`]));
  if (except.length > 0) q = q.where('id', 'not in', [...except]);
  return (await q.executeTakeFirstOrThrow()).n;
}

/** Display names of accounts, for views naming who did what. */
export async function displayNamesOf(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
