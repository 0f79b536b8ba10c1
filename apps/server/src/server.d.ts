import type { Config } from './config.js';
import { type BuildOptions } from './app.js';
import type { App, AppContext } from './platform/context.js';
import { type DatabaseHandle } from './platform/db/database.js';
export type RunningVigie = {
    app: App;
    ctx: AppContext;
    database: DatabaseHandle;
    url: string;
    setupCode: string | null;
    close(): Promise<void>;
};
/**
 * Opens the database (embedded or real), applies migrations, starts the job workers and the
 * HTTP server. Used by main.ts and by the integration tests, so both run the same start-up.
 */
export declare function startVigie(config: Config, options?: BuildOptions & {
    workers?: boolean;
    listen?: boolean;
}): Promise<RunningVigie>;
