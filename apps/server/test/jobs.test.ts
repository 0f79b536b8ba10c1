import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestVigie } from './harness.js';
import { mailText } from './mail-body.js';
import { JobQueue } from '../src/platform/queue/job-queue.js';

let t: TestVigie;
beforeAll(async () => { t = await startTestVigie(); });
afterAll(async () => { await t?.close(); });

class Rollback extends Error {}

/** Waits until `done()` holds, looking every 100 ms, at most `seconds`; the assertions after it say what was expected. */
async function until(done: () => boolean, seconds: number) {
  for (let i = 0; i < seconds * 10 && !done(); i += 1) await new Promise((r) => setTimeout(r, 100));
}

async function jobsFor(to: string): Promise<number> {
  const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'mail.send' AND data->>'to' = ${to}`
    .execute(t.db);
  return row.rows[0]!.n;
}

describe(`background jobs (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('runs a job only if the transaction that enqueued it commits', async () => {
    const rolledBack = 'rolled-back@hro.example';
    const committed = 'committed@hro.example';

    await expect(t.db.transaction().execute(async (trx) => {
      await t.vigie.ctx.queue.enqueue(trx, 'mail.send', { to: rolledBack, subject: 'Never', text: 'This must never be sent.' });
      // Inside the transaction the job exists…
      const inside = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job WHERE data->>'to' = ${rolledBack}`.execute(trx);
      expect(inside.rows[0]!.n).toBe(1);
      throw new Rollback('the write that caused the job failed');
    })).rejects.toBeInstanceOf(Rollback);
    // …and with the rollback it is gone, never visible to a worker.
    expect(await jobsFor(rolledBack)).toBe(0);

    await t.db.transaction().execute(async (trx) => {
      await t.vigie.ctx.queue.enqueue(trx, 'mail.send', { to: committed, subject: 'Sent', text: 'Committed, so delivered.' });
    });
    expect(await jobsFor(committed)).toBe(1);
    const mail = await t.smtp.waitFor(committed);
    expect(mail.raw).toMatch(/^Subject: Sent\r?$/m);
    expect(mailText(mail.raw)).toContain('Committed, so delivered.');

    // The rolled-back job was enqueued first, so it would have been delivered before this one.
    expect(t.smtp.mails.filter((m) => m.to.includes(rolledBack))).toEqual([]);
    expect(await jobsFor(rolledBack)).toBe(0);
  });

  it('works a batch several jobs at a time; a job that fails is retried alone, the others are done', async () => {
    const queue = new JobQueue(t.vigie.database.pool, 0.5);
    const seen: string[] = [];
    let running = 0;
    let most = 0;
    queue.define('test.batch', async (data) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 30));
      running -= 1;
      seen.push(String(data.n));
      if (data.n === 'bad') throw new Error('this one fails');
    }, { batchSize: 20, concurrency: 3 });
    await queue.start(t.vigie.database.pool, true);
    try {
      const items = ['bad', ...Array.from({ length: 11 }, (_, i) => String(i))].map((n) => ({ n }));
      await t.db.transaction().execute((trx) => queue.enqueueMany(trx, 'test.batch', items));
      await until(() => seen.length >= items.length, 8);
      expect(seen.sort()).toEqual(items.map((i) => i.n).sort());
      expect(most).toBe(3);
      for (let i = 0; i < 40; i += 1) {
        const { rows } = await sql<{ n: string; state: string }>`SELECT data->>'n' AS n, state::text FROM pgboss.job WHERE name = 'test.batch'`.execute(t.db);
        if (rows.every((r) => r.state !== 'active')) {
          // Failed alone: back in line for a retry; the eleven others completed.
          expect(rows.filter((r) => r.state === 'retry').map((r) => r.n)).toEqual(['bad']);
          expect(rows.filter((r) => r.state === 'completed')).toHaveLength(11);
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the batch was not completed');
    } finally {
      await queue.stop();
    }
  });

  it('drains a backlog one job after another, without waiting a poll interval between them', async () => {
    // A burst of photos leaves one publication-copy job each. pg-boss alone waits its whole poll
    // interval after every fetch, also one that found a job: twelve jobs at 4 s took 48 s.
    const queue = new JobQueue(t.vigie.database.pool, 4);
    const done: number[] = [];
    queue.define('test.backlog', async (data) => { done.push(Number(data.n)); });
    await queue.start(t.vigie.database.pool, true);
    try {
      await t.db.transaction().execute((trx) => queue.enqueueMany(trx, 'test.backlog', Array.from({ length: 12 }, (_, n) => ({ n }))));
      // The next poll (within 4 s) finds the first; the eleven others follow it at once.
      await until(() => done.length >= 12, 15);
      expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, n) => n));
    } finally {
      await queue.stop();
    }
  });

  it('looks for a job queued by this process at once, not at its next poll', async () => {
    // A poll every 30 s (the idle server's cost is its polls); the job is still worked within a moment.
    const queue = new JobQueue(t.vigie.database.pool, 30);
    const done: string[] = [];
    queue.define('test.woken', async (data) => { done.push(String(data.what)); });
    await queue.start(t.vigie.database.pool, true);
    try {
      await new Promise((r) => setTimeout(r, 300)); // the worker's first, empty fetch is behind it
      await t.db.transaction().execute((trx) => queue.enqueue(trx, 'test.woken', { what: 'a password reset' }));
      await until(() => done.length > 0, 5);
      expect(done).toEqual(['a password reset']);
    } finally {
      await queue.stop();
    }
  });

  it('a job that ends after the queue stopped leaves no unhandled error behind', async () => {
    // The graceful stop waits 5 s; a job still running then completes, or fails, once the pool
    // is closed: pg-boss's complete and fail are not awaited and read the count their statement returns.
    const queue = new JobQueue(t.vigie.database.pool, 0.5);
    let started = false;
    let finish: (ok: boolean) => void = () => {};
    queue.define('test.late', async () => {
      started = true;
      if (!(await new Promise<boolean>((r) => { finish = r; }))) throw new Error('failed after the stop');
    });
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      await queue.start(t.vigie.database.pool, true);
      await t.db.transaction().execute((trx) => queue.enqueue(trx, 'test.late', {}));
      await until(() => started, 5);
      expect(started).toBe(true);
      await queue.stop();
      finish(false);
      await new Promise((r) => setTimeout(r, 200));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  }, 20_000);

  it('a restart re-writes nothing in the queue set-up, yet applies a new queue, a changed schedule and a missing right', async () => {
    const pool = t.vigie.database.pool;
    const sent: string[] = [];
    // The statements a start sends, pg-boss's and ours, seen through the pool it is given.
    const counting = new Proxy(pool, {
      get: (target, key) => (key === 'query'
        ? (text: unknown, ...rest: unknown[]) => { sent.push(String(typeof text === 'object' ? (text as { text: string }).text : text)); return (target.query as (...a: unknown[]) => unknown)(text, ...rest); }
        : Reflect.get(target, key)),
    }) as typeof pool;
    const start = async (cron: string, extraQueue: boolean) => {
      const queue = new JobQueue(counting, 1);
      queue.define('test.setup', async () => {}, { onFailedForGood: async () => {} });
      queue.defineScheduled('test.setup-daily', { cron, tz: 'Europe/Paris' }, async () => {});
      if (extraQueue) queue.define('test.setup-new', async () => {});
      sent.length = 0;
      await queue.start(counting, false);
      await queue.stop();
      return sent.filter((s) => /create_queue|INSERT INTO pgboss\.schedule|UPDATE pgboss\.queue|^GRANT/.test(s.trim()));
    };
    const schedule = async () => (await sql<{ cron: string }>`SELECT cron FROM pgboss.schedule WHERE name = 'test.setup-daily'`.execute(t.db)).rows;

    await start('0 6 * * *', false);
    expect(await schedule()).toEqual([{ cron: '0 6 * * *' }]);
    // The same version again: nothing to create, re-write or grant.
    expect(await start('0 6 * * *', false)).toEqual([]);

    // A new version: its new queue exists, its new time is the one kept.
    const writes = await start('30 7 * * *', true);
    expect(writes.filter((s) => s.includes('create_queue'))).toHaveLength(1);
    expect(await schedule()).toEqual([{ cron: '30 7 * * *' }]);
    const queues = await sql<{ name: string; dead_letter: string | null }>`SELECT name, dead_letter FROM pgboss.queue WHERE name LIKE 'test.setup%' ORDER BY name`.execute(t.db);
    expect(queues.rows).toEqual([
      { name: 'test.setup', dead_letter: 'test.setup.failed-for-good' },
      { name: 'test.setup-daily', dead_letter: null },
      { name: 'test.setup-new', dead_letter: null },
      { name: 'test.setup.failed-for-good', dead_letter: null },
    ]);

    // A right the application role lost (a restored backup, a hand-made change) is given back.
    await sql`REVOKE INSERT ON pgboss.queue FROM vigie_app`.execute(t.db);
    await start('30 7 * * *', true);
    const right = await sql<{ ok: boolean }>`SELECT has_table_privilege('vigie_app', 'pgboss.queue', 'INSERT') AS ok`.execute(t.db);
    expect(right.rows[0]!.ok).toBe(true);
  });

  it('refuses to enqueue a job nobody handles', async () => {
    await expect(t.db.transaction().execute((trx) => t.vigie.ctx.queue.enqueue(trx, 'no.such.job', {})))
      .rejects.toThrow(/No job handler defined for no\.such\.job/);
  });
});
