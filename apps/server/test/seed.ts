import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { REPO_ROOT } from '../src/config.js';
import { startEmbeddedPostgres } from '../src/platform/db/embedded-postgres.js';
import { migrate, MIGRATIONS_DIR } from '../src/platform/db/migrate.js';
import { JobQueue } from '../src/platform/queue/job-queue.js';

/**
 * Vitest global set-up: every integration test used to run initdb and all the migrations for
 * each database it started (measured 5–10 s per start on PGlite, 1–2 s on PostgreSQL; about a
 * hundred starts per run). The migrations now run ONCE per run into a seed — a PGlite data-folder
 * tar, or a PostgreSQL template database — and each test database starts as a copy of it. The
 * start-up path itself is unchanged: startVigie still calls migrate(), which finds every file
 * applied. The seed's name hashes the migrations and the engine versions, so a changed
 * migration never meets a stale seed.
 */
function seedKey(): string {
  const hash = createHash('sha256');
  for (const pkg of ['@electric-sql/pglite', 'pg-boss']) {
    const manifest = join(REPO_ROOT, 'node_modules', pkg, 'package.json');
    hash.update(pkg + (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version);
  }
  for (const file of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort()) {
    hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Migrations plus pg-boss' own schema, as every start-up would leave them. */
async function prepare(pool: pg.Pool): Promise<void> {
  await migrate(pool);
  const queue = new JobQueue(pool, 60);
  await queue.start(pool, false);
  await queue.stop();
}

async function pgliteSeed(key: string): Promise<string> {
  const file = join(tmpdir(), `vigie-test-seed-${key}.tar`);
  if (existsSync(file)) return file;
  const embedded = await startEmbeddedPostgres(undefined);
  const pool = new pg.Pool({ ...embedded.connection, max: 1 });
  try {
    await prepare(pool);
    await pool.end();
    const tar = Buffer.from(await (await embedded.dump()).arrayBuffer());
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, tar);
    renameSync(partial, file); // another run building the same seed at once writes the same bytes
  } finally {
    await embedded.close();
  }
  return file;
}

async function postgresTemplate(serverUrl: string, key: string): Promise<string> {
  const name = `vigie_tpl_${key}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // Two runs at once on one server (a developer and CI): one builds, the other waits.
    await admin.query('SELECT pg_advisory_lock(7246002)');
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount! > 0;
    if (!exists) {
      const building = `${name}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
      const url = new URL(serverUrl);
      url.pathname = `/${building}`;
      const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
      try { await prepare(pool); } finally { await pool.end(); }
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      // Templates of earlier migrations are never used again.
      const old = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'vigie\\_tpl\\_%' AND datname <> $1", [name]);
      for (const row of old.rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`).catch(() => {});
    }
    await admin.query('SELECT pg_advisory_unlock(7246002)');
  } finally {
    await admin.end();
  }
  return name;
}

export default async function setup(): Promise<void> {
  const key = seedKey();
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) process.env.VIGIE_TEST_PG_TEMPLATE = await postgresTemplate(serverUrl, key);
  else process.env.VIGIE_TEST_PGLITE_SEED = await pgliteSeed(key);
}
