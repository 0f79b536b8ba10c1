import type { Config } from '../src/config.js';
/**
 * Where integration tests keep their data: a throw-away in-memory PGlite by default, or a
 * fresh database created on the real PostgreSQL named by TEST_DATABASE_URL (and dropped after).
 */
export type TestDatabase = {
    database: Config['database'];
    label: string;
    drop(): Promise<void>;
};
export declare function createTestDatabase(): Promise<TestDatabase>;
