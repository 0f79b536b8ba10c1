import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestVigie, type TestClient, type TestVigie } from './harness.js';

let t: TestVigie;
let admin: TestClient;
let organisationId: string;
beforeAll(async () => {
  t = await startTestVigie();
  admin = await t.setUpAdmin();
  organisationId = admin.user.organisationId;
});
afterAll(async () => { await t?.close(); });

type UserView = { id: string; email: string; role: string; active: boolean };
async function userByEmail(email: string): Promise<UserView | undefined> {
  const res = await admin.get('/api/users');
  expect(res.statusCode).toBe(200);
  return res.json<{ users: UserView[] }>().users.find((u) => u.email === email);
}

describe(`user management (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('lists the organisation users without secrets', async () => {
    await t.userWithRole(organisationId, 'observer', 'listed@hro.example');
    const res = await admin.get('/api/users');
    expect(res.statusCode).toBe(200);
    const users = res.json<{ users: Array<Record<string, unknown>> }>().users;
    expect(users.map((u) => u.email)).toEqual(expect.arrayContaining(['admin@hro.example', 'listed@hro.example']));
    expect(users.find((u) => u.email === 'listed@hro.example')).toMatchObject({ role: 'observer', active: true, totpEnabled: false });
    expect(res.body).not.toMatch(/password|argon2|totp_secret/i);

    const observer = await t.userWithRole(organisationId, 'observer');
    const refused = await observer.get('/api/users');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('auth.forbidden');
  });

  it('changes a role, then deactivates the account, signing the user out each time', async () => {
    const email = 'promoted@hro.example';
    const member = await t.userWithRole(organisationId, 'observer', email);
    const { id } = (await userByEmail(email))!;

    const promoted = await admin.patch(`/api/users/${id}`, { role: 'coordinator' });
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect(promoted.json()).toMatchObject({ id, email, role: 'coordinator', active: true });
    // The old session carried the old role: it must not live on.
    expect((await member.get('/api/auth/me')).statusCode).toBe(401);
    const again = t.client();
    expect((await again.post('/api/auth/login', { email, password: PASSWORD })).statusCode).toBe(200);
    expect(again.user.role).toBe('coordinator');
    expect((await again.get('/api/invitations')).statusCode).toBe(200);

    const deactivated = await admin.patch(`/api/users/${id}`, { active: false });
    expect(deactivated.statusCode).toBe(200);
    expect(deactivated.json()).toMatchObject({ active: false });
    const gone = await again.get('/api/auth/me');
    expect(gone.statusCode).toBe(401);
    expect(gone.json().code).toBe('auth.unauthenticated');
    const login = await t.client().post('/api/auth/login', { email, password: PASSWORD });
    expect(login.statusCode).toBe(401);
    expect(login.json().code).toBe('auth.invalid_credentials');
    expect(await userByEmail(email)).toMatchObject({ role: 'coordinator', active: false });

    expect((await admin.patch(`/api/users/${id}`, { active: true })).statusCode).toBe(200);
    expect((await t.client().post('/api/auth/login', { email, password: PASSWORD })).statusCode).toBe(200);
  });

  it('answers 404 for an unknown user', async () => {
    const res = await admin.patch('/api/users/00000000-0000-4000-8000-000000000000', { role: 'observer' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('user.not_found');
  });

  it('does not let an admin change their own role or deactivate themselves', async () => {
    const self = admin.user.id as string;
    for (const change of [{ role: 'observer' }, { active: false }]) {
      const res = await admin.patch(`/api/users/${self}`, change);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'user.cannot_change_self', message: expect.stringContaining('propre rôle') });
    }
    expect(await userByEmail('admin@hro.example')).toMatchObject({ role: 'admin', active: true });
    expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('speaks the language chosen in the profile, whatever the browser says', async () => {
    const c = await t.userWithRole(organisationId, 'observer', 'english@hro.example');
    expect(c.locale).toBe('fr');
    const before = await c.post('/api/me/password', { currentPassword: 'not my password', newPassword: 'a new long passphrase' });
    expect(before.json().message).toBe('Le mot de passe actuel est incorrect.');

    const changed = await c.patch('/api/me', { locale: 'en' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await c.get('/api/auth/me')).json().user.locale).toBe('en');
    const after = await c.post('/api/me/password', { currentPassword: 'not my password', newPassword: 'a new long passphrase' });
    expect(after.statusCode).toBe(400);
    expect(after.json()).toEqual({ code: 'password.current_wrong', message: 'The current password is wrong.' });
    const forbidden = await c.get('/api/users');
    expect(forbidden.json().message).toBe('Your role does not allow this action.');
  });

  it('changes the password only with the right current one, keeping this session and closing the others', async () => {
    const email = 'rotating@hro.example';
    const c = await t.userWithRole(organisationId, 'observer', email);
    const other = t.client();
    expect((await other.post('/api/auth/login', { email, password: PASSWORD })).statusCode).toBe(200);

    const wrong = await c.post('/api/me/password', { currentPassword: 'not my password', newPassword: 'a new long passphrase' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('password.current_wrong');
    expect((await other.get('/api/auth/me')).statusCode).toBe(200);

    const ok = await c.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'a new long passphrase' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    expect((await other.get('/api/auth/me')).statusCode).toBe(401);
    expect((await t.client().post('/api/auth/login', { email, password: PASSWORD })).statusCode).toBe(401);
    expect((await t.client().post('/api/auth/login', { email, password: 'a new long passphrase' })).statusCode).toBe(200);
  });

  it('gives a person several roles: permissions are the union, the change is audited, the person signs in again', async () => {
    const email = 'multi@hro.example';
    const member = await t.userWithRole(organisationId, 'comms', email);
    const { id } = (await userByEmail(email))!;
    expect((await member.get('/api/invitations')).statusCode).toBe(403);

    const changed = await admin.patch(`/api/users/${id}`, { roles: ['comms', 'observer', 'coordinator'] });
    expect(changed.statusCode, changed.body).toBe(200);
    // Coordinator carries access to identities: it waits for a second person (issue 12), here the legal pole.
    expect(changed.json()).toMatchObject({ role: 'comms', roles: ['comms'], grantPending: true });
    const lawyer = await t.userWithRole(organisationId, 'legal');
    const grant = (await lawyer.get('/api/identity-grants')).json().grants.find((g: { email: string; status: string }) => g.email === email && g.status === 'pending');
    const confirmed = await lawyer.post(`/api/identity-grants/${grant.id}/confirm`);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ roles: ['comms', 'observer', 'coordinator'], status: 'confirmed' });
    expect((await member.get('/api/auth/me')).statusCode).toBe(401);
    const again = t.client();
    expect((await again.post('/api/auth/login', { email, password: PASSWORD })).statusCode).toBe(200);
    expect(again.user.roles).toEqual(['comms', 'observer', 'coordinator']);
    expect(again.user.permissions).toEqual(expect.arrayContaining(['comms.publish', 'field.record', 'invitations.manage', 'identities.read']));
    expect((await again.get('/api/invitations')).statusCode).toBe(200);

    const audit = await t.db.selectFrom('audit_log').select(['action', 'before', 'after', 'context']).where('entity_id', '=', id)
      .where('action', '=', 'user.changed').orderBy('seq').execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]!.context).toMatchObject({ identityGrantPending: true });
    expect(audit[1]!.context).toMatchObject({ roles: { before: ['comms'], after: ['comms', 'observer', 'coordinator'] }, approvedBy: lawyer.user.id });
    expect(audit[1]!.after).toMatchObject({ roles: ['comms', 'observer', 'coordinator'] });

    // Back to one role: the additional ones go.
    const single = await admin.patch(`/api/users/${id}`, { role: 'observer' });
    expect(single.json()).toMatchObject({ role: 'observer', roles: ['observer'] });
  });

  it('refuses an empty or repeated role list, or an unknown role, and saves nothing', async () => {
    const email = 'badroles@hro.example';
    await t.userWithRole(organisationId, 'volunteer', email);
    const { id } = (await userByEmail(email))!;
    for (const roles of [[], ['observer', 'observer'], ['root']]) {
      const res = await admin.patch(`/api/users/${id}`, { roles });
      expect(res.statusCode, JSON.stringify(roles)).toBe(400);
      expect(res.json().code).toBe('request.validation_failed');
    }
    expect(await userByEmail(email)).toMatchObject({ role: 'volunteer', roles: ['volunteer'] });
  });
});
