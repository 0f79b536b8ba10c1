import type pg from 'pg';
import type { Executor } from '../db/database.js';
/**
 * Background jobs on pg-boss, in the same database as the data. `enqueue` takes the caller's
 * transaction so a job exists if and only if the write that caused it committed.
 */
export type JobHandler = (data: Record<string, unknown>) => Promise<void>;
export declare class JobQueue {
    private readonly pollSeconds;
    private readonly boss;
    private readonly handlers;
    constructor(pool: pg.Pool, pollSeconds: number);
    define(name: string, handler: JobHandler): void;
    start(pool: pg.Pool, work: boolean): Promise<void>;
    enqueue(trx: Executor, name: string, data: Record<string, unknown>): Promise<void>;
    stop(): Promise<void>;
}
