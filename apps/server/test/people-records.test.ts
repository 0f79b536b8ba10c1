import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { evictionCommand, minutesAgo, operationCommand, push, reference, siteCommand } from './field-fixtures.js';

/**
 * People's records protected by role and by author (issue 12, class 5): the author rule on sites
 * and pseudonymous persons, through the one sync path the phone and the office both use.
 */
let t: TestVigie;
let admin: TestClient;
let observer: TestClient;
let otherObserver: TestClient;
let coordinator: TestClient;
let organisationId: string;
let calaisisId: string;
let evictionId: string;
let otherEvictionId: string;

function incidentCommand(onEviction: string, victims: Array<{ id: string; pseudonym: string; minor: boolean | null }>) {
  return {
    commandId: randomUUID(), type: 'incident.save', baseVersion: null,
    record: {
      id: randomUUID(), evictionId: onEviction, kind: 'violence', incidentType: 'tear_gas', occurredAt: minutesAgo(90), unit: 'CRS 36',
      description: 'Gaz lacrymogène', victims,
    },
  };
}

beforeAll(async () => {
  t = await startTestVigie();
  admin = await t.setUpAdmin();
  organisationId = admin.user.organisationId;
  observer = await t.userWithRole(organisationId, 'observer');
  otherObserver = await t.userWithRole(organisationId, 'observer');
  otherObserver.locale = 'en';
  expect((await otherObserver.patch('/api/me', { locale: 'en' })).statusCode).toBe(200);
  coordinator = await t.userWithRole(organisationId, 'coordinator');
  ({ calaisisId } = await reference(observer));
});
afterAll(async () => { await t?.close(); });

describe(`people's records by role and by author (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let site: ReturnType<typeof siteCommand>;
  const person = { id: randomUUID(), pseudonym: 'Personne A', minor: true };

  it('refuses, command by command, an observer changing a site or a person someone else recorded; the rest of the batch applies', async () => {
    site = siteCommand(calaisisId, { code: 'AUT1', name: 'Bois des auteurs' });
    const op = operationCommand(calaisisId);
    const ev = evictionCommand(op.record.id, site.record.id);
    evictionId = ev.record.id;
    expect((await push(observer, [site, op, ev, incidentCommand(evictionId, [person])])).map((r) => r.status))
      .toEqual(['applied', 'applied', 'applied', 'applied']);
    const otherEv = evictionCommand(op.record.id, site.record.id, { arrivedAt: minutesAgo(60), leftAt: minutesAgo(50) });
    otherEvictionId = otherEv.record.id;
    expect((await push(otherObserver, [otherEv])).map((r) => r.status)).toEqual(['applied']);

    const renamed = { ...site, commandId: randomUUID(), baseVersion: 1, record: { ...site.record, name: 'Renommé par un autre' } };
    const ownSite = siteCommand(calaisisId, { code: 'AUT2', name: 'Dune' });
    const changesPerson = incidentCommand(otherEvictionId, [{ ...person, pseudonym: 'Autre nom', minor: false }]);
    const namesPerson = incidentCommand(otherEvictionId, [person]);
    const results = await push(otherObserver, [renamed, changesPerson, namesPerson, ownSite]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'applied', 'applied']);
    expect(results[0]!.error).toMatchObject({ code: 'site.not_author', message: expect.stringContaining('Someone else created this site') });
    expect(results[1]!.error).toMatchObject({ code: 'person.not_author', message: expect.stringContaining('Someone else recorded this person') });

    // Nothing of the refused commands was saved: not the site, not the person, not the incident.
    expect(await t.db.selectFrom('sites').select(['name', 'version']).where('id', '=', site.record.id).executeTakeFirst()).toEqual({ name: 'Bois des auteurs', version: 1 });
    expect(await t.db.selectFrom('persons').select(['pseudonym', 'minor']).where('id', '=', person.id).executeTakeFirst()).toEqual({ pseudonym: 'Personne A', minor: true });
    expect(await t.db.selectFrom('incidents').select('id').where('id', '=', changesPerson.record.id).executeTakeFirst()).toBeUndefined();

    // The other way round, in French for a French phone: the first observer cannot rename the second's site.
    const fr = await push(observer, [{ ...ownSite, commandId: randomUUID(), baseVersion: 1, record: { ...ownSite.record, name: 'Autre' } }]);
    expect(fr[0]).toMatchObject({ status: 'rejected', error: { code: 'site.not_author', message: expect.stringContaining('créé par quelqu’un d’autre') } });
  });

  it('lets the author change their own site and person, and a coordinator change anyone\'s', async () => {
    const own = await push(observer, [{ ...site, commandId: randomUUID(), baseVersion: 1, record: { ...site.record, name: 'Bois des auteurs (nord)' } }]);
    expect(own.map((r) => r.status)).toEqual(['applied']);
    const byCoordinator = await push(coordinator, [
      { ...site, commandId: randomUUID(), baseVersion: 2, record: { ...site.record, name: 'Bois des auteurs (vérifié)' } },
      incidentCommand(otherEvictionId, [{ ...person, pseudonym: 'Personne A bis', minor: false }]),
    ]);
    expect(byCoordinator.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await t.db.selectFrom('persons').select(['pseudonym', 'minor', 'created_by']).where('id', '=', person.id).executeTakeFirst())
      .toEqual({ pseudonym: 'Personne A bis', minor: false, created_by: observer.user.id });
    const again = await push(observer, [incidentCommand(evictionId, [{ ...person, pseudonym: 'Personne A', minor: true }])]);
    expect(again.map((r) => r.status)).toEqual(['applied']);
  });
});

describe(`access to identities is given by two people (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
  type Grant = { id: string; kind: string; email: string; status: string; roles: string[]; mayDecide: boolean; requestedBy: { id: string } };
  const grants = async (c: TestClient) => (await c.get('/api/identity-grants')).json<{ grants: Grant[] }>().grants;

  it('keeps an administrator\'s invitation to a legal role unusable until a coordinator confirms it, and records both names', async () => {
    const created = await admin.post('/api/invitations', { email: 'avocate@hro.example', role: 'legal' });
    expect(created.statusCode).toBe(201);
    expect(created.json().confirmationPending).toBe(true);
    const token = tokenOf(created.json().link);
    const early = await t.client().post('/api/invitations/accept', { token, displayName: 'Avocate', password: 'une phrase de passe assez longue' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'invitation.awaiting_confirmation', message: expect.stringContaining('deuxième personne') });
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'avocate@hro.example').executeTakeFirst()).toBeUndefined();

    // The administrator sees the request but cannot decide on it; an observer does not even see it.
    const asAdmin = (await grants(admin)).find((g) => g.email === 'avocate@hro.example')!;
    expect(asAdmin).toMatchObject({ kind: 'invitation', status: 'pending', roles: ['legal'], mayDecide: false, requestedBy: { id: admin.user.id } });
    expect((await admin.post(`/api/identity-grants/${asAdmin.id}/confirm`)).statusCode).toBe(403);
    expect((await observer.get('/api/identity-grants')).statusCode).toBe(403);

    const asCoordinator = (await grants(coordinator)).find((g) => g.id === asAdmin.id)!;
    expect(asCoordinator.mayDecide).toBe(true);
    const confirmed = await coordinator.post(`/api/identity-grants/${asAdmin.id}/confirm`);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', decidedBy: { id: coordinator.user.id } });
    expect((await coordinator.post(`/api/identity-grants/${asAdmin.id}/refuse`)).json().code).toBe('identity_grant.decided');

    const lawyer = t.client();
    expect((await lawyer.post('/api/invitations/accept', { token, displayName: 'Avocate', password: 'une phrase de passe assez longue' })).statusCode).toBe(200);
    expect(lawyer.user.roles).toEqual(['legal']);
    const trail = await t.db.selectFrom('audit_log').select(['action', 'actor_id', 'context']).where('entity_id', '=', asAdmin.id).orderBy('seq').execute();
    expect(trail.map((a) => [a.action, a.actor_id])).toEqual([['identity_grant.requested', admin.user.id], ['identity_grant.confirmed', coordinator.user.id]]);
    expect(trail[1]!.context).toMatchObject({ requestedBy: admin.user.id, approvedBy: coordinator.user.id });
  });

  it('holds a role change that gives identities until someone else confirms; a refusal leaves the roles as they were', async () => {
    const target = await t.userWithRole(organisationId, 'observer');
    const asked = await admin.patch(`/api/users/${target.user.id}`, { roles: ['observer', 'coordinator'] });
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toMatchObject({ roles: ['observer'], grantPending: true });
    const grant = (await grants(coordinator)).find((g) => g.email === target.user.email && g.status === 'pending')!;
    expect(grant).toMatchObject({ kind: 'role_change', roles: ['observer', 'coordinator'] });
    // The person receiving the access cannot confirm it either, even once they hold a confirming role elsewhere.
    const refused = await coordinator.post(`/api/identity-grants/${grant.id}/refuse`);
    expect(refused.json()).toMatchObject({ status: 'refused' });
    expect(await t.db.selectFrom('users').select(['role', 'additional_roles']).where('id', '=', target.user.id).executeTakeFirst())
      .toEqual({ role: 'observer', additional_roles: [] });

    // Asked again and confirmed by the legal pole: the roles change, and the person signs in again.
    await admin.patch(`/api/users/${target.user.id}`, { roles: ['observer', 'coordinator'] });
    const lawyer = await t.userWithRole(organisationId, 'legal');
    const again = (await grants(lawyer)).find((g) => g.email === target.user.email && g.status === 'pending')!;
    expect((await lawyer.post(`/api/identity-grants/${again.id}/confirm`)).statusCode).toBe(200);
    expect(await t.db.selectFrom('users').select(['role', 'additional_roles']).where('id', '=', target.user.id).executeTakeFirst())
      .toEqual({ role: 'observer', additional_roles: ['coordinator'] });
    expect((await target.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('lets an organisation\'s first identity holder through without a second person once only, even when two administrators ask at the same moment', async () => {
    const orgB = (await t.db.insertInto('organisations').values({ name: 'Nouvelle antenne' }).returning('id').executeTakeFirstOrThrow()).id;
    const [first, second] = [await t.userWithRole(orgB, 'admin'), await t.userWithRole(orgB, 'admin')];
    const asked = await Promise.all([
      first.post('/api/invitations', { email: 'premiere-juriste@hro.example', role: 'legal' }),
      second.post('/api/invitations', { email: 'premier-coordinateur@hro.example', role: 'coordinator' }),
    ]);
    expect(asked.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(asked.map((r) => r.json().confirmationPending).sort()).toEqual([false, true]);
    // Later too: the invitation let through is not accepted yet, but its holder will be able to confirm.
    const third = await first.post('/api/invitations', { email: 'autre-juriste@hro.example', role: 'legal' });
    expect(third.json().confirmationPending).toBe(true);
    const trail = await t.db.selectFrom('audit_log').select('context').where('organisation_id', '=', orgB).where('action', '=', 'identity_grant.confirmed').execute();
    expect(trail.map((a) => (a.context as { reason?: string }).reason)).toEqual(['nobody_else_could_confirm']);
  });

  it('does not let an administrator who is also a coordinator approve their own request', async () => {
    const both = await t.userWithRole(organisationId, 'admin', 'admin-coordinator@hro.example');
    await t.db.updateTable('users').set({ additional_roles: ['coordinator'] }).where('email', '=', 'admin-coordinator@hro.example').execute();
    expect((await both.post('/api/auth/login', { email: 'admin-coordinator@hro.example', password: PASSWORD })).statusCode).toBe(200);
    both.locale = 'en';
    const created = await both.post('/api/invitations', { email: 'second-lawyer@hro.example', role: 'legal' });
    expect(created.json().confirmationPending).toBe(true);
    const grant = (await grants(both)).find((g) => g.email === 'second-lawyer@hro.example')!;
    expect(grant.mayDecide).toBe(false);
    const own = await both.post(`/api/identity-grants/${grant.id}/confirm`);
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ code: 'identity_grant.own_request' });
    // A coordinator cannot cancel it either: it is an administrator's invitation, whatever their primary role.
    expect((await coordinator.delete(`/api/invitations/${created.json().invitation.id}`)).json().code).toBe('auth.forbidden');
  });
});

describe(`the lawyer's link shows only what ADR 0006 promises (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('serves the case, parties by pseudonym or name and linked records\' labels, but no party\'s contact details or notes and no internal tasks', async () => {
    const legal = await t.userWithRole(organisationId, 'legal');
    const opened = (await legal.post('/api/legal/cases', { title: 'Plainte B2', actionType: 'plainte' })).json().case;
    const victim = (await t.db.selectFrom('persons').select('id').executeTakeFirstOrThrow()).id;
    for (const party of [
      { kind: 'person', role: 'victim', personId: victim, note: 'NOTE-VICTIME a peur de témoigner' },
      { kind: 'lawyer', role: 'counsel', name: 'Me Adverse', contact: 'CONTACT-adverse@avocat.example', note: 'NOTE-ADVERSE stratégie' },
      { kind: 'authority', role: 'defendant', name: 'Préfecture', contact: 'CONTACT-prefecture@example.gouv.fr' },
    ]) expect((await legal.post(`/api/legal/cases/${opened.id}/parties`, party)).statusCode).toBe(200);
    expect((await legal.post(`/api/legal/cases/${opened.id}/links`, { target: 'eviction', id: evictionId, note: 'NOTE-LIEN interne' })).statusCode).toBe(200);
    expect((await legal.post(`/api/legal/cases/${opened.id}/tasks`, { title: 'TACHE-INTERNE appeler le témoin' })).statusCode).toBe(200);

    const { url } = (await legal.post(`/api/legal/cases/${opened.id}/grants`, { lawyerName: 'Me Martin', days: 7 })).json();
    const shared = await t.client().get(`/api/legal/shared/${url.split('/shared-case/')[1]}`);
    expect(shared.statusCode, shared.body).toBe(200);
    const file = shared.json().case;
    expect(file.parties.map((p: { pseudonym: string | null; name: string | null }) => p.pseudonym ?? p.name)).toEqual(['Personne A', 'Me Adverse', 'Préfecture']);
    expect(file.links).toHaveLength(1);
    for (const secret of ['CONTACT-', 'NOTE-', 'TACHE-']) expect(shared.body).not.toContain(secret);
    expect(file).not.toHaveProperty('tasks');
    // The legal pole's own view still has all of it.
    expect((await legal.get(`/api/legal/cases/${opened.id}`)).body).toContain('CONTACT-adverse@avocat.example');
  });
});

describe(`unverified records stay with their author, verifiers and the legal pole (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('keeps another observer\'s unverified eviction off the eviction page, the phone pull and exports of others until it is verified', async () => {
    const comms = await t.userWithRole(organisationId, 'comms');
    const legal = await t.userWithRole(organisationId, 'legal');
    // evictionId is the first observer's draft; otherEvictionId the second observer's.
    const page = await comms.get(`/api/evictions/${evictionId}`);
    expect(page.statusCode).toBe(403);
    expect(page.json()).toMatchObject({ code: 'eviction.unverified', message: expect.stringContaining('pas encore été vérifié') });
    expect((await otherObserver.get(`/api/evictions/${evictionId}`)).statusCode).toBe(403);
    for (const reader of [observer, coordinator, legal]) expect((await reader.get(`/api/evictions/${evictionId}`)).statusCode).toBe(200);

    const pulled = (await otherObserver.get('/api/sync/pull?since=0')).json();
    expect(pulled.evictions.map((e: { id: string }) => e.id)).toEqual([otherEvictionId]);
    expect(pulled.incidents.every((i: { evictionId: string }) => i.evictionId === otherEvictionId)).toBe(true);
    // The phone is told which ones it may not hold, so a copy pulled earlier is deleted.
    expect(pulled.scope.unverified).toBe('own');
    expect(pulled.gone.evictions).toEqual([evictionId]);
    const coordinatorPull = (await coordinator.get('/api/sync/pull?since=0')).json();
    expect(coordinatorPull.evictions.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining([evictionId, otherEvictionId]));
    expect(coordinatorPull.gone.evictions).toEqual([]);

    // Lists follow the record page's rule: the site's timeline and counts, the history, the files.
    const { site_id: siteId } = await t.db.selectFrom('evictions').select('site_id').where('id', '=', evictionId).executeTakeFirstOrThrow();
    const timeline = async (c: TestClient) => (await c.get(`/api/sites/${siteId}`)).json().timeline.map((e: { evictionId: string }) => e.evictionId).sort();
    const total = async (c: TestClient) => (await c.get('/api/sites?days=3660')).json().sites.find((x: { id: string }) => x.id === siteId).evictionsTotal;
    expect(await timeline(comms)).toEqual([]);
    expect(await timeline(otherObserver)).toEqual([otherEvictionId]);
    expect(await timeline(coordinator)).toEqual([evictionId, otherEvictionId].sort());
    expect([await total(comms), await total(otherObserver), await total(coordinator), await total(legal)]).toEqual([0, 1, 2, 2]);
    const history = await otherObserver.get(`/api/evictions/${evictionId}/history`);
    expect(history.statusCode).toBe(403);
    expect(history.json().code).toBe('eviction.unverified');
    expect((await observer.get(`/api/evictions/${evictionId}/history`)).statusCode).toBe(200);
    expect((await comms.get(`/api/evictions/${evictionId}/evidence`)).json().code).toBe('eviction.unverified');
    expect((await legal.get(`/api/evictions/${evictionId}/evidence`)).statusCode).toBe(200);

    const unverifiedExport = await comms.get('/api/exports/evictions.csv?status=all');
    expect(unverifiedExport.statusCode).toBe(403);
    expect(unverifiedExport.json().code).toBe('records.unverified_forbidden');
    expect((await comms.get('/api/exports/evictions.csv')).statusCode).toBe(200);
    expect((await legal.get('/api/exports/evictions.csv?status=all')).statusCode).toBe(200);

    // Once verified, everyone with field access reads it.
    expect((await push(observer, [{ commandId: randomUUID(), type: 'eviction.submit', baseVersion: null, record: { id: evictionId } }]))[0]!.status).toBe('applied');
    const { version } = await t.db.selectFrom('evictions').select('version').where('id', '=', evictionId).executeTakeFirstOrThrow();
    expect((await coordinator.post(`/api/evictions/${evictionId}/verify`, { version })).statusCode).toBe(200);
    expect((await comms.get(`/api/evictions/${evictionId}`)).statusCode).toBe(200);
    const after = (await otherObserver.get('/api/sync/pull?since=0')).json();
    expect(after.evictions.map((e: { id: string }) => e.id)).toContain(evictionId);
    expect(after.gone.evictions).toEqual([]);
    expect(await timeline(comms)).toEqual([evictionId]);

    // Sent back after verification: the phone that held it is told to delete it at its next pull.
    const verified = await t.db.selectFrom('evictions').select('version').where('id', '=', evictionId).executeTakeFirstOrThrow();
    const rejected = await coordinator.post(`/api/evictions/${evictionId}/reject`, { version: verified.version, reason: 'Heure à revoir' });
    expect(rejected.statusCode).toBe(200);
    const next = (await otherObserver.get(`/api/sync/pull?since=${after.cursor}`)).json();
    expect(next.evictions.map((e: { id: string }) => e.id)).not.toContain(evictionId);
    expect(next.gone.evictions).toEqual([evictionId]);
    expect(await timeline(comms)).toEqual([]);
  });
});
