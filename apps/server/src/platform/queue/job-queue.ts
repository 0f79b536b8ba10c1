import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Executor } from '../db/database.js';

/**
 * Background jobs on pg-boss, in the same database as the data. `enqueue` takes the caller's
 * transaction so a job exists if and only if the write that caused it committed.
 */
export type JobHandler = (data: Record<string, unknown>) => Promise<void>;

export class JobQueue {
  private readonly boss: PgBoss;
  private readonly handlers = new Map<string, JobHandler>();

  constructor(pool: pg.Pool, private readonly pollSeconds: number) {
    this.boss = new PgBoss({
      db: { executeSql: (text, values) => pool.query(text, values) },
      schema: 'pgboss',
      supervise: true,
      schedule: false,
    });
    this.boss.on('error', (err) => console.error('job queue error:', err.message));
  }

  define(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async start(pool: pg.Pool, work: boolean): Promise<void> {
    await this.boss.start();
    for (const name of this.handlers.keys()) {
      await this.boss.createQueue(name, { name, retryLimit: 5, retryDelay: 10, retryBackoff: true });
    }
    // Scoped requests run as vigie_app and enqueue from inside their transaction.
    await pool.query('GRANT USAGE ON SCHEMA pgboss TO vigie_app');
    await pool.query('GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA pgboss TO vigie_app');
    await pool.query('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO vigie_app');
    if (!work) return;
    for (const [name, handler] of this.handlers) {
      await this.boss.work(name, { pollingIntervalSeconds: this.pollSeconds, batchSize: 1 }, async (jobs) => {
        for (const job of jobs) await handler(job.data as Record<string, unknown>);
      });
    }
  }

  async enqueue(trx: Executor, name: string, data: Record<string, unknown>): Promise<void> {
    if (!this.handlers.has(name)) throw new Error(`No job handler defined for ${name}`);
    await this.boss.send(name, data, {
      db: { executeSql: async (text, values) => trx.executeQuery(CompiledQuery.raw(text, values)) as Promise<{ rows: any[] }> },
    });
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
  }
}
