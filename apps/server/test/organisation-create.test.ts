import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.js';
import { runOrganisationCommand } from '../src/cli/create-organisation.js';
import { PASSWORD, startTestVigie, type TestClient, type TestVigie } from './harness.js';

/**
 * `npx vigie organisation create`: another organisation in the same deployment, whose first
 * administrator accepts the printed link like any invitation and then sees their organisation only.
 */
let t: TestVigie;
let adminA: TestClient;

beforeAll(async () => {
  t = await startTestVigie();
  adminA = await t.setUpAdmin();
  // Things of the first organisation the second must never see.
  expect((await adminA.post('/api/areas', { code: 'zone-de-a', name: 'Secteur propre à A' })).statusCode).toBe(201);
  expect((await adminA.post('/api/invitations', { email: 'invitee-a@hro.example', role: 'observer' })).statusCode).toBe(201);
});
afterAll(async () => { await t?.close(); });

/** Runs the command's function on the test's database, as `npx vigie organisation …` would. */
async function command(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runOrganisationCommand(args, { log: (l) => out.push(l), error: (l) => err.push(l) }, { db: t.db, config: t.vigie.ctx.config });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const linkIn = (stdout: string) => /^http:\/\/localhost:3000\/invitation\?token=([A-Za-z0-9_-]{40,})$/m.exec(stdout);
const organisationCount = async () => (await t.db.selectFrom('organisations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;

type Taxonomies = { terms: Array<{ kind: string; code: string }>; areas: Array<{ code: string; name: string }>; communes: unknown[] };

describe(`vigie organisation create (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('creates an organisation whose first administrator accepts the printed link and sees that organisation only', async () => {
    const run = await command('create', '--name', 'Observatoire de Calais', '--slug', 'calais', '--email', 'Premiere.Coordinatrice@Example.org');
    expect(run, run.stderr).toMatchObject({ code: 0 });
    expect(run.stdout).toContain('Observatoire de Calais');
    const token = linkIn(run.stdout)?.[1];
    expect(token).toBeDefined();

    // The existing acceptance flow, unchanged: look-up, then the account.
    const lookup = await t.client().get(`/api/invitations/lookup?token=${token}`);
    expect(lookup.json()).toEqual({ email: 'premiere.coordinatrice@example.org', role: 'admin', organisationName: 'Observatoire de Calais' });
    const adminB = t.client();
    const accepted = await adminB.post('/api/invitations/accept', { token, displayName: 'Béa Calais', password: PASSWORD });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(adminB.user.organisationId).not.toBe(adminA.user.organisationId);
    expect(adminB.user).toMatchObject({ role: 'admin', email: 'premiere.coordinatrice@example.org' });

    // Alone in their organisation: the first one's members and invitations are not there.
    const users = (await adminB.get('/api/users')).json<{ users: Array<{ email: string }> }>().users;
    expect(users.map((u) => u.email)).toEqual(['premiere.coordinatrice@example.org']);
    const invitations = (await adminB.get('/api/invitations')).json<{ invitations: Array<{ email: string; status: string }> }>().invitations;
    expect(invitations).toEqual([expect.objectContaining({ email: 'premiere.coordinatrice@example.org', status: 'accepted' })]);

    // The same areas and lists the first organisation got at set-up, not what the first one added since.
    const a = (await adminA.get('/api/taxonomies')).json<Taxonomies>();
    const b = (await adminB.get('/api/taxonomies')).json<Taxonomies>();
    expect(b.areas.length).toBeGreaterThan(0);
    expect(b.areas.map((x) => x.code)).toEqual(a.areas.map((x) => x.code).filter((c) => c !== 'zone-de-a'));
    expect(b.terms.map((x) => `${x.kind}:${x.code}`).sort()).toEqual(a.terms.map((x) => `${x.kind}:${x.code}`).sort());
    expect(b.communes.length).toBe(a.communes.length);

    // Its audit trail: the creation from the command line (no one signed in did it), then the acceptance; nothing of the first.
    const audit = (await adminB.get('/api/audit')).json<{ entries: Array<{ action: string; actorId: string | null; context: unknown }> }>().entries;
    expect(audit.map((e) => e.action).reverse()).toEqual(['organisation.created', 'invitation.created', 'invitation.accepted']);
    expect(audit.filter((e) => e.action !== 'invitation.accepted')).toEqual([
      expect.objectContaining({ actorId: null, context: { source: 'cli' } }), expect.objectContaining({ actorId: null, context: { source: 'cli' } }),
    ]);
    // And the first organisation's administrator does not see the new one either.
    const usersA = (await adminA.get('/api/users')).json<{ users: Array<{ email: string }> }>().users;
    expect(usersA.map((u) => u.email)).not.toContain('premiere.coordinatrice@example.org');
  });

  it('refuses, in French and with a non-zero exit, a used or malformed address name and a malformed or taken e-mail, creating nothing', async () => {
    const before = await organisationCount();
    const taken = await command('create', '--name', 'Doublon', '--slug', 'calais', '--email', 'autre@example.org');
    expect(taken).toMatchObject({ code: 1, stderr: expect.stringContaining('« calais » est déjà utilisé par une autre organisation') });
    const badSlug = await command('create', '--name', 'Mauvais', '--slug', 'Calais Nord!', '--email', 'autre@example.org');
    expect(badSlug).toMatchObject({ code: 1, stderr: expect.stringContaining("L'identifiant « Calais Nord! » n'est pas valable") });
    const badEmail = await command('create', '--name', 'Mauvais', '--slug', 'nord', '--email', 'pas-une-adresse');
    expect(badEmail).toMatchObject({ code: 1, stderr: expect.stringContaining("L'adresse e-mail « pas-une-adresse » n'est pas valable") });
    // An address that already has an account: refused after the organisation was written, so the whole transaction goes.
    const member = await command('create', '--name', 'Mauvais', '--slug', 'nord', '--email', 'admin@hro.example');
    expect(member).toMatchObject({ code: 1, stderr: expect.stringContaining('Un compte existe déjà avec cette adresse e-mail') });
    const missing = await command('create', '--name', 'Sans adresse', '--slug', 'nord');
    expect(missing.code).toBe(2);
    expect(await organisationCount()).toBe(before);
    expect(await t.db.selectFrom('organisations').select('id').where('slug', '=', 'nord').executeTakeFirst()).toBeUndefined();
  });

  it("counts the command's invitation (no inviter) as an administrator's: a coordinator cannot withdraw it, an administrator can", async () => {
    expect((await command('create', '--name', 'Observatoire de Lille', '--slug', 'lille', '--email', 'coord@lille.example')).code).toBe(0);
    const organisationId = (await t.db.selectFrom('organisations').select('id').where('slug', '=', 'lille').executeTakeFirstOrThrow()).id;
    const invitation = await t.db.selectFrom('invitations').select(['id', 'invited_by']).where('email', '=', 'coord@lille.example').executeTakeFirstOrThrow();
    expect(invitation.invited_by).toBeNull();
    const coordinator = await t.userWithRole(organisationId, 'coordinator');
    expect((await coordinator.delete(`/api/invitations/${invitation.id}`)).statusCode).toBe(403);
    const admin = await t.userWithRole(organisationId, 'admin');
    expect((await admin.delete(`/api/invitations/${invitation.id}`)).statusCode).toBe(204);
  });

  // Only on real PostgreSQL: the in-memory PGlite of the other run cannot be reached by another process.
  it.skipIf(!process.env.TEST_DATABASE_URL)('works as a command: npx vigie organisation create (compiled CLI, exit codes)', async () => {
    const database = t.vigie.ctx.config.database;
    if (database.kind !== 'postgres') throw new Error('expected a postgres test database');
    const run = (...args: string[]) => promisify(execFile)(process.execPath, [resolve(REPO_ROOT, 'apps/server/dist/vigie.js'), 'organisation', ...args], {
      cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: database.url, PUBLIC_URL: 'http://localhost:3000', LOG_LEVEL: 'silent' }, timeout: 60_000,
    }).then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }), (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

    const created = await run('create', '--name', 'Observatoire de Dunkerque', '--slug', 'dunkerque', '--email', 'coord@dunkerque.example');
    expect(created.code, created.stderr).toBe(0);
    const token = linkIn(created.stdout)?.[1];
    expect((await t.client().post('/api/invitations/accept', { token, displayName: 'Dana', password: PASSWORD })).statusCode).toBe(200);

    const again = await run('create', '--name', 'Observatoire de Dunkerque', '--slug', 'dunkerque', '--email', 'autre@dunkerque.example');
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('« dunkerque » est déjà utilisé') });
  });
});
