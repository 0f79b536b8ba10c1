import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@vigie/domain';
import { loadConfig, type Config } from '../src/config.js';
import { startVigie, type RunningVigie } from '../src/server.js';
import type { QueueTuning } from '../src/platform/queue/job-queue.js';
import { hashPassword } from '../src/platform/auth/passwords.js';
import { currentTotp } from '../src/platform/auth/totp.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { startSmtpSink } from './smtp-sink.js';

export const PASSWORD = 'correct horse battery staple';

/** A running Vigie on a throw-away database, a real SMTP sink, and helpers to act as users. */
export async function startTestVigie(env: Record<string, string> = {}, options: { database?: Config['database']; queue?: QueueTuning } = {}) {
  // A test may bring its own database (the read-replica test: its own primary and replica).
  const testDb: TestDatabase = options.database
    ? { database: options.database, label: options.database.kind, drop: async () => {} }
    : await createTestDatabase();
  const smtp = await startSmtpSink();
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-test-'));
  const config = loadConfig({
    NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir, SMTP_URL: smtp.url, LOG_LEVEL: 'silent', JOB_POLL_SECONDS: '0.5',
    PUBLIC_URL: 'http://localhost:3000', AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    ...env,
  });
  const vigie: RunningVigie = await startVigie({ ...config, database: testDb.database }, { logger: false, listen: false, queue: options.queue });
  return {
    vigie,
    smtp,
    backend: testDb.label,
    db: vigie.ctx.db,
    client: (locale = 'fr') => new TestClient(vigie, locale),
    /** Runs first-run set-up and returns a signed-in admin client. */
    async setUpAdmin(email = 'admin@hro.example', organisationName = 'Human Rights Observers') {
      const admin = new TestClient(vigie);
      const res = await admin.post('/api/setup', {
        code: vigie.setupCode, organisationName, displayName: 'Alix Admin', email, password: PASSWORD,
      });
      if (res.statusCode !== 200) throw new Error(`setup failed: ${res.body}`);
      return admin;
    },
    /** Creates a user directly (as an invitation acceptance would) and signs them in. */
    async userWithRole(organisationId: string, role: Role, email = `${role}-${Math.random().toString(36).slice(2)}@hro.example`) {
      await vigie.ctx.db.insertInto('users').values({
        organisation_id: organisationId, email, display_name: `${role} user`, password_hash: await hashPassword(PASSWORD), role,
      }).execute();
      const c = new TestClient(vigie);
      const res = await c.post('/api/auth/login', { email, password: PASSWORD });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
      return c;
    },
    totp: currentTotp,
    async close() {
      await vigie.close();
      await smtp.close();
      await testDb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestVigie = Awaited<ReturnType<typeof startTestVigie>>;

type Res = { statusCode: number; body: string; json: <T = any>() => T; headers: Record<string, unknown> };

/** A browser-like client: keeps the session cookie and sends the CSRF token like the web app. */
export class TestClient {
  cookie = '';
  csrf = '';
  user: any;
  constructor(private readonly vigie: RunningVigie, public locale = 'fr') {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
    const res = await this.vigie.app.inject({
      method: method as 'GET',
      url,
      headers: {
        'accept-language': this.locale,
        ...(this.cookie && { cookie: this.cookie }),
        ...(this.csrf && { 'x-csrf-token': this.csrf }),
        ...(body !== undefined && typeof body !== 'string' && { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body !== undefined && { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const setCookie = res.headers['set-cookie'];
    for (const c of [setCookie ?? []].flat()) {
      const [pair] = String(c).split(';');
      if (pair?.startsWith('vigie_session=')) this.cookie = pair.endsWith('=') ? '' : pair;
    }
    if (res.statusCode === 200) {
      try {
        const parsed = JSON.parse(res.body);
        if (parsed && typeof parsed.csrfToken === 'string') { this.csrf = parsed.csrfToken; this.user = parsed.user; }
      } catch { /* not JSON */ }
    }
    return { statusCode: res.statusCode, body: res.body, json: () => JSON.parse(res.body), headers: res.headers as Record<string, unknown> };
  }
  get(url: string) { return this.request('GET', url); }
  post(url: string, body: unknown = {}) { return this.request('POST', url, body); }
  patch(url: string, body: unknown) { return this.request('PATCH', url, body); }
  put(url: string, body: unknown) { return this.request('PUT', url, body); }
  delete(url: string) { return this.request('DELETE', url); }
}
