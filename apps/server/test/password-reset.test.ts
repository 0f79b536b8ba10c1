import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestVigie, type TestVigie } from './harness.js';
import { linkIn } from './mail-body.js';

const EMAIL = 'forgetful@hro.example';
const NEW_PASSWORD = 'a brand new long passphrase';

let t: TestVigie;
let organisationId: string;
beforeAll(async () => {
  t = await startTestVigie();
  organisationId = (await t.setUpAdmin()).user.organisationId;
});
afterAll(async () => { await t?.close(); });

const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

describe(`password reset (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let token: string;

  it('mails a reset link to an existing address and answers the same for an unknown one', async () => {
    const signedIn = await t.userWithRole(organisationId, 'observer', EMAIL);
    expect((await signedIn.get('/api/auth/me')).statusCode).toBe(200);

    const requests = async () => (await sql<{ data: string }>`SELECT data::text AS data FROM pgboss.job WHERE name = 'auth.password_reset_request' ORDER BY created_on`.execute(t.db)).rows;
    const before = (await requests()).length;
    const unknown = await t.client().post('/api/auth/password-reset/request', { email: 'nobody@hro.example' });
    const afterUnknown = (await requests()).length;
    const known = await t.client().post('/api/auth/password-reset/request', { email: EMAIL });
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    // The same work for both (so the timing tells nothing either): one sealed job each, the lookup happens in it.
    const queuedRequests = await requests();
    expect([afterUnknown - before, queuedRequests.length - afterUnknown]).toEqual([1, 1]);
    for (const r of queuedRequests) expect(r.data).not.toMatch(/@hro\.example/);

    const mail = await t.smtp.waitFor(EMAIL);
    const link = linkIn(mail.raw, '/reset/confirm');
    expect(link).toMatch(/^http:\/\/localhost:3000\/reset\/confirm\?token=/);
    token = tokenOf(link!);
    // The unknown address was asked first, so any mail for it would have left before this one.
    expect(t.smtp.mails.filter((m) => m.to.includes('nobody@hro.example'))).toEqual([]);
    const queued = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job WHERE data->>'to' = 'nobody@hro.example'`.execute(t.db);
    expect(queued.rows[0]!.n).toBe(0);
    expect(t.smtp.mails.filter((m) => m.to.includes(EMAIL))).toHaveLength(1);
  });

  it('refuses a too-short password with a French message naming the field', async () => {
    const res = await t.client('fr').post('/api/auth/password-reset/confirm', { token, password: 'short' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('request.validation_failed');
    expect(body.message).toBe('Certaines informations sont invalides : password : trop court ou trop petit (minimum 12).');
    expect(body.details.fields).toEqual([expect.objectContaining({ field: 'password' })]);
    // The refused attempt did not use up the link: the old password still works too.
    expect((await t.client().post('/api/auth/login', { email: EMAIL, password: PASSWORD })).statusCode).toBe(200);
  });

  it('sets the new password, signs out every session, and works only once', async () => {
    const other = t.client();
    expect((await other.post('/api/auth/login', { email: EMAIL, password: PASSWORD })).statusCode).toBe(200);
    expect((await other.get('/api/auth/me')).statusCode).toBe(200);

    const confirm = await t.client().post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(confirm.statusCode, confirm.body).toBe(200);

    expect((await other.get('/api/auth/me')).statusCode).toBe(401);
    const old = await t.client().post('/api/auth/login', { email: EMAIL, password: PASSWORD });
    expect(old.statusCode).toBe(401);
    expect(old.json().code).toBe('auth.invalid_credentials');
    const fresh = t.client();
    expect((await fresh.post('/api/auth/login', { email: EMAIL, password: NEW_PASSWORD })).statusCode).toBe(200);
    expect((await fresh.get('/api/auth/me')).json().user.email).toBe(EMAIL);

    const replay = await t.client().post('/api/auth/password-reset/confirm', { token, password: 'yet another long passphrase' });
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ code: 'password.reset_invalid', message: expect.stringContaining('invalide ou a expiré') });
    expect((await t.client().post('/api/auth/login', { email: EMAIL, password: NEW_PASSWORD })).statusCode).toBe(200);
  });

  it('resets once when the link is confirmed twice at the same moment', async () => {
    const email = 'twice@hro.example';
    await t.userWithRole(organisationId, 'observer', email);
    expect((await t.client().post('/api/auth/password-reset/request', { email })).statusCode).toBe(202);
    const twiceToken = tokenOf(linkIn((await t.smtp.waitFor(email)).raw, '/reset/confirm')!);
    const [a, b] = await Promise.all([
      t.client().post('/api/auth/password-reset/confirm', { token: twiceToken, password: 'first long passphrase' }),
      t.client().post('/api/auth/password-reset/confirm', { token: twiceToken, password: 'second long passphrase' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 400]);
    const winner = a.statusCode === 200 ? 'first long passphrase' : 'second long passphrase';
    const loser = a.statusCode === 200 ? 'second long passphrase' : 'first long passphrase';
    expect((await t.client().post('/api/auth/login', { email, password: loser })).statusCode).toBe(401);
    expect((await t.client().post('/api/auth/login', { email, password: winner })).statusCode).toBe(200);
  });

  it('refuses an expired link and an invented one', async () => {
    expect((await t.client().post('/api/auth/password-reset/request', { email: 'admin@hro.example' })).statusCode).toBe(202);
    const link = linkIn((await t.smtp.waitFor('admin@hro.example')).raw, '/reset/confirm')!;
    await t.db.updateTable('password_resets').set({ expires_at: new Date(Date.now() - 1000) }).where('used_at', 'is', null).execute();
    const expired = await t.client().post('/api/auth/password-reset/confirm', { token: tokenOf(link), password: NEW_PASSWORD });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().code).toBe('password.reset_invalid');
    const invented = await t.client().post('/api/auth/password-reset/confirm', { token: 'y'.repeat(43), password: NEW_PASSWORD });
    expect(invented.json().code).toBe('password.reset_invalid');
    expect((await t.client().post('/api/auth/login', { email: 'admin@hro.example', password: PASSWORD })).statusCode).toBe(200);
  });
});
