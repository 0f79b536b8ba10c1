import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';

/** `%text%` for ILIKE, the user's own %, _ and \ taken literally. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Pseudonymous persons whose pseudonym contains the text, those starting with it first. Only the
 * pseudonym and the age bracket: the identity column is never selected here.
 */
export async function personsByPseudonym(db: Executor, q: string, limit: number) {
  return db.selectFrom('persons').select(['id', 'pseudonym', 'minor', 'created_by'])
    .where('pseudonym', 'ilike', likePattern(q))
    .orderBy(sql`lower(pseudonym) LIKE lower(${likePattern(q).slice(1)})`, 'desc').orderBy(sql`lower(pseudonym)`).orderBy('created_at', 'desc')
    .limit(limit).execute();
}
