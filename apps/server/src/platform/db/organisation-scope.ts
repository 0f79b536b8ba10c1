import { sql } from 'kysely';
import type { Db, Trx } from './database.js';

/**
 * The one place organisation isolation is enforced. Inside `inOrganisation` every statement
 * runs as the unprivileged `vigie_app` role with `vigie.organisation_id` set, so PostgreSQL's
 * row-level security hides and refuses every other organisation's rows (docs/adr/0004).
 * Both settings are transaction-local: they vanish on commit or rollback and can never leak
 * to the next request that borrows the connection.
 */
export async function inOrganisation<T>(db: Db, organisationId: string, work: (trx: Trx) => Promise<T>): Promise<T> {
  return scopedTransaction(db, 'BEGIN', organisationId, work);
}

/**
 * `inOrganisation` for heavy reads, on the read database (a replica when DATABASE_READ_URL is
 * set). The transaction is READ ONLY on the primary too, so a read path that tried to write
 * (an audit entry, a cache row) fails in every deployment, not only in those with a replica;
 * such writes go through `ctx.db` in their own transaction. A replica may lag its primary by a
 * moment: figures read there can miss a record saved in the last second.
 */
export async function inOrganisationReadOnly<T>(db: Db, organisationId: string, work: (trx: Trx) => Promise<T>): Promise<T> {
  return scopedTransaction(db, 'START TRANSACTION READ ONLY', organisationId, work);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A transaction whose start and scope settings are one round trip: Kysely's transaction sends
 * its BEGIN alone, then the settings would be a second statement, on every request (a phone's
 * submission is 4 statements in all, docs/PERFORMANCE.md). Several statements in one message
 * need the simple protocol, which takes no parameters: the organisation id is written into the
 * text, and only ever as a checked UUID (it comes from the session's row, never from a request).
 * Commit and rollback as Kysely's own transaction does them; the callback gets the connection
 * the transaction runs on, which is all a `Trx` is used for (no nested transactions here).
 */
async function scopedTransaction<T>(db: Db, begin: 'BEGIN' | 'START TRANSACTION READ ONLY', organisationId: string, work: (trx: Trx) => Promise<T>): Promise<T> {
  if (!UUID.test(organisationId)) throw new Error(`not an organisation id: ${JSON.stringify(organisationId)}`);
  return db.connection().execute(async (conn) => {
    try {
      // set_config('role', …, true) is SET LOCAL ROLE; both settings vanish at the transaction's end.
      await sql.raw(`${begin}; SELECT set_config('vigie.organisation_id', '${organisationId}', true), set_config('role', 'vigie_app', true)`).execute(conn);
      const result = await work(conn as unknown as Trx);
      await sql.raw('COMMIT').execute(conn);
      return result;
    } catch (err) {
      // As Kysely's transaction: roll back (harmless when the failure was the commit itself) and rethrow.
      await sql.raw('ROLLBACK').execute(conn).catch(() => {});
      throw err;
    }
  });
}

/** For work that is about the deployment itself (sign-in, set-up, sessions): no organisation yet. */
export async function inSystemTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
