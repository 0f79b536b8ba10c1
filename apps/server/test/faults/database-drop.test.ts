import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from '../harness.js';
import { evictionCommand, operationCommand, push, reference, siteCommand } from '../field-fixtures.js';

/**
 * PostgreSQL drops the server's connections in the middle of a request (a failover, a restart,
 * an administrator's pg_terminate_backend). The phone must get a clear 503 it will retry, and
 * its retry of the same command must be applied exactly once.
 *
 * Only on a real PostgreSQL: the embedded PGlite runs inside the server process behind one
 * in-process connection; there is no separate server whose backend could be terminated.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let t: TestVigie;
let observer: TestClient;
let siteId: string;
let operationId: string;
let other: pg.Client;

beforeAll(async () => {
  if (!onPostgres) return;
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  observer = await t.userWithRole(admin.user.organisationId, 'observer');
  const { calaisisId } = await reference(observer);
  const site = siteCommand(calaisisId);
  const op = operationCommand(calaisisId);
  await push(observer, [site, op]);
  siteId = site.record.id;
  operationId = op.record.id;
  other = new pg.Client({ connectionString: (t.vigie.ctx.config.database as { url: string }).url });
  await other.connect();
});
afterAll(async () => {
  await other?.end();
  await t?.close();
});

const evictionsWith = async (id: string) =>
  Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM evictions WHERE id = ${id}`.execute(t.db)).rows[0]!.n);

describe.skipIf(!onPostgres)('the database connection drops mid-request (postgres)', () => {
  it('answers 503 with a clear message, and the retry of the same command is applied once', async () => {
    const cmd = evictionCommand(operationId, siteId);
    // Another session locks the table of applied commands, so the request is caught inside its
    // transaction, waiting, when its connection is cut.
    await other.query('BEGIN');
    await other.query('LOCK TABLE sync_commands IN ACCESS EXCLUSIVE MODE');
    const pending = observer.post('/api/sync/push', { commands: [cmd] });
    let waiting: number[] = [];
    for (let i = 0; i < 100 && waiting.length === 0; i += 1) {
      await new Promise((r) => setTimeout(r, 50));
      waiting = (await other.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
      )).rows.map((r) => r.pid);
    }
    expect(waiting).toHaveLength(1);
    // Every connection of the server is cut, the one serving the request included.
    await other.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    const res = await pending;
    await other.query('ROLLBACK');

    expect(res.statusCode, res.body).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.json()).toEqual({
      code: 'database.unavailable',
      message: 'La base de données est momentanément indisponible. Réessayez dans quelques instants.',
    });
    expect(await evictionsWith(cmd.record.id)).toBe(0);

    // The phone retries the very same command: applied once, and a further replay changes nothing.
    const [retry] = await push(observer, [cmd]);
    expect(retry).toMatchObject({ commandId: cmd.commandId, status: 'applied', version: 1 });
    const [again] = await push(observer, [cmd]);
    expect(again).toMatchObject({ status: 'replayed', version: 1 });
    expect(await evictionsWith(cmd.record.id)).toBe(1);
    const commands = await t.db.selectFrom('sync_commands').select('id').where('id', '=', cmd.commandId).execute();
    expect(commands).toHaveLength(1);
  });
});
