import type { Executor } from '../../../platform/db/database.js';

/** The organisation's active members, for picking an operation's observers on the phone. */
export async function activeMembers(db: Executor) {
  return db.selectFrom('users').select(['id', 'display_name']).where('active', '=', true).orderBy('display_name').execute();
}
