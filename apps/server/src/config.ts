import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The only reader of process.env. Validated once at boot so that a bad setting stops the
 * server with a readable message instead of failing later on a user's request.
 */
const here = dirname(fileURLToPath(import.meta.url));
/**
 * The repository: the nearest folder above this module that holds the migrations. The same
 * answer from apps/server/src (tsx, tests) and from the compiled apps/server/dist, whichever
 * file of the bundle this code ended up in.
 */
export const REPO_ROOT = findRepoRoot(here);

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(resolve(dir, 'apps/server/migrations'))) return dir;
    if (dirname(dir) === dir) return resolve(from, '../../..');
  }
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Mails sent per second by default (the bench reads it too). */
export const DEFAULT_MAIL_RATE_PER_SECOND = 100;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().min(1).optional(),
  // A streaming replica (hot standby) for heavy reads: statistics, exports, annual reports. Only
  // with DATABASE_URL; writes, sessions and jobs always use the primary.
  DATABASE_READ_URL: z.string().min(1).optional(),
  // Connections a heavy read (a dashboard summary) may add to its own to run its independent
  // statements at once, all on one snapshot; 0 runs them one after the other. PostgreSQL only.
  DATABASE_PARALLEL_READS: z.coerce.number().int().min(0).max(16).default(2),
  DATA_DIR: z.string().min(1).optional(),
  SECRET_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'SECRET_KEY must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** Server processes sharing the port (node:cluster), PostgreSQL only; see main.ts. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** How long a process remembers a session it looked up (0: never); see platform/auth/session-cache.ts. */
  SESSION_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(5),
  INVITATION_TTL_HOURS: z.coerce.number().positive().default(72),
  PASSWORD_RESET_TTL_MINUTES: z.coerce.number().positive().default(60),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Vigie <no-reply@vigie.invalid>'),
  // The outgoing mail pipeline: sends per second, the return-path address (bounce+<token>@domain
  // is derived from it) and the IMAP mailbox where bounces arrive (imap://user:pass@host:port/INBOX).
  // 100 a second delivers a 5,000-recipient release in under a minute; a provider with a lower
  // limit (many cap at 10 or 14 a second) is matched by setting it lower.
  MAIL_RATE_PER_SECOND: z.coerce.number().positive().max(1000).default(DEFAULT_MAIL_RATE_PER_SECOND),
  // SMTP connections kept open and used at once (nodemailer's pool). ?pool=false or
  // ?maxConnections=N in SMTP_URL override it for a server that wants otherwise.
  MAIL_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(5),
  // pg-boss tries a job at most 6 times (1 + 5 retries with back-off): the last one may not exceed that.
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(6).default(6),
  MAIL_RETURN_PATH: z.email().optional(),
  BOUNCE_IMAP_URL: z.url({ protocol: /^imaps?$/ }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Addresses or CIDR ranges of the reverse proxies whose X-Forwarded-For is believed
  // ("127.0.0.1", "10.0.0.0/8,::1"); "false" or empty: none. "true" (believe anyone) is refused:
  // any client could then choose its own address and escape the per-address limits.
  TRUST_PROXY: z.string().default('false').transform((v, c) => {
    const value = v.trim();
    if (value === '' || value === 'false' || value === '0' || value === 'no') return [] as string[];
    const list = value.split(',').map((a) => a.trim()).filter(Boolean);
    const ipOrCidr = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]+)(\/\d{1,3})?$|^(loopback|linklocal|uniquelocal)$/;
    for (const a of list) {
      if (!ipOrCidr.test(a)) {
        c.addIssue({ code: 'custom', message: `TRUST_PROXY lists proxy addresses (e.g. 127.0.0.1 or 10.0.0.0/8), not "${a}"` });
        return z.NEVER;
      }
    }
    return list;
  }),
  LOGIN_ACCOUNT_MAX_FAILURES: z.coerce.number().int().positive().optional(),
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().default(120),
  IMAGE_MAX_PIXELS: z.coerce.number().int().positive().default(100_000_000),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  JOB_POLL_SECONDS: z.coerce.number().min(0.5).default(10),
  STATISTICS_PROMOTE_MS: z.coerce.number().int().min(0).default(200),
  WEB_DIST: z.string().optional(),
  STORAGE_KIND: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  // Caps every kind's ceiling (packages/domain evidence-kinds.ts EVIDENCE_MAX_BYTES: video 2 GiB,
  // audio 300 MiB, document 100 MiB, photo 50 MiB); lower it on a small disk.
  EVIDENCE_MAX_BYTES: z.coerce.number().int().positive().default(2048 * 1024 * 1024),
  // Slippy-map tiles under the sites map, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png; unset: points on a plain background.
  MAP_TILE_URL: z.url({ protocol: /^https?$/ }).refine((u) => ['{z}', '{x}', '{y}'].every((p) => u.includes(p)), 'MAP_TILE_URL must contain {z}, {x} and {y}').optional(),
  MAP_TILE_ATTRIBUTION: z.string().trim().min(1).max(300).optional(),
  // Ed25519 private key signing evidence bundles: PKCS#8 PEM, or that PEM's base64 body on one line.
  BUNDLE_SIGNING_KEY: z.string().min(40).optional(),
}).superRefine((e, issues) => {
  // Object storage without a bucket or credentials would only fail on the first upload.
  if (e.STORAGE_KIND !== 's3') return;
  for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
    if (!e[name]) issues.addIssue({ code: 'custom', path: [name], message: `${name} is required when STORAGE_KIND=s3` });
  }
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  /** A pglite dir of undefined means in memory (tests only). */
  database: {
    kind: 'postgres'; url: string; readUrl?: string | undefined;
    /** Connections a heavy read may add to its own (platform/db/organisation-scope.ts); 2 when absent. */
    parallelReads?: number;
  } | { kind: 'pglite'; dir: string | undefined; seedFile?: string };
  dataDir: string;
  secretKey: string | undefined;
  sessionTtlHours: number;
  sessionCacheSeconds: number;
  /** How many server processes `npm start` runs (1: this one). */
  webConcurrency: number;
  invitationTtlHours: number;
  passwordResetTtlMinutes: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  mailRatePerSecond: number;
  /** SMTP connections of the pool, and how many deliveries the pipeline sends at once. */
  mailConnections: number;
  /** After this many failed tries, a delivery is marked failed and no longer retried. */
  mailMaxAttempts: number;
  /** bounce@domain; each delivery's envelope sender is bounce+<token>@domain. */
  mailReturnPath: string;
  bounceImapUrl: string | undefined;
  logLevel: string;
  /** Proxy addresses/ranges trusted for X-Forwarded-For; empty: the socket's address only. */
  trustProxy: string[];
  authRateLimitPerMinute: number;
  /** Requests per address per minute on the public figures (JSON, CSV, embeddable page). */
  publicRateLimitPerMinute: number;
  /** Failures allowed per account from one address, before that address is locked out of it. */
  loginMaxFailures: number;
  /** Failures allowed per account from all addresses together (default 4 × loginMaxFailures). */
  loginAccountMaxFailures: number;
  /** Whole request (headers and body) must arrive within this; also the idle socket limit. */
  requestTimeoutSeconds: number;
  /** Images with more pixels are refused before being decoded. */
  imageMaxPixels: number;
  loginLockMinutes: number;
  jobPollSeconds: number;
  /** How often saved evictions are counted into the statistics cells (migration 20k-01); 0: never (tests that count them themselves). */
  statisticsPromoteMs: number;
  webDist: string | undefined;
  /** Where evidence originals (encrypted) and publication copies live. */
  storage: StorageConfig;
  evidenceMaxBytes: number;
  /** Tiles drawn under the sites map (the CSP then allows their origin for images only). */
  mapTiles: { urlTemplate: string; attribution: string; origin: string } | null;
  /** Signs evidence bundles; without it a key is generated once in the data folder. */
  bundleSigningKey: string | undefined;
};

export type StorageConfig =
  | { kind: 'local'; dir: string }
  | { kind: 's3'; endpoint: string | undefined; bucket: string; region: string; accessKeyId: string; secretAccessKey: string };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.WEB_CONCURRENCY > 1 && !e.DATABASE_URL) {
    throw new ConfigError(
      `WEB_CONCURRENCY=${e.WEB_CONCURRENCY} needs PostgreSQL (DATABASE_URL): the embedded database (PGlite) serves a single session, `
      + 'so only one server process can use it. Remove WEB_CONCURRENCY, or set DATABASE_URL.\n'
      + `WEB_CONCURRENCY=${e.WEB_CONCURRENCY} demande PostgreSQL (DATABASE_URL) : la base embarquée (PGlite) n'a qu'une session, `
      + 'un seul processus serveur peut donc l\'utiliser. Retirez WEB_CONCURRENCY ou définissez DATABASE_URL.',
    );
  }
  const dataDir = resolve(REPO_ROOT, e.DATA_DIR ?? 'data');
  const webDist = e.WEB_DIST ? resolve(REPO_ROOT, e.WEB_DIST) : resolve(REPO_ROOT, 'apps/web/dist');
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL, readUrl: e.DATABASE_READ_URL, parallelReads: e.DATABASE_PARALLEL_READS } : { kind: 'pglite', dir: resolve(dataDir, 'db') },
    dataDir,
    secretKey: e.SECRET_KEY,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    sessionCacheSeconds: e.SESSION_CACHE_SECONDS,
    webConcurrency: e.WEB_CONCURRENCY,
    invitationTtlHours: e.INVITATION_TTL_HOURS,
    passwordResetTtlMinutes: e.PASSWORD_RESET_TTL_MINUTES,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    mailRatePerSecond: e.MAIL_RATE_PER_SECOND,
    mailConnections: e.MAIL_CONNECTIONS,
    mailMaxAttempts: e.MAIL_MAX_ATTEMPTS,
    mailReturnPath: e.MAIL_RETURN_PATH ?? `bounce@${/@([^>\s]+)/.exec(e.MAIL_FROM)?.[1] ?? 'vigie.invalid'}`,
    bounceImapUrl: e.BOUNCE_IMAP_URL,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    authRateLimitPerMinute: e.AUTH_RATE_LIMIT_PER_MINUTE,
    publicRateLimitPerMinute: e.PUBLIC_RATE_LIMIT_PER_MINUTE,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginAccountMaxFailures: e.LOGIN_ACCOUNT_MAX_FAILURES ?? 4 * e.LOGIN_MAX_FAILURES,
    requestTimeoutSeconds: e.REQUEST_TIMEOUT_SECONDS,
    imageMaxPixels: e.IMAGE_MAX_PIXELS,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    jobPollSeconds: e.JOB_POLL_SECONDS,
    statisticsPromoteMs: e.STATISTICS_PROMOTE_MS,
    webDist: existsSync(webDist) ? webDist : undefined,
    storage: e.STORAGE_KIND === 's3'
      ? {
        kind: 's3', endpoint: e.S3_ENDPOINT, bucket: e.S3_BUCKET!, region: e.S3_REGION,
        accessKeyId: e.S3_ACCESS_KEY_ID!, secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
      }
      : { kind: 'local', dir: resolve(dataDir, 'evidence') },
    evidenceMaxBytes: e.EVIDENCE_MAX_BYTES,
    mapTiles: e.MAP_TILE_URL
      ? { urlTemplate: e.MAP_TILE_URL, attribution: e.MAP_TILE_ATTRIBUTION ?? new URL(e.MAP_TILE_URL).host, origin: new URL(e.MAP_TILE_URL).origin }
      : null,
    bundleSigningKey: e.BUNDLE_SIGNING_KEY,
  };
}
