import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Executor } from '../db/database.js';
import { quickenPgBossCron } from './cron-minute.js';

// pg-boss's once-a-minute check of the schedules, without walking back minute by minute (cron-minute.ts).
quickenPgBossCron();

/**
 * Background jobs on pg-boss, in the same database as the data. `enqueue` takes the caller's
 * transaction so a job exists if and only if the write that caused it committed.
 */
export type JobHandler = (data: Record<string, unknown>) => Promise<void>;

export type CronSchedule = { cron: string; tz: string };

/**
 * Told once a job has failed for good: it threw on its last try, or its worker died (crash,
 * restart, a try longer than its expiry) during its last try and pg-boss's supervision expired it.
 * pg-boss puts a copy of such a job in the queue's dead-letter queue, worked here; that copy is
 * retried if this throws, so it must be safe to run twice.
 */
export type FailedForGood = (data: Record<string, unknown>, error: Error) => Promise<void>;

/**
 * Timings the tests shorten (they wait for a job's last retry, or for pg-boss to expire a job
 * whose worker died); production keeps pg-boss's: 10 s between tries with back-off (≈ 5 min
 * for the 5 retries), supervision every 2 min. A delay given is kept as it is, without back-off
 * (pg-boss's back-off waits at least 1 s, doubling).
 */
export type QueueTuning = { retryDelaySeconds?: number; maintenanceSeconds?: number };

/** After an enqueue, when this process's worker of that queue looks for it (JobQueue.wakeAfterCommit). */
const WAKE_AFTER_MS = [50, 1000];

/** What a statement dropped after the stop answers: no row, or no job changed for those that count. */
const droppedAnswer = (text: string) => ({ rows: /select count\(\*\)/i.test(text) ? [{ count: '0' }] : [] });

/** Where pg-boss puts a job of `name` that failed for good. */
export const deadLetterQueue = (name: string) => `${name}.failed-for-good`;

/**
 * Whether vigie_app misses a right on pg-boss's schema that `start` grants: one read of the
 * catalog instead of three GRANTs re-writing the rights of every table at each start. Each right
 * is asked alone: `has_table_privilege` with a list answers whether any one of them is held.
 */
async function appRoleLacksQueueGrants(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ lacks: boolean }>(`
    SELECT NOT has_schema_privilege('vigie_app', 'pgboss', 'USAGE')
      OR EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'pgboss' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                    AND NOT (has_table_privilege('vigie_app', c.oid, 'SELECT') AND has_table_privilege('vigie_app', c.oid, 'INSERT')
                             AND has_table_privilege('vigie_app', c.oid, 'UPDATE')))
      OR EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname = 'pgboss' AND NOT has_function_privilege('vigie_app', p.oid, 'EXECUTE')) AS lacks`);
  return rows[0]!.lacks;
}

/** pg-boss keeps what the failure said: an Error serialised, or `{ value }` (its expiry, its shutdown). */
function failureOf(output: unknown): Error {
  const o = (output ?? {}) as { message?: unknown; value?: unknown };
  const value = o.value as { message?: unknown } | string | undefined;
  const message = typeof o.message === 'string' ? o.message
    : typeof value === 'string' ? value
      : typeof value?.message === 'string' ? value.message : 'failed for good (no reason kept)';
  return new Error(message);
}

export class JobQueue {
  private boss: PgBoss;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly batches = new Map<string, { size: number; concurrency: number }>();
  private readonly schedules = new Map<string, CronSchedule>();
  private readonly lastFailures = new Map<string, FailedForGood>();
  private stopping = false;
  private stopped = false;
  /** This process's worker of each queue (none where jobs are not worked). */
  private readonly workerIds = new Map<string, string>();
  /** Queues whose worker is already due to be woken at each delay of WAKE_AFTER_MS. */
  private readonly wakes = WAKE_AFTER_MS.map(() => new Set<string>());

  constructor(private readonly pool: pg.Pool, private readonly pollSeconds: number, private readonly tuning: QueueTuning = {}) {
    this.boss = this.createBoss(false);
  }

  /** pg-boss' cron clock runs only where jobs are worked and something is scheduled (fewer polls elsewhere). */
  private createBoss(schedule: boolean): PgBoss {
    const boss = new PgBoss({
      // Once stopped, pg-boss's own statements are dropped: a job still running when the graceful
      // stop gave up (5 s) completes after the server has closed its pool, and pg-boss's complete
      // then rejected unhandled (seen once in CI). Dropped, the job stays active and pg-boss
      // retries it once expired, exactly as when the process stops mid-job. pg-boss does not await
      // its complete or fail, and reads the count their statement returns: an answer without a
      // row was itself an unhandled TypeError (seen in CI), so those get a count of nothing done.
      db: { executeSql: (text, values) => (this.stopped ? Promise.resolve(droppedAnswer(text)) : this.pool.query(text, values)) },
      schema: 'pgboss',
      supervise: true,
      ...(this.tuning.maintenanceSeconds && { maintenanceIntervalSeconds: this.tuning.maintenanceSeconds }),
      schedule,
    });
    boss.on('error', (err) => console.error('job queue error:', err.message));
    return boss;
  }

  /**
   * `batchSize` > 1 for many small jobs (one mail per recipient): one fetch then brings many,
   * and the worker fetches again as soon as they are done (fetchAgain). The jobs of a
   * batch run `concurrency` at a time (e.g. one per SMTP connection); each job succeeds or fails
   * on its own (a failed one is retried alone, the others are done). `onFailedForGood` runs once
   * a job has failed for good (FailedForGood), so that what waited for it can say it failed
   * instead of waiting for ever.
   */
  define(name: string, handler: JobHandler, options: { batchSize?: number; concurrency?: number; onFailedForGood?: FailedForGood } = {}): void {
    this.handlers.set(name, handler);
    if (options.onFailedForGood) this.lastFailures.set(name, options.onFailedForGood);
    if (options.batchSize) this.batches.set(name, { size: options.batchSize, concurrency: Math.max(1, options.concurrency ?? 1) });
  }

  /** A job pg-boss sends itself on a cron (e.g. daily reminders); kept in its schedule table. */
  defineScheduled(name: string, schedule: CronSchedule, handler: JobHandler): void {
    this.handlers.set(name, handler);
    this.schedules.set(name, schedule);
  }

  async start(pool: pg.Pool, work: boolean): Promise<void> {
    if (work && this.schedules.size > 0) this.boss = this.createBoss(true);
    await this.boss.start();
    const retry = this.retryOptions();
    // Every start used to ask pg-boss to create each of the 26 queues, re-write the 13 schedules and
    // grant on every table of its schema again: ≈ 40 statements that change nothing once done,
    // ≈ 0.2 s of the embedded database's start-up CPU on a slow machine (docs/PERFORMANCE.md). Each
    // is now done only when what is stored differs from what this version defines.
    const queues = new Map((await this.boss.getQueues()).map((q) => [q.name, q.deadLetter ?? null]));
    const createQueue = async (name: string, options: { deadLetter?: string }) => {
      if (!queues.has(name)) await this.boss.createQueue(name, { name, ...retry, ...options });
    };
    for (const name of this.handlers.keys()) {
      if (!this.lastFailures.has(name)) {
        await createQueue(name, {});
        continue;
      }
      const deadLetter = deadLetterQueue(name);
      await createQueue(deadLetter, {});
      await createQueue(name, { deadLetter });
      // A queue made before it had one (createQueue leaves an existing queue as it is).
      if (queues.has(name) && queues.get(name) !== deadLetter) await this.boss.updateQueue(name, { name, deadLetter });
      // pg-boss copies a queue's dead letter into each job when it is sent: jobs sent before the
      // queue had one (waiting through an upgrade) would otherwise fail for good unrecorded.
      await pool.query(`UPDATE pgboss.job SET dead_letter = $1 WHERE name = $2 AND dead_letter IS NULL AND state <= 'active'`, [deadLetter, name]);
    }
    const schedules = new Map((await this.boss.getSchedules()).map((s) => [s.name, `${s.cron} ${s.options?.tz}`]));
    for (const [name, { cron, tz }] of this.schedules) {
      if (schedules.get(name) !== `${cron} ${tz}`) await this.boss.schedule(name, cron, {}, { tz });
    }
    // Scoped requests run as vigie_app and enqueue from inside their transaction: it needs every
    // table and function of pg-boss's schema, including those a queue or an upgrade just made.
    if (await appRoleLacksQueueGrants(pool)) {
      await pool.query('GRANT USAGE ON SCHEMA pgboss TO vigie_app');
      await pool.query('GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA pgboss TO vigie_app');
      await pool.query('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO vigie_app');
    }
    if (!work) return;
    for (const [name, handler] of this.handlers) {
      const batch = this.batches.get(name);
      let workerId = '';
      workerId = await this.boss.work(name, { pollingIntervalSeconds: this.pollSeconds, batchSize: batch?.size ?? 1 }, async (jobs) => {
        if (!batch) for (const job of jobs) await handler(job.data as Record<string, unknown>);
        else await this.runBatch(name, jobs, handler, batch.concurrency);
        this.fetchAgain(workerId);
      });
      this.workerIds.set(name, workerId);
    }
    for (const [name, lastFailure] of this.lastFailures) {
      let workerId = '';
      workerId = await this.boss.work(deadLetterQueue(name), { pollingIntervalSeconds: this.pollSeconds, includeMetadata: true }, async (jobs) => {
        for (const job of jobs) await lastFailure(job.data as Record<string, unknown>, failureOf(job.output));
        this.fetchAgain(workerId);
      });
    }
  }

  /**
   * pg-boss waits a whole poll interval after every fetch, also one that found jobs, so a backlog
   * drained one fetch per interval: a burst of 600 photos took 20 minutes to get its publication
   * copies (one every 2 s). A worker whose jobs succeeded looks again at once, until a fetch comes
   * back empty; only then, or after a job that threw (retried later by pg-boss), does it wait the
   * interval. Rates stay with the handlers that need one (mail's rate limiter).
   */
  private fetchAgain(workerId: string) {
    if (workerId && !this.stopping) this.boss.notifyWorker(workerId);
  }

  /**
   * A job enqueued here is looked for by this process's worker shortly after, rather than at its
   * next poll: the enqueuing transaction has usually committed within WAKE_AFTER_MS[0], and a long
   * one (an import, a mailing to thousands) within the second delay; the poll remains for the rest
   * (retries, jobs of other processes, cron). A wake already due is not doubled, so a burst of
   * photos wakes the copy worker a few times a second at most.
   */
  private wakeAfterCommit(name: string) {
    if (this.stopping || !this.workerIds.has(name)) return;
    WAKE_AFTER_MS.forEach((ms, i) => {
      const due = this.wakes[i]!;
      if (due.has(name)) return;
      due.add(name);
      setTimeout(() => {
        due.delete(name);
        this.fetchAgain(this.workerIds.get(name)!);
      }, ms).unref();
    });
  }

  /**
   * A batch in `concurrency` lanes. A job that throws is failed alone (pg-boss puts it back for a
   * retry with its back-off); pg-boss then completes the batch, which only touches active jobs.
   */
  private async runBatch(name: string, jobs: Array<{ id: string; data: unknown }>, handler: JobHandler, concurrency: number) {
    let next = 0;
    const lane = async () => {
      // Stopping: the jobs not yet begun are left to pg-boss, which puts them back in line.
      while (next < jobs.length && !this.stopping) {
        const job = jobs[next++]!;
        try {
          await handler(job.data as Record<string, unknown>);
        } catch (err) {
          // If even that fails (the database is gone), the job stays active and pg-boss retries it once expired.
          await this.boss.fail(name, job.id, { message: (err as Error).message }).catch(() => {});
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
  }

  private retryOptions() {
    return { retryLimit: 5, retryDelay: this.tuning.retryDelaySeconds ?? 10, retryBackoff: this.tuning.retryDelaySeconds === undefined };
  }

  async enqueue(trx: Executor, name: string, data: Record<string, unknown>): Promise<void> {
    if (!this.handlers.has(name)) throw new Error(`No job handler defined for ${name}`);
    await this.boss.send(name, data, {
      db: { executeSql: async (text, values) => trx.executeQuery(CompiledQuery.raw(text, values)) as Promise<{ rows: any[] }> },
    });
    this.wakeAfterCommit(name);
  }

  /** Many jobs of one kind in one statement (a mailing to thousands), inside the caller's transaction. */
  async enqueueMany(trx: Executor, name: string, items: Array<Record<string, unknown>>): Promise<void> {
    if (!this.handlers.has(name)) throw new Error(`No job handler defined for ${name}`);
    for (let i = 0; i < items.length; i += 1000) {
      await this.boss.insert(items.slice(i, i + 1000).map((data) => ({ name, data, ...this.retryOptions() })), {
        db: { executeSql: async (text, values) => trx.executeQuery(CompiledQuery.raw(text, values)) as Promise<{ rows: any[] }> },
      });
    }
    if (items.length > 0) this.wakeAfterCommit(name);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
    this.stopped = true;
  }
}
