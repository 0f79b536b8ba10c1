import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestVigie, type TestVigie } from './harness.js';
import { linkIn } from './mail-body.js';

/**
 * Sign-in throttling under attack: parallel guesses are counted one by one; one address locks
 * only itself out (with a lock that doubles each time); many addresses lock the account, whose
 * owner is told by e-mail and unlocks it with a password reset; X-Forwarded-For is believed
 * only from the configured proxy; the routes that check a token before hashing a password are
 * rate-limited per address.
 */
const backend = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
const PROXY = '10.9.8.7';
let t: TestVigie;
let orgId: string;

beforeAll(async () => {
  t = await startTestVigie({
    LOGIN_MAX_FAILURES: '5', LOGIN_ACCOUNT_MAX_FAILURES: '12', LOGIN_LOCK_MINUTES: '15', TRUST_PROXY: PROXY, AUTH_RATE_LIMIT_PER_MINUTE: '40',
  });
  const admin = await t.setUpAdmin();
  orgId = admin.user.organisationId;
});
afterAll(async () => { await t?.close(); });

const login = (email: string, password: string, ip: string, forwardedFor?: string) => t.vigie.app.inject({
  method: 'POST', url: '/api/auth/login', remoteAddress: ip,
  headers: { 'content-type': 'application/json', 'accept-language': 'fr', ...(forwardedFor && { 'x-forwarded-for': forwardedFor }) },
  payload: JSON.stringify({ email, password }),
});

describe(`sign-in throttling (${backend})`, () => {
  it('counts 25 parallel wrong passwords one by one: the address is locked after exactly 5', async () => {
    await t.userWithRole(orgId, 'observer', 'parallel@hro.example');
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => login('parallel@hro.example', `guess-${i}`, '198.51.100.20')));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    // Locked for this address, even with the right password…
    const right = await login('parallel@hro.example', PASSWORD, '198.51.100.20');
    expect(right.statusCode).toBe(429);
    expect(right.json()).toMatchObject({ code: 'auth.throttled', details: { minutes: 15 } });
    // …but a guesser cannot lock the person out: from their own address they sign in.
    expect((await login('parallel@hro.example', PASSWORD, '192.0.2.50')).statusCode).toBe(200);
  });

  it('doubles the lock of an address that starts again once its lock is over', async () => {
    await t.userWithRole(orgId, 'observer', 'backoff@hro.example');
    for (let i = 0; i < 6; i += 1) await login('backoff@hro.example', `g${i}`, '198.51.100.30');
    await sql`UPDATE login_throttles SET locked_until = now() - interval '1 second' WHERE email = 'backoff@hro.example' AND source = '198.51.100.30'`.execute(t.db);
    for (let i = 0; i < 5; i += 1) expect((await login('backoff@hro.example', `h${i}`, '198.51.100.30')).statusCode).toBe(401);
    const again = await login('backoff@hro.example', 'h5', '198.51.100.30');
    expect(again.statusCode).toBe(429);
    expect(again.json().details).toEqual({ minutes: 30 });
  });

  it('locks the account against many addresses, tells its owner, and a password reset by e-mail unlocks it', async () => {
    await t.userWithRole(orgId, 'observer', 'botnet@hro.example');
    const statuses: number[] = [];
    for (let i = 0; i < 14; i += 1) statuses.push((await login('botnet@hro.example', `g${i}`, `203.0.113.${i + 1}`)).statusCode);
    expect(statuses.slice(0, 12).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(12)).toEqual([429, 429]);
    expect((await login('botnet@hro.example', PASSWORD, '192.0.2.99')).statusCode).toBe(429);
    const warning = await t.smtp.waitFor('botnet@hro.example');
    expect(warning.raw).toContain('http://localhost:3000/reset');
    // The lock only queued a sealed job (the lookup happens in it, for a known or unknown address alike).
    const unlockJobs = (await sql<{ data: string }>`SELECT data::text AS data FROM pgboss.job WHERE name = 'auth.unlock_mail'`.execute(t.db)).rows;
    expect(unlockJobs.length).toBeGreaterThan(0);
    expect(unlockJobs.every((j) => !j.data.includes('botnet'))).toBe(true);

    const reset = await t.client().post('/api/auth/password-reset/request', { email: 'botnet@hro.example' });
    expect(reset.statusCode).toBe(202);
    let token: string | undefined;
    for (let i = 0; i < 40 && !token; i += 1) {
      const mails = t.smtp.mails.filter((m) => m.to.includes('botnet@hro.example'));
      const link = mails.map((m) => linkIn(m.raw, '/reset/confirm')).find(Boolean);
      token = link ? new URL(link).searchParams.get('token') ?? undefined : undefined;
      if (!token) await new Promise((r) => setTimeout(r, 250));
    }
    expect(token).toBeDefined();
    expect((await t.client().post('/api/auth/password-reset/confirm', { token, password: 'a brand new passphrase' })).statusCode).toBe(200);
    expect((await login('botnet@hro.example', 'a brand new passphrase', '192.0.2.99')).statusCode).toBe(200);
  });

  it('believes X-Forwarded-For only from the configured proxy', async () => {
    await t.userWithRole(orgId, 'observer', 'spoof@hro.example');
    // A client forging a new X-Forwarded-For each time is still one address.
    const forged: number[] = [];
    for (let i = 0; i < 6; i += 1) forged.push((await login('spoof@hro.example', `g${i}`, '198.51.100.40', `192.0.2.${100 + i}`)).statusCode);
    expect(forged).toEqual([401, 401, 401, 401, 401, 429]);
    // Through the proxy, the forwarded address is the client's: another client is not locked.
    expect((await login('spoof@hro.example', PASSWORD, PROXY, '192.0.2.200')).statusCode).toBe(200);
    const rows = await sql<{ source: string }>`SELECT source FROM login_throttles WHERE email = 'spoof@hro.example'`.execute(t.db);
    expect(rows.rows.map((r) => r.source)).not.toContain('192.0.2.101');
  });

  it('answers an unknown account exactly like a wrong password', async () => {
    const unknown = await login('nobody@hro.example', 'whatever', '198.51.100.60');
    const wrong = await login('spoof@hro.example', 'whatever', '198.51.100.60');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
  });

  it('rate-limits invitation acceptance and password-reset confirmation per address, refusing bad tokens', async () => {
    const accept = (i: number) => t.vigie.app.inject({
      method: 'POST', url: '/api/invitations/accept', remoteAddress: '198.51.100.70',
      headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ token: `not-a-real-token-${i}-xxxxxxxx`, displayName: 'X', password: 'a long enough passphrase' }),
    });
    const statuses: number[] = [];
    for (let i = 0; i < 42; i += 1) statuses.push((await accept(i)).statusCode);
    expect(statuses.slice(0, 40).every((s) => s === 404 || s === 410)).toBe(true);
    expect(statuses.slice(40)).toEqual([429, 429]);
    const confirm = await t.vigie.app.inject({
      method: 'POST', url: '/api/auth/password-reset/confirm', remoteAddress: '198.51.100.71',
      headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ token: 'not-a-real-token-xxxxxxxxxx', password: 'a long enough passphrase' }),
    });
    expect(confirm.json().code).toBe('password.reset_invalid');
  });
});
