import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestVigie, type TestVigie } from './harness.js';

let t: TestVigie;
beforeAll(async () => { t = await startTestVigie({ LOGIN_MAX_FAILURES: '3' }); });
afterAll(async () => { await t?.close(); });

describe(`first-run set-up and sign-in (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('reports that set-up is needed and refuses a wrong set-up code', async () => {
    const c = t.client();
    expect((await c.get('/api/setup/status')).json()).toEqual({ needsSetup: true });
    const res = await c.post('/api/setup', {
      code: 'wrong-code', organisationName: 'HRO', displayName: 'A', email: 'a@hro.example', password: PASSWORD,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'setup.invalid_code', message: expect.stringContaining('code de configuration') });
  });

  it('creates the organisation and its administrator with the printed code, once', async () => {
    const admin = await t.setUpAdmin();
    expect(admin.user).toMatchObject({ role: 'admin', organisationName: 'Human Rights Observers', locale: 'fr' });
    expect((await admin.get('/api/auth/me')).json().user.email).toBe('admin@hro.example');
    const again = await t.client().post('/api/setup', {
      code: t.vigie.setupCode, organisationName: 'X', displayName: 'X', email: 'x@hro.example', password: PASSWORD,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('setup.already_done');
    expect((await t.client().get('/api/setup/status')).json()).toEqual({ needsSetup: false });
  });

  it('signs in with the right password and refuses a wrong one in the user language', async () => {
    const fr = await t.client('fr').post('/api/auth/login', { email: 'admin@hro.example', password: 'not the password' });
    expect(fr.statusCode).toBe(401);
    expect(fr.json()).toEqual({ code: 'auth.invalid_credentials', message: 'Adresse e-mail ou mot de passe incorrect.' });
    const en = await t.client('en').post('/api/auth/login', { email: 'nobody@hro.example', password: 'whatever' });
    expect(en.json().message).toBe('Wrong email address or password.');
    const ok = t.client();
    const res = await ok.post('/api/auth/login', { email: 'ADMIN@hro.example', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toMatch(/vigie_session=.*HttpOnly.*SameSite=Strict/i);
  });

  it('requires the CSRF token on writes once signed in, and signs out', async () => {
    const c = t.client();
    await c.post('/api/auth/login', { email: 'admin@hro.example', password: PASSWORD });
    const csrf = c.csrf;
    c.csrf = '';
    const refused = await c.post('/api/auth/logout');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('request.csrf_failed');
    c.csrf = csrf;
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('refuses a cross-site origin', async () => {
    const res = await t.client().request('POST', '/api/auth/login', { email: 'admin@hro.example', password: PASSWORD }, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
  });

  it('answers bad requests with clear 4xx errors, never a 500', async () => {
    const c = t.client();
    const malformed = await c.request('POST', '/api/auth/login', '{"email": ', { 'content-type': 'application/json' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('request.invalid_json');
    const unknown = await c.post('/api/auth/login', { email: 'admin@hro.example', password: 'x', isAdmin: true });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('request.validation_failed');
    expect(unknown.json().message).toContain('isAdmin');
    const badEmail = await c.post('/api/auth/login', { email: 'not-an-email', password: 'x' });
    expect(badEmail.json().details.fields[0].field).toBe('email');
    const huge = await c.post('/api/auth/login', { email: 'a@b.example', password: 'x'.repeat(300 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('request.too_large');
    const text = await c.request('POST', '/api/auth/login', 'email=a', { 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(415);
    const missing = await c.get('/api/nothing-here');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('request.not_found');
  });

  it('throttles an account after repeated failures, even with the right password', async () => {
    await t.userWithRole((await t.client().post('/api/auth/login', { email: 'admin@hro.example', password: PASSWORD })).json().user.organisationId, 'observer', 'obs@hro.example');
    const c = t.client();
    for (let i = 0; i < 3; i += 1) expect((await c.post('/api/auth/login', { email: 'obs@hro.example', password: 'wrong password' })).statusCode).toBe(401);
    const blocked = await c.post('/api/auth/login', { email: 'obs@hro.example', password: PASSWORD });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('auth.throttled');
    expect(blocked.headers['retry-after']).toBeDefined();
  });

  it('serves security headers and the OpenAPI description', async () => {
    const res = await t.client().get('/api/health');
    expect(res.json()).toEqual({ status: 'ok', database: t.backend });
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    const spec = (await t.client().get('/api/openapi.json')).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/invitations', '/api/setup']));
  });
});
