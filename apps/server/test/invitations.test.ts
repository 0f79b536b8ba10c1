import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { mailText } from './mail-body.js';

let t: TestVigie;
let admin: TestClient;
let organisationId: string;
beforeAll(async () => {
  t = await startTestVigie();
  admin = await t.setUpAdmin();
  organisationId = admin.user.organisationId;
});
afterAll(async () => { await t?.close(); });

const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

async function invite(by: TestClient, email: string, role = 'observer') {
  const res = await by.post('/api/invitations', { email, role });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ invitation: { id: string; email: string; status: string }; link: string }>();
}

async function statusOf(email: string) {
  const list = (await admin.get('/api/invitations')).json<{ invitations: Array<{ email: string; status: string }> }>();
  return list.invitations.find((i) => i.email === email)?.status;
}

describe(`invitations (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('invites by mail, shows the invitation, and signs the new member in once', async () => {
    const created = await invite(admin, 'colleague@hro.example');
    expect(created.invitation).toMatchObject({ email: 'colleague@hro.example', role: 'observer', status: 'pending' });
    expect(created.link).toMatch(/^http:\/\/localhost:3000\/invitation\?token=[A-Za-z0-9_-]{40,}$/);

    const mail = await t.smtp.waitFor('colleague@hro.example');
    const body = mailText(mail.raw);
    expect(body).toContain(created.link);
    expect(body).toContain('Human Rights Observers');

    const token = tokenOf(created.link);
    const lookup = await t.client().get(`/api/invitations/lookup?token=${token}`);
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json()).toEqual({ email: 'colleague@hro.example', role: 'observer', organisationName: 'Human Rights Observers' });

    const newcomer = t.client();
    const accepted = await newcomer.post('/api/invitations/accept', { token, displayName: 'Camille Collègue', password: PASSWORD });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(newcomer.user).toMatchObject({ email: 'colleague@hro.example', role: 'observer', organisationId, displayName: 'Camille Collègue' });
    const me = await newcomer.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ email: 'colleague@hro.example', role: 'observer' });
    // The new member can also sign in again later with the password they chose.
    expect((await t.client().post('/api/auth/login', { email: 'colleague@hro.example', password: PASSWORD })).statusCode).toBe(200);

    const again = await t.client().post('/api/invitations/accept', { token, displayName: 'Intrus', password: PASSWORD });
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({ code: 'invitation.used', message: expect.stringContaining('déjà été utilisée') });
    expect((await t.client().get(`/api/invitations/lookup?token=${token}`)).json().code).toBe('invitation.used');
    expect(await statusOf('colleague@hro.example')).toBe('accepted');
  });

  it('accepts a link clicked twice at the same moment only once', async () => {
    const created = await invite(admin, 'double@hro.example');
    const token = tokenOf(created.link);
    const [a, b] = await Promise.all([
      t.client().post('/api/invitations/accept', { token, displayName: 'Double A', password: PASSWORD }),
      t.client().post('/api/invitations/accept', { token, displayName: 'Double B', password: PASSWORD }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 410]);
    expect([a, b].find((r) => r.statusCode === 410)!.json().code).toBe('invitation.used');
    const rows = await t.db.selectFrom('users').select('display_name').where('email', '=', 'double@hro.example').execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses a revoked invitation', async () => {
    const created = await invite(admin, 'revoked@hro.example');
    expect((await admin.delete(`/api/invitations/${created.invitation.id}`)).statusCode).toBe(204);
    const token = tokenOf(created.link);
    const lookup = await t.client().get(`/api/invitations/lookup?token=${token}`);
    expect(lookup.statusCode).toBe(410);
    expect(lookup.json().code).toBe('invitation.revoked');
    const accept = await t.client().post('/api/invitations/accept', { token, displayName: 'R', password: PASSWORD });
    expect(accept.statusCode).toBe(410);
    expect(accept.json().code).toBe('invitation.revoked');
    // Revoking twice finds nothing left to revoke.
    expect((await admin.delete(`/api/invitations/${created.invitation.id}`)).statusCode).toBe(404);
    expect(await statusOf('revoked@hro.example')).toBe('revoked');
  });

  it('refuses an expired invitation', async () => {
    const created = await invite(admin, 'late@hro.example');
    await t.db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 60_000) })
      .where('id', '=', created.invitation.id).execute();
    const token = tokenOf(created.link);
    const accept = await t.client().post('/api/invitations/accept', { token, displayName: 'L', password: PASSWORD });
    expect(accept.statusCode).toBe(410);
    expect(accept.json()).toMatchObject({ code: 'invitation.expired', message: expect.stringContaining('expiré') });
    expect((await t.client().get(`/api/invitations/lookup?token=${token}`)).json().code).toBe('invitation.expired');
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'late@hro.example').executeTakeFirst()).toBeUndefined();
    expect(await statusOf('late@hro.example')).toBe('expired');
  });

  it('answers 404 for an unknown token', async () => {
    const token = 'x'.repeat(43);
    const lookup = await t.client().get(`/api/invitations/lookup?token=${token}`);
    expect(lookup.statusCode).toBe(404);
    expect(lookup.json().code).toBe('invitation.not_found');
    const accept = await t.client().post('/api/invitations/accept', { token, displayName: 'U', password: PASSWORD });
    expect(accept.statusCode).toBe(404);
    expect(accept.json().code).toBe('invitation.not_found');
  });

  it('refuses to invite an address that already has an account', async () => {
    for (const email of ['admin@hro.example', 'Colleague@HRO.example']) {
      const res = await admin.post('/api/invitations', { email, role: 'observer' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'user.email_taken', message: 'Un compte existe déjà avec cette adresse e-mail.' });
    }
  });

  it('lets a coordinator invite an observer but not an administrator', async () => {
    const coordinator = await t.userWithRole(organisationId, 'coordinator');
    const created = await invite(coordinator, 'field@hro.example', 'observer');
    expect(created.invitation.status).toBe('pending');
    const refused = await coordinator.post('/api/invitations', { email: 'boss@hro.example', role: 'admin' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('auth.forbidden');
    expect(await statusOf('boss@hro.example')).toBeUndefined();
  });

  it('does not let a coordinator cancel or downgrade an administrator’s invitation', async () => {
    const coordinator = await t.userWithRole(organisationId, 'coordinator');
    const byAdmin = await invite(admin, 'lawyer.to.be@hro.example', 'legal');
    const cancel = await coordinator.delete(`/api/invitations/${byAdmin.invitation.id}`);
    expect(cancel.statusCode).toBe(403);
    expect(cancel.json().code).toBe('auth.forbidden');
    const downgrade = await coordinator.post('/api/invitations', { email: 'lawyer.to.be@hro.example', role: 'volunteer' });
    expect(downgrade.statusCode).toBe(403);
    expect(await statusOf('lawyer.to.be@hro.example')).toBe('pending');
    // The administrator still can.
    expect((await admin.delete(`/api/invitations/${byAdmin.invitation.id}`)).statusCode).toBe(204);
  });

  it('does not let an observer see or create invitations', async () => {
    const observer = await t.userWithRole(organisationId, 'observer');
    const list = await observer.get('/api/invitations');
    expect(list.statusCode).toBe(403);
    expect(list.json().code).toBe('auth.forbidden');
    expect((await observer.post('/api/invitations', { email: 'friend@hro.example', role: 'observer' })).statusCode).toBe(403);
    expect((await t.client().get('/api/invitations')).statusCode).toBe(401);
  });

  it('lists invitations with their status', async () => {
    const res = await admin.get('/api/invitations');
    expect(res.statusCode).toBe(200);
    const byEmail = Object.fromEntries(res.json<{ invitations: Array<{ email: string; status: string }> }>().invitations.map((i) => [i.email, i.status]));
    expect(byEmail).toEqual({
      'colleague@hro.example': 'accepted',
      'revoked@hro.example': 'revoked',
      'late@hro.example': 'expired',
      'field@hro.example': 'pending',
      'double@hro.example': 'accepted',
      'lawyer.to.be@hro.example': 'revoked',
    });
  });
});
