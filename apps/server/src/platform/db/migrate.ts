import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type pg from 'pg';
import { REPO_ROOT } from '../../config.js';

/**
 * Forward-only plain-SQL migrations, applied in file-name order at start-up, each in its own
 * transaction. An advisory lock keeps two servers starting together from racing.
 *
 * A migration that rewrites a table (a generated column, migration 20n-01) names it on a line
 * `-- vacuum: table, other_table`, and the table is vacuumed once the migration has committed
 * (VACUUM cannot run in a transaction). A rewritten table has no visibility map: its covering
 * indexes would read the heap anyway until autovacuum came by, which a table with few changes may
 * wait months for.
 */
export const MIGRATIONS_DIR = resolve(REPO_ROOT, 'apps/server/migrations');
const LOCK_KEY = 7_246_001;

export async function migrate(pool: pg.Pool, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = readFileSync(resolve(dir, file), 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
        await client.query('COMMIT');
        applied.push(file);
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${file} failed: ${(err as Error).message}`);
      }
      for (const table of vacuumAfter(sql)) await client.query(`VACUUM (ANALYZE) ${table}`);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    client.release();
  }
  return applied;
}

/** The tables a migration names on its `-- vacuum:` lines (plain identifiers only: they are spliced into the statement). */
export function vacuumAfter(sql: string): string[] {
  return [...sql.matchAll(/^-- vacuum: (.+)$/gm)].flatMap((m) => m[1]!.split(',').map((t) => t.trim()))
    .filter((t) => /^[a-z_][a-z0-9_]*$/.test(t));
}
