import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { Config } from '../src/config.js';

/**
 * Where integration tests keep their data: a throw-away in-memory PGlite by default, or a
 * fresh database created on the real PostgreSQL named by TEST_DATABASE_URL (and dropped after).
 */
export type TestDatabase = { database: Config['database']; label: string; drop(): Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  // The seed / template is built once per run by test/seed.ts (vitest global set-up); without it
  // (the browser journeys' server) the database is migrated from scratch.
  const seedFile = process.env.VIGIE_TEST_PGLITE_SEED;
  if (!serverUrl) return { database: { kind: 'pglite', dir: undefined, seedFile }, label: 'pglite', drop: async () => {} };
  const template = process.env.VIGIE_TEST_PG_TEMPLATE;
  const name = `vigie_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    database: { kind: 'postgres', url: url.toString() },
    label: 'postgres',
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
