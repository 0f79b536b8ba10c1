import { Kysely, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../../config.js';
import type { Database } from './schema.js';
export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the whole database or an open transaction: query functions accept both. */
export type Executor = Db | Trx;
export type DatabaseHandle = {
    kind: 'pglite' | 'postgres';
    pool: pg.Pool;
    db: Db;
    close(): Promise<void>;
};
export declare function openDatabase(database: Config['database'], poolSize?: number): Promise<DatabaseHandle>;
