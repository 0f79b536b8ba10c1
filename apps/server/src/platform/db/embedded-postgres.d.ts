/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) served over the
 * PostgreSQL wire protocol on a private Unix socket, so node-postgres talks to it exactly
 * as to a real server — same SQL, same result types, same driver (see docs/adr/0002).
 */
export type EmbeddedPostgres = {
    connection: {
        host: string;
        port: number;
        user: string;
        database: string;
    };
    close(): Promise<void>;
};
export declare function startEmbeddedPostgres(dir: string | undefined): Promise<EmbeddedPostgres>;
