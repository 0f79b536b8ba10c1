import type pg from 'pg';
/**
 * Forward-only plain-SQL migrations, applied in file-name order at start-up, each in its own
 * transaction. An advisory lock keeps two servers starting together from racing.
 */
export declare const MIGRATIONS_DIR: string;
export declare function migrate(pool: pg.Pool, dir?: string): Promise<string[]>;
