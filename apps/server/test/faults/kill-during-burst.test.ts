import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-database.js';
import { evictionCommand } from '../field-fixtures.js';
import { cleanUpAfterFault, killHard, pushOk, siteAndOperation, setUpObserver, signIn, startServerProcess, stopGently, type ServerProcess } from './server-process.js';

/**
 * The server process is killed with SIGKILL in the middle of a burst of eviction submissions
 * from several phones, then started again on the same data (the PGlite folder, or the same
 * PostgreSQL database). Every submission the server acknowledged must be there, intact, and
 * the phones' retries of everything else must complete without a duplicate.
 */
const backend = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
const PHONES = 8;

let testDb: TestDatabase | undefined;
let dataDir: string | undefined;
const servers: ServerProcess[] = [];
afterAll(() => cleanUpAfterFault(servers, testDb, dataDir));

type Cmd = ReturnType<typeof evictionCommand>;


describe(`kill -9 during a burst of submissions (${backend})`, () => {
  it('keeps every acknowledged record, and the phones\' retries add no duplicate', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vigie-kill-'));
    if (process.env.TEST_DATABASE_URL) testDb = await createTestDatabase();
    const databaseUrl = testDb?.database.kind === 'postgres' ? testDb.database.url : undefined;

    const first = await startServerProcess({ dataDir, databaseUrl });
    servers.push(first);
    const { observer, email } = await setUpObserver(first);
    const { site, op } = await siteAndOperation(observer);

    // Eight phones send one or two evictions per request as fast as they can.
    const acknowledged = new Map<string, Cmd>();
    const sent: Cmd[] = [];
    let failedRequests = 0;
    let stop = false;
    const phone = async (i: number) => {
      while (!stop) {
        const batch = Array.from({ length: 1 + (i % 2) }, (_, k) => evictionCommand(op.record.id, site.record.id, {
          counts: { personsEvicted: { n: 10 + i * 7 + k, atLeast: true } },
        }));
        sent.push(...batch);
        try {
          const results = await pushOk(observer, batch);
          // Acknowledged: the server answered 2xx and said applied.
          results.forEach((r, k) => { if (r.status === 'applied') acknowledged.set(batch[k]!.record.id, batch[k]!); });
        } catch {
          failedRequests += 1;
          return;
        }
      }
    };
    const burst = Promise.all(Array.from({ length: PHONES }, (_, i) => phone(i)));
    const start = Date.now();
    while (acknowledged.size < 40 && Date.now() - start < 60_000) await new Promise((r) => setTimeout(r, 20));
    await killHard(first);
    stop = true;
    await burst;
    expect(acknowledged.size).toBeGreaterThanOrEqual(40);
    // The kill landed while requests were in flight, not after the burst ended.
    expect(failedRequests).toBeGreaterThan(0);

    // Restart at once on the same data: a crashed process's lock must not keep it out (before
    // the fix it exited with 78, "already in use", for the lock's 10 s staleness period).
    const restartAt = Date.now();
    const second = await startServerProcess({ dataDir, databaseUrl });
    servers.push(second);
    const restartMs = Date.now() - restartAt;
    expect(second.out()).not.toMatch(/already in use|set-up code/);

    const after = await signIn(second.url, email);
    const pulled = (await after.request('GET', '/api/sync/pull?since=0')).json();
    expect(pulled.more).toBe(false);
    const stored = new Map<string, { counts: { personsEvicted: { n: number } } }>(
      pulled.evictions.map((e: { id: string }) => [e.id, e]),
    );
    const missing = [...acknowledged.keys()].filter((id) => !stored.has(id));
    expect(missing, `${missing.length} of ${acknowledged.size} acknowledged records lost`).toEqual([]);
    for (const [id, cmd] of acknowledged) {
      expect(stored.get(id)!.counts.personsEvicted.n).toBe((cmd.record.counts as { personsEvicted: { n: number } }).personsEvicted.n);
    }

    // The phones retry their whole outbox: acknowledged ones replay, the others apply once.
    const retried = [];
    for (let i = 0; i < sent.length; i += 100) retried.push(...await pushOk(after, sent.slice(i, i + 100)));
    for (const r of retried) {
      const cmd = sent.find((c) => c.commandId === r.commandId)!;
      if (acknowledged.has(cmd.record.id)) expect(r.status, r.commandId).toBe('replayed');
      else expect(['applied', 'replayed']).toContain(r.status);
    }
    const final = (await after.request('GET', '/api/sync/pull?since=0')).json();
    const ids = final.evictions.map((e: { id: string }) => e.id) as string[];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(sent.map((c) => c.record.id).sort());
    await stopGently(second);
    console.log(`[fault] ${backend}: ${acknowledged.size} acknowledged of ${sent.length} sent before kill -9; restart in ${restartMs} ms`);
  }, 400_000);
});
