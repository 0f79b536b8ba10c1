import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.js';
import { PREPARED } from '../src/platform/db/prepared.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * The hot statements of a phone's submission are prepared once per connection (platform/db/prepared.ts).
 * What a user relies on: they keep working whatever happens to the connection, on both databases.
 */
let testDb: TestDatabase;
let handle: DatabaseHandle;

beforeAll(async () => {
  testDb = await createTestDatabase();
  handle = await openDatabase(testDb.database, 1);
});
afterAll(async () => {
  await handle?.close();
  await testDb?.drop();
});

/** A marked statement that reports how many prepared statements of its own text the session holds. */
const selfCount = (tag: string, value: number) => sql<{ value: number; prepared: number }>`${PREPARED}
  SELECT ${value}::int AS value,
         (SELECT count(*)::int FROM pg_prepared_statements WHERE name LIKE 'vigie\\_%' AND strpos(statement, ${tag}) > 0) AS prepared
  /* ${sql.raw(tag)} */`.execute(handle.db);

describe('statements prepared once per connection', () => {
  it('runs a marked statement with new values each time, parsed once', async () => {
    const answers = [];
    for (const value of [1, 2, 3]) answers.push((await selfCount('once-per-connection', value)).rows[0]);
    expect(answers.map((a) => a!.value)).toEqual([1, 2, 3]);
    // One named statement for three runs (an unnamed one would not be listed at all).
    expect(answers.map((a) => a!.prepared)).toEqual([1, 1, 1]);
  });

  it('keeps working on the connection that replaces a broken one', async () => {
    expect((await selfCount('replaced-connection', 1)).rows[0]!.value).toBe(1);
    // The pool drops a client released with an error; the next statement opens a new connection.
    // The embedded database serves every connection from one session, which still holds the
    // first connection's statements: the new one must not collide with them.
    const client = await handle.pool.connect();
    client.release(new Error('connection lost'));
    expect((await selfCount('replaced-connection', 2)).rows[0]!.value).toBe(2);
    expect((await selfCount('replaced-connection', 3)).rows[0]!.value).toBe(3);
  });
});
