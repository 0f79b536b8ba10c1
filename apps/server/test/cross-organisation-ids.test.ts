import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { push, reference, siteCommand } from './field-fixtures.js';

/**
 * An id that exists in another organisation is, for this one, an unknown id: the same clear
 * refusal, nothing revealed, and the other commands of the sync batch still applied.
 */
let t: TestVigie;
let observer: TestClient;
let calaisisId: string;
let foreignSiteId: string;

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  observer = await t.userWithRole(admin.user.organisationId, 'observer');
  ({ calaisisId } = await reference(observer));
  const orgB = (await t.db.insertInto('organisations').values({ name: 'Other Observatory' }).returning('id').executeTakeFirstOrThrow()).id;
  const areaB = randomUUID();
  foreignSiteId = randomUUID();
  await sql`INSERT INTO areas (id, organisation_id, code, name) VALUES (${areaB}, ${orgB}, 'dunkerquois', 'Dunkerquois')`.execute(t.db);
  await sql`INSERT INTO sites (id, organisation_id, code, name, area_id, commune_insee) VALUES (${foreignSiteId}, ${orgB}, 'G1', 'Grande-Synthe', ${areaB}, '59271')`.execute(t.db);
});
afterAll(async () => { await t?.close(); });

describe(`ids of another organisation (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('refuses a foreign id like an unknown one, and applies the rest of the batch', async () => {
    const foreignEdit = siteCommand(calaisisId, { id: foreignSiteId, code: 'F1' });
    foreignEdit.baseVersion = 1 as unknown as null;
    const foreignCreate = siteCommand(calaisisId, { id: foreignSiteId, code: 'F2' });
    const good = siteCommand(calaisisId, { code: 'OK1' });
    const results = await push(observer, [foreignEdit, foreignCreate, good]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'applied']);
    // The words of an unknown site: nothing says the id exists elsewhere.
    expect(results[0]!.error).toMatchObject({ code: 'site.not_found' });
    expect(results[1]!.error).toEqual(results[0]!.error);
    const foreign = (await sql<{ code: string }>`SELECT code FROM sites WHERE id = ${foreignSiteId}`.execute(t.db)).rows[0]!;
    expect(foreign.code).toBe('G1');
  });
});
