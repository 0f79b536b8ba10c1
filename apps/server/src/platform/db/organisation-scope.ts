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
  return db.transaction().execute(async (trx) => {
    // One round trip for both: set_config('role', …, true) is SET LOCAL ROLE.
    await sql`SELECT set_config('vigie.organisation_id', ${organisationId}, true), set_config('role', 'vigie_app', true)`.execute(trx);
    return work(trx);
  });
}

/**
 * `inOrganisation` for heavy reads, on the read database (a replica when DATABASE_READ_URL is
 * set). The transaction is READ ONLY on the primary too, so a read path that tried to write
 * (an audit entry, a cache row) fails in every deployment, not only in those with a replica;
 * such writes go through `ctx.db` in their own transaction. A replica may lag its primary by a
 * moment: figures read there can miss a record saved in the last second.
 */
export async function inOrganisationReadOnly<T>(db: Db, organisationId: string, work: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().setAccessMode('read only').execute(async (trx) => {
    await sql`SELECT set_config('vigie.organisation_id', ${organisationId}, true), set_config('role', 'vigie_app', true)`.execute(trx);
    return work(trx);
  });
}

/** For work that is about the deployment itself (sign-in, set-up, sessions): no organisation yet. */
export async function inSystemTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
