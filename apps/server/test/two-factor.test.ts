import { TOTP, Secret } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PASSWORD, startTestVigie, type TestClient, type TestVigie } from './harness.js';

let t: TestVigie;
let admin: TestClient;
let organisationId: string;
beforeAll(async () => {
  t = await startTestVigie();
  admin = await t.setUpAdmin();
  organisationId = admin.user.organisationId;
});
afterAll(async () => {
  vi.useRealTimers();
  await t?.close();
});

/**
 * Moves the clock of this process — the server's and the authenticator's alike, since the
 * tests call the server in-process — so that the next one-time code exists without waiting.
 */
let shift = 0;
function laterBy(seconds: number) {
  shift += seconds * 1000;
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(performance.timeOrigin + performance.now() + shift));
}

/** A well-formed code that is valid neither now nor in the ±30 s the server tolerates. */
function wrongCode(secret: string): string {
  const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  const near = new Set([-30_000, 0, 30_000].map((d) => totp.generate({ timestamp: Date.now() + d })));
  for (let n = 123_456; ; n = (n + 1) % 1_000_000) {
    const code = String(n).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

async function enrol(c: TestClient) {
  const setup = await c.post('/api/auth/totp/setup');
  expect(setup.statusCode, setup.body).toBe(200);
  const { secret } = setup.json<{ secret: string }>();
  const enabled = await c.post('/api/auth/totp/enable', { code: t.totp(secret) });
  expect(enabled.statusCode, enabled.body).toBe(200);
  return secret;
}

describe(`two-factor authentication (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  const email = 'careful@hro.example';
  let secret: string;
  /** The code that turned two-factor on (the replay below must be refused). */
  let enablingCode: string;

  it('enrols with a QR code and a code from the phone, and stores the secret encrypted', async () => {
    const c = await t.userWithRole(organisationId, 'observer', email);
    const setup = await c.post('/api/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const body = setup.json<{ secret: string; otpauthUrl: string; qrSvg: string }>();
    secret = body.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Vigie:careful%40hro\.example\?/);
    expect(body.otpauthUrl).toContain(`secret=${secret}`);
    expect(body.qrSvg.startsWith('<svg')).toBe(true);

    const stored = await t.db.selectFrom('users').select(['totp_secret_enc', 'totp_enabled']).where('email', '=', email).executeTakeFirstOrThrow();
    expect(stored.totp_enabled).toBe(false);
    expect(stored.totp_secret_enc).toMatch(/^v1\./);
    expect(stored.totp_secret_enc).not.toContain(secret);
    expect(stored.totp_secret_enc).not.toContain(secret.toLowerCase());

    const wrong = await c.post('/api/auth/totp/enable', { code: wrongCode(secret) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'auth.totp_invalid', message: 'Ce code de vérification est incorrect ou a expiré.' });
    expect((await c.get('/api/auth/me')).json().user.totpEnabled).toBe(false);

    enablingCode = t.totp(secret);
    const ok = await c.post('/api/auth/totp/enable', { code: enablingCode });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await c.get('/api/auth/me')).json().user.totpEnabled).toBe(true);
    const after = await t.db.selectFrom('users').select(['totp_secret_enc', 'totp_enabled']).where('email', '=', email).executeTakeFirstOrThrow();
    expect(after.totp_enabled).toBe(true);
    expect(after.totp_secret_enc).not.toContain(secret);
    // A second enrolment cannot silently replace the active secret.
    expect((await c.post('/api/auth/totp/setup')).json().code).toBe('totp.already_enabled');
  });

  it('then asks for the code at sign-in', async () => {
    const missing = await t.client().post('/api/auth/login', { email, password: PASSWORD });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().code).toBe('auth.totp_required');
    expect(missing.headers['set-cookie']).toBeUndefined();

    const wrong = await t.client().post('/api/auth/login', { email, password: PASSWORD, totp: wrongCode(secret) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('auth.totp_invalid');

    // The right code never rescues a wrong password.
    const badPassword = await t.client().post('/api/auth/login', { email, password: 'not the password', totp: t.totp(secret) });
    expect(badPassword.json().code).toBe('auth.invalid_credentials');

    // The code that just enabled two-factor cannot be replayed (RFC 6238 §5.2)…
    // (That very code, not the current one: on a slow machine a new 30 s step may have begun since.)
    const replay = await t.client().post('/api/auth/login', { email, password: PASSWORD, totp: enablingCode });
    expect(replay.json().code).toBe('auth.totp_invalid');
    // …but the next one, 30 seconds later, signs in.
    laterBy(30);
    const c = t.client();
    const code = t.totp(secret);
    const ok = await c.post('/api/auth/login', { email, password: PASSWORD, totp: code });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(c.user).toMatchObject({ email, totpEnabled: true, mustEnrolTotp: false });
    expect((await t.client().post('/api/auth/login', { email, password: PASSWORD, totp: code })).json().code).toBe('auth.totp_invalid');
  });

  it('disables two-factor only with a valid code', async () => {
    laterBy(30);
    const c = t.client();
    const loginCode = t.totp(secret);
    expect((await c.post('/api/auth/login', { email, password: PASSWORD, totp: loginCode })).statusCode).toBe(200);
    const wrong = await c.post('/api/auth/totp/disable', { code: wrongCode(secret) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('auth.totp_invalid');
    expect((await c.post('/api/auth/totp/disable', { code: loginCode })).json().code).toBe('auth.totp_invalid');
    laterBy(30);
    const ok = await c.post('/api/auth/totp/disable', { code: t.totp(secret) });
    expect(ok.statusCode, ok.body).toBe(200);
    const stored = await t.db.selectFrom('users').select(['totp_secret_enc', 'totp_enabled']).where('email', '=', email).executeTakeFirstOrThrow();
    expect(stored).toEqual({ totp_secret_enc: null, totp_enabled: false });
    expect((await t.client().post('/api/auth/login', { email, password: PASSWORD })).statusCode).toBe(200);
  });

  it('makes the roles the admin lists enrol before doing anything else', async () => {
    const policy = await admin.put('/api/admin/security', { totpRequiredRoles: ['legal'] });
    expect(policy.statusCode, policy.body).toBe(200);
    expect(policy.json()).toEqual({ totpRequiredRoles: ['legal'] });
    expect((await admin.get('/api/admin/security')).json()).toEqual({ totpRequiredRoles: ['legal'] });
    // Other roles are not held back.
    expect((await admin.get('/api/roles')).statusCode).toBe(200);

    const legal = await t.userWithRole(organisationId, 'legal');
    expect(legal.user).toMatchObject({ role: 'legal', mustEnrolTotp: true, totpEnabled: false });
    const held = await legal.get('/api/roles');
    expect(held.statusCode).toBe(403);
    expect(held.json()).toMatchObject({ code: 'auth.totp_enrolment_required', message: expect.stringContaining('deux étapes') });
    expect((await legal.get('/api/auth/me')).json().user.mustEnrolTotp).toBe(true);

    await enrol(legal);
    expect((await legal.get('/api/roles')).statusCode).toBe(200);
    expect((await legal.get('/api/auth/me')).json().user).toMatchObject({ mustEnrolTotp: false, totpEnabled: true });
  });

  it('refuses the policy to anyone but an administrator', async () => {
    const coordinator = await t.userWithRole(organisationId, 'coordinator');
    const res = await coordinator.put('/api/admin/security', { totpRequiredRoles: [] });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.forbidden');
    expect((await admin.get('/api/admin/security')).json()).toEqual({ totpRequiredRoles: ['legal'] });
  });
});
