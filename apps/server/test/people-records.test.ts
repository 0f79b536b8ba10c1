import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
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
