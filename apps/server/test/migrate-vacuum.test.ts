import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.js';
import { migrate, vacuumAfter } from '../src/platform/db/migrate.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * A migration that rewrites a table has it vacuumed after its commit (migration 20n-01 rewrote the
 * statistics cells): without a visibility map, their covering indexes would read the heap until
 * autovacuum came by. `relallvisible` is what VACUUM records and the planner reads for index-only scans.
 */
describe(`migrations: vacuum after a rewrite (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let testDb: TestDatabase;
  let handle: DatabaseHandle;
  const dir = mkdtempSync(join(tmpdir(), 'vigie-migrations-'));
  beforeAll(async () => {
    testDb = await createTestDatabase();
    handle = await openDatabase(testDb.database, 1);
  });
  afterAll(async () => {
    await handle.close();
    await testDb.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('vacuums the tables a migration names, and only those', async () => {
    const rows = 'SELECT n, repeat(\'x\', 200) FROM generate_series(1, 2000) n';
    writeFileSync(join(dir, '9999-01-probe.sql'), `CREATE TABLE probe_named (n int, pad text) WITH (autovacuum_enabled = false); INSERT INTO probe_named ${rows};
CREATE TABLE probe_other (n int, pad text) WITH (autovacuum_enabled = false); INSERT INTO probe_other ${rows};
-- vacuum: probe_named
`);
    expect(await migrate(handle.pool, dir)).toContain('9999-01-probe.sql');
    const visible = await handle.pool.query<{ relname: string; pages: number; visible: number }>(
      `SELECT relname, relpages AS pages, relallvisible AS visible FROM pg_class WHERE relname IN ('probe_named', 'probe_other') ORDER BY relname`);
    const [named, other] = visible.rows;
    expect(named!.pages).toBeGreaterThan(10);
    expect(named!.visible).toBe(named!.pages);
    expect(other!.visible).toBe(0);
    // Applied once: a second start neither re-runs nor fails.
    expect(await migrate(handle.pool, dir)).toEqual([]);
  });

  it('reads only plain table names from the vacuum lines', () => {
    expect(vacuumAfter('-- vacuum: statistics_cells, statistics_place_cells\nSELECT 1;')).toEqual(['statistics_cells', 'statistics_place_cells']);
    expect(vacuumAfter('-- vacuum: evictions; DROP TABLE users\n')).toEqual([]);
    expect(vacuumAfter('SELECT 1; -- vacuum: evictions\n')).toEqual([]);
  });
});
