import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { lockDataFolder } from './data-folder-lock.js';

/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) served over the
 * PostgreSQL wire protocol on a private Unix socket, so node-postgres talks to it exactly
 * as to a real server — same SQL, same result types, same driver (see docs/adr/0002).
 */
export const EMBEDDED_SHARED_BUFFERS = '16MB';

/**
 * PGlite's 9 MB of WebAssembly run as compiled by V8's baseline compiler (Liftoff) only. By
 * default V8 re-compiles hot functions with TurboFan in the background: at every start that is
 * ≈ 2 s of CPU (half the start-up on 2 cores) and ≈ 50 MiB of machine code held for good, for no
 * measurable gain in ingest (docs/adr/0010, docs/PERFORMANCE.md). The flag is read when a module
 * is compiled, so setting it here, before PGlite compiles its module, is enough; it changes only
 * WebAssembly, and only in a process that embeds the database. A `--liftoff`/`--no-liftoff-only`
 * flag given to Node explicitly wins (for comparisons).
 */
if (!process.execArgv.some((a) => a.includes('liftoff'))) setFlagsFromString('--liftoff-only');

/**
 * PGlite's two WebAssembly programs, compiled here from their files. Left to PGlite, their bytes
 * (9 MB for PostgreSQL) stayed in memory for the life of the process after compilation; compiled
 * here, only the compiled module is kept and the bytes are garbage once it is built.
 */
async function compiledPglite(): Promise<{ pgliteWasmModule: WebAssembly.Module; initdbWasmModule: WebAssembly.Module }> {
  const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  const compile = async (name: string) => WebAssembly.compile(await readFile(join(dist, name)));
  const [pgliteWasmModule, initdbWasmModule] = await Promise.all([compile('pglite.wasm'), compile('initdb.wasm')]);
  return { pgliteWasmModule, initdbWasmModule };
}

export type EmbeddedPostgres = {
  connection: { host: string; port: number; user: string; database: string };
  /** The whole data folder as a tar (tests build one migrated database and start each from it). */
  dump(): Promise<Blob>;
  close(): Promise<void>;
};

/**
 * `seedFile` (in-memory databases only, i.e. tests) is a tar written by `dump()`: the database
 * starts as that copy instead of running initdb and every migration again (see test/seed.ts).
 */
export async function startEmbeddedPostgres(dir: string | undefined, seedFile?: string): Promise<EmbeddedPostgres> {
  const unlock = dir ? await lockDataFolder(dir) : async () => {};
  let pglite: PGlite | undefined;
  // A private 0700 directory holds the socket: no other local user can connect.
  const socketDir = mkdtempSync(join(tmpdir(), 'vigie-pg-'));
  try {
    pglite = await PGlite.create({
      ...(await compiledPglite()),
      ...(dir && { dataDir: dir }),
      ...(!dir && seedFile && { loadDataDir: new Blob([readFileSync(seedFile)]) }),
      // PGlite's default pool of shared buffers is PostgreSQL's 128 MB, all of it resident in the
      // WebAssembly memory: most of an idle server's memory. An observatory's working set is a
      // few MB and a page that is not there is read from the operating system's file cache
      // (no disk), so 16 MB costs no measurable time and saves about 100 MiB (docs/adr/0010).
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`],
    });
    const server = new PGLiteSocketServer({
      db: pglite,
      path: join(socketDir, '.s.PGSQL.5432'),
      // Our pool uses one connection (see database.ts); a few more let a replacement connect
      // while a broken one is still being torn down.
      maxConnections: 4,
    });
    await server.start();
    const db = pglite;
    return {
      connection: { host: socketDir, port: 5432, user: 'postgres', database: 'postgres' },
      dump: () => db.dumpDataDir('none'),
      async close() {
        await server.stop();
        await db.close();
        rmSync(socketDir, { recursive: true, force: true });
        await unlock();
      },
    };
  } catch (err) {
    await pglite?.close().catch(() => {});
    rmSync(socketDir, { recursive: true, force: true });
    await unlock();
    throw err;
  }
}
