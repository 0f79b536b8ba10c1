import { sql } from 'kysely';
import type { Db, ReadForks, Trx } from './database.js';

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
 *
 * REPEATABLE READ: every statement of the read sees one snapshot, so the figures of one answer
 * are of one moment, and `fork` can hand that snapshot to other connections. With `forks`,
 * `fork(work)` runs read-only work on one of them when one is free at once (else here): the
 * summary's three figure sets then run on the machine's cores side by side (docs/PERFORMANCE.md).
 */
export async function inOrganisationReadOnly<T>(
  db: Db, organisationId: string, work: (trx: Trx, fork: Fork) => Promise<T>, forks?: ReadForks | null,
): Promise<T> {
  if (!forks) return scopedTransaction(db, READ_ONLY, organisationId, (trx) => work(trx, inline(trx)));
  forks.reads += 1;
  try {
    return await scopedTransaction(db, READ_ONLY, organisationId, (trx) => work(trx, forkOf(trx, organisationId, forks)));
  } finally {
    forks.reads -= 1;
  }
}

/** Read-only work given a transaction of the same organisation and snapshot as the caller's (this one, or another connection's). */
export type Fork = <T>(work: (trx: Trx) => Promise<T>) => Promise<T>;

/** The fork of a transaction that has no other connection (PGlite, jobs, tests): that transaction itself. */
export const inline = (trx: Trx): Fork => (work) => work(trx);

const READ_ONLY = 'START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY';
/** What pg_export_snapshot returns ("00000003-0000001B-1"): checked, since it is written into a statement's text. */
const SNAPSHOT = /^[0-9A-F]+-[0-9A-F]+(-[0-9]+)?$/i;

type Task = { run: (trx: Trx) => Promise<void>; fail: (err: unknown) => void };

/**
 * Work given to `fork` waits in one queue; lanes take it in order: this transaction, and up to
 * `forks.size` other connections, each a transaction on this one's snapshot. Lanes are opened
 * once the calls made together (a `Promise.all`) are all queued, and only as many as there is
 * work for; a lane ends when the queue is empty. A lane never waits for a connection: the forks
 * other reads hold are simply not used.
 */
function forkOf(trx: Trx, organisationId: string, forks: ReadForks): Fork {
  const waiting: Task[] = [];
  let hereBusy = false;
  let dispatching = false;
  let snapshot: Promise<string> | undefined;

  async function here() {
    hereBusy = true;
    try {
      for (let task = waiting.shift(); task; task = waiting.shift()) await task.run(trx);
    } finally {
      hereBusy = false;
    }
  }

  async function elsewhere(first: Task) {
    try {
      const id = await snapshot!;
      if (!SNAPSHOT.test(id)) throw new Error(`not a snapshot id: ${JSON.stringify(id)}`);
      await scopedTransaction(forks.db, `${READ_ONLY}; SET TRANSACTION SNAPSHOT '${id}'`, organisationId, async (t) => {
        for (let task: Task | undefined = first; task; task = waiting.shift()) await task.run(t);
      });
    } catch (err) {
      // Only opening the lane can fail here (a task settles its own promise): the work it held fails with it.
      first.fail(err);
    } finally {
      forks.busy -= 1;
    }
  }

  function dispatch() {
    dispatching = false;
    // Every other heavy read open in this process takes one lane's worth of the cores: when a whole dashboard page
    // asks its figures at once, they already run side by side, and forks would only add their own cost (measured).
    const lanes = Math.min(forks.size - forks.busy - (forks.reads - 1), waiting.length - (hereBusy ? 0 : 1));
    // Exported before this transaction's next statement, so the lanes can open while it runs.
    if (lanes > 0) snapshot ??= sql<{ id: string }>`SELECT pg_export_snapshot() AS id`.execute(trx).then((r) => r.rows[0]!.id);
    for (let i = 0; i < lanes; i += 1) {
      forks.busy += 1;
      void elsewhere(waiting.shift()!);
    }
    if (!hereBusy && waiting.length > 0) void here();
  }

  return (work) => new Promise((resolve, reject) => {
    waiting.push({
      run: async (t) => {
        try { resolve(await work(t)); } catch (err) { reject(err); }
      },
      fail: reject,
    });
    if (!dispatching) {
      dispatching = true;
      queueMicrotask(dispatch);
    }
  });
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
async function scopedTransaction<T>(db: Db, begin: string, organisationId: string, work: (trx: Trx) => Promise<T>): Promise<T> {
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
