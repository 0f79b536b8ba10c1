export declare const REPO_ROOT: string;
export type Config = {
    env: 'development' | 'production' | 'test';
    host: string;
    port: number;
    publicUrl: string;
    /** A pglite dir of undefined means in memory (tests only). */
    database: {
        kind: 'postgres';
        url: string;
    } | {
        kind: 'pglite';
        dir: string | undefined;
    };
    dataDir: string;
    secretKey: string | undefined;
    sessionTtlHours: number;
    invitationTtlHours: number;
    passwordResetTtlMinutes: number;
    smtpUrl: string | undefined;
    mailFrom: string;
    logLevel: string;
    trustProxy: boolean;
    authRateLimitPerMinute: number;
    loginMaxFailures: number;
    loginLockMinutes: number;
    jobPollSeconds: number;
    webDist: string | undefined;
};
export declare class ConfigError extends Error {
}
export declare function loadConfig(env?: NodeJS.ProcessEnv): Config;
