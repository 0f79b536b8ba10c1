import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/schema.js';
import { verifyAuditChain } from '../../src/platform/audit/verify-chain.js';
import { createTestDatabase, type TestDatabase } from '../test-database.js';
import { evictionCommand } from '../field-fixtures.js';
import { cleanUpAfterFault, HttpClient, killHard, pushOk, siteAndOperation, setUpObserver, startServerProcess, stopGently, type ServerProcess } from './server-process.js';

/**
 * Issue 20, d.5: two server processes (`npm start` twice) share one PostgreSQL database, its
 * sessions, jobs and audit chain. Phones send evictions to both as fast as they can; one process
 * is killed with SIGKILL mid-burst. The other keeps answering; every submission either process
 * acknowledged is stored once; the phones' retries through the survivor add no duplicate; and
 * the audit chain, which both sequencers fed, verifies whole (the survivor chains what the killed
 * one had committed but not yet chained). PostgreSQL only: the embedded database is one process.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const PHONES = 8;

type Cmd = ReturnType<typeof evictionCommand>;


/** The same signed-in person on the other process: the session lives in the shared database. */
function sameSessionOn(base: string, c: HttpClient): HttpClient {
  const other = new HttpClient(base);
  other.cookie = c.cookie;
  other.csrf = c.csrf;
  return other;
}

describe.skipIf(!onPostgres)('two server processes on one PostgreSQL database', () => {
  let testDb: TestDatabase | undefined;
  let dataDir: string | undefined;
  const servers: ServerProcess[] = [];
  afterAll(() => cleanUpAfterFault(servers, testDb, dataDir));

  it('one killed during a burst: the other goes on, nothing acknowledged is lost or doubled, the audit chain holds', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vigie-two-'));
    testDb = await createTestDatabase();
    const databaseUrl = testDb.database.kind === 'postgres' ? testDb.database.url : undefined;
    // Same database and same data folder (the server key, stored files): two processes of one deployment.
    const a = await startServerProcess({ dataDir, databaseUrl });
    servers.push(a);
    const { observer } = await setUpObserver(a);
    const b = await startServerProcess({ dataDir, databaseUrl });
    servers.push(b);
    expect(b.out()).not.toMatch(/set-up code/);
    const onB = sameSessionOn(b.url, observer);

    const { site, op } = await siteAndOperation(observer);

    const acknowledged = new Map<string, Cmd>();
    const sent: Cmd[] = [];
    const failures = { a: 0, b: 0 };
    let stop = false;
    const phone = async (i: number) => {
      const client = i % 2 === 0 ? observer : onB;
      const which = i % 2 === 0 ? 'a' : 'b';
      while (!stop) {
        const batch = [evictionCommand(op.record.id, site.record.id, { counts: { personsEvicted: { n: 10 + i, atLeast: true } } })];
        sent.push(...batch);
        try {
          const results = await pushOk(client, batch);
          results.forEach((r, k) => { if (r.status === 'applied') acknowledged.set(batch[k]!.record.id, batch[k]!); });
        } catch {
          failures[which] += 1;
          if (which === 'a') return;
        }
      }
    };
    const burst = Promise.all(Array.from({ length: PHONES }, (_, i) => phone(i)));
    const start = Date.now();
    while (acknowledged.size < 40 && Date.now() - start < 60_000) await new Promise((r) => setTimeout(r, 20));
    await killHard(a);
    const atKill = acknowledged.size;
    // The survivor goes on taking submissions after the kill.
    while (acknowledged.size < atKill + 20 && Date.now() - start < 120_000) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await burst;
    expect(failures.a).toBeGreaterThan(0);
    expect(failures.b).toBe(0);
    expect(acknowledged.size).toBeGreaterThanOrEqual(atKill + 20);

    const pulled = (await onB.request('GET', '/api/sync/pull?since=0')).json();
    const stored = new Set((pulled.evictions as Array<{ id: string }>).map((e) => e.id));
    const missing = [...acknowledged.keys()].filter((id) => !stored.has(id));
    expect(missing, `${missing.length} of ${acknowledged.size} acknowledged records lost`).toEqual([]);

    // Every phone retries its whole outbox through the survivor.
    for (let i = 0; i < sent.length; i += 100) {
      for (const r of await pushOk(onB, sent.slice(i, i + 100))) {
        const cmd = sent.find((c) => c.commandId === r.commandId)!;
        if (acknowledged.has(cmd.record.id)) expect(r.status, r.commandId).toBe('replayed');
        else expect(['applied', 'replayed']).toContain(r.status);
      }
    }
    const final = (await onB.request('GET', '/api/sync/pull?since=0')).json();
    const ids = (final.evictions as Array<{ id: string }>).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(sent.map((c) => c.record.id).sort());

    // Both sequencers fed one chain; the survivor chains what the killed one left pending.
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 1 }) }) });
    try {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const { n } = await db.selectFrom('audit_pending').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
        if (Number(n) === 0) break;
        if (Date.now() > deadline) throw new Error(`${n} audit entries still pending after 30 s`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const report = await verifyAuditChain(db);
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
    } finally {
      await db.destroy();
    }
    await stopGently(b);
    console.log(`[fault] two processes: ${atKill} acknowledged before kill -9 of one, ${acknowledged.size} in all; ${failures.a} requests cut on the killed one, 0 on the other`);
  }, 400_000);
});
