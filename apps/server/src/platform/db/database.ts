import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import { sessionCache } from '../auth/session-cache.js';
import pg from 'pg';
import type { Config } from '../../config.js';
import { prepareMarkedStatements } from './prepared.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the whole database or an open transaction: query functions accept both. */
export type Executor = Db | Trx;

export type DatabaseHandle = {
  kind: 'pglite' | 'postgres';
  pool: pg.Pool;
  db: Db;
  /**
   * Where heavy reads go (statistics, exports, annual reports): the replica named by
   * DATABASE_READ_URL, else the primary itself. Read through `inOrganisationReadOnly` only.
   */
  readDb: Db;
  /** Extra connections to the read database for one heavy read's statements at once; null on PGlite or when turned off. */
  readForks: ReadForks | null;
  close(): Promise<void>;
};

/**
 * A small pool of its own, so that a read waiting for a fork never holds up the request pool:
 * a fork only ever runs statements, never waits for another connection, so no request can end
 * up waiting for a connection that a waiting request holds.
 */
export type ReadForks = {
  db: Db; size: number;
  /** Forks taken now, counted when taken (the pool's own counts only move once a connection is handed over). */
  busy: number;
  /** Heavy reads open now in this process: each already has a connection of its own, and the cores are shared. */
  reads: number;
};

// int8 and numeric come back as strings by default; counts in this app fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// A calendar date (an eviction's day in Europe/Paris) stays 'YYYY-MM-DD': no time zone to shift it.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export async function openDatabase(database: Config['database'], poolSize = 10): Promise<DatabaseHandle> {
  if (database.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.url, max: poolSize });
    const forkSize = database.parallelReads ?? 2;
    const forks = forkSize > 0 ? wrap('postgres', new pg.Pool({ connectionString: database.readUrl ?? database.url, max: forkSize }), async () => {}) : null;
    const readForks = forks && { db: forks.db, size: forkSize, busy: 0, reads: 0 };
    const closeForks = async () => { await forks?.close(); };
    if (!database.readUrl) return { ...wrap('postgres', pool, closeForks), readForks };
    const replica = wrap('postgres', new pg.Pool({ connectionString: database.readUrl, max: poolSize }), closeForks);
    const primary = wrap('postgres', pool, () => replica.close());
    return { ...primary, readDb: replica.db, readForks };
  }
  // PGlite and its socket server are loaded only for the embedded database.
  const { startEmbeddedPostgres } = await import('./embedded-postgres.js');
  const embedded = await startEmbeddedPostgres(database.dir, database.seedFile);
  // One connection: PGlite is a single session, and the socket server's multiplexer let one
  // connection's statements run inside another's open transaction (measured: under 8 concurrent
  // requests, session look-ups ran as another request's vigie_app role and failed). A single
  // connection serialises work exactly as PGlite would anyway. Never query ctx.db from inside a
  // transaction: with one connection that waits forever.
  const pool = new pg.Pool({ ...embedded.connection, max: 1 });
  return wrap('pglite', pool, () => embedded.close());
}

function wrap(kind: DatabaseHandle['kind'], pool: pg.Pool, after: () => Promise<void>): DatabaseHandle {
  // An idle client losing its server (restart, network) must not crash the process.
  pool.on('error', () => {});
  // A client checked out of the pool has no 'error' listener (pg-pool removes its own), so a
  // connection cut mid-request (pg_terminate_backend, failover) emitted an unhandled 'error'
  // that killed the whole process. The request's query rejects anyway (→ 503), and the pool
  // drops the dead client when it is released, so the event itself needs no handling.
  pool.on('connect', (client) => {
    client.on('error', () => {});
    prepareMarkedStatements(client);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [sessionCache.invalidationPlugin()] });
  let closed = false;
  return {
    kind,
    pool,
    db,
    readDb: db,
    readForks: null,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await after();
    },
  };
}
