import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../src/platform/audit/audit-trail.js';
import { hashPassword } from '../src/platform/auth/passwords.js';
import { sha256Hex } from '../src/platform/crypto/tokens.js';
import { inOrganisation } from '../src/platform/db/organisation-scope.js';
import { PASSWORD, startTestVigie, type TestClient, type TestVigie } from './harness.js';

/**
 * Organisation isolation is enforced by PostgreSQL row-level security, not by WHERE clauses:
 * these tests run raw queries inside organisation A's scope, with no organisation filter at
 * all, and check that organisation B's rows can be neither seen nor touched.
 */
let t: TestVigie;
let adminA: TestClient;
let orgA: string;
let orgB: string;
let userB: string;
let invitationB: string;
let userIdsA: string[];

/** The organisation-scoped tables, and how to tell which organisation a row belongs to. */
const SCOPED = ['users', 'invitations', 'audit_log', 'organisation_settings'] as const;

beforeAll(async () => {
  t = await startTestVigie();
  adminA = await t.setUpAdmin();
  orgA = adminA.user.organisationId;
  expect((await adminA.post('/api/invitations', { email: 'invitee-a@hro.example', role: 'observer' })).statusCode).toBe(201);
  await t.userWithRole(orgA, 'observer', 'observer-a@hro.example');

  // Organisation B is created directly, with the privileged connection, as another tenant would be.
  orgB = (await t.db.insertInto('organisations').values({ name: 'Other Observatory' }).returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('organisation_settings').values({ organisation_id: orgB }).execute();
  userB = (await t.db.insertInto('users').values({
    organisation_id: orgB, email: 'admin-b@other.example', display_name: 'Bea B', password_hash: await hashPassword(PASSWORD), role: 'admin',
  }).returning('id').executeTakeFirstOrThrow()).id;
  invitationB = (await t.db.insertInto('invitations').values({
    organisation_id: orgB, email: 'invitee-b@other.example', role: 'legal', token_hash: sha256Hex(randomUUID()), invited_by: userB,
    expires_at: new Date(Date.now() + 3_600_000),
  }).returning('id').executeTakeFirstOrThrow()).id;
  await recordAudit(t.db, { organisationId: orgB, actorId: userB, action: 'test.b_did_something', entityType: 'user', entityId: userB });
  // B signs in, so B has a session row too.
  expect((await t.client().post('/api/auth/login', { email: 'admin-b@other.example', password: PASSWORD })).statusCode).toBe(200);

  userIdsA = (await t.db.selectFrom('users').select('id').where('organisation_id', '=', orgA).execute()).map((u) => u.id);
});
afterAll(async () => { await t?.close(); });

/** Runs one statement inside A's scope and returns the error it fails with (or throws if it does not fail). */
async function failureInA(work: Parameters<typeof inOrganisation>[2]): Promise<{ code?: string; message: string }> {
  try {
    await inOrganisation(t.db, orgA, work);
  } catch (err) {
    return err as { code?: string; message: string };
  }
  throw new Error('the statement was expected to be refused');
}

describe(`organisation isolation (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('has rows of both organisations in every scoped table (so the checks below can fail)', async () => {
    for (const table of SCOPED) {
      const orgs = await t.db.selectFrom(table).select('organisation_id').distinct().execute();
      expect(orgs.map((r) => r.organisation_id).sort(), table).toEqual([orgA, orgB].sort());
    }
    const sessions = await t.db.selectFrom('sessions').select('user_id').execute();
    expect(sessions.map((s) => s.user_id)).toContain(userB);
  });

  it('shows organisation A only its own rows, with no WHERE clause at all', async () => {
    await inOrganisation(t.db, orgA, async (trx) => {
      for (const table of SCOPED) {
        const rows = await trx.selectFrom(table).select('organisation_id').execute();
        expect(rows.length, table).toBeGreaterThan(0);
        expect(new Set(rows.map((r) => r.organisation_id)), table).toEqual(new Set([orgA]));
      }
      expect((await trx.selectFrom('organisations').select('id').execute()).map((o) => o.id)).toEqual([orgA]);
      const sessions = await trx.selectFrom('sessions').select('user_id').execute();
      expect(sessions.length).toBeGreaterThan(0);
      for (const s of sessions) expect(userIdsA).toContain(s.user_id);
      // Even asking for B's rows by id finds nothing.
      expect(await trx.selectFrom('users').selectAll().where('id', '=', userB).execute()).toEqual([]);
      expect(await trx.selectFrom('invitations').selectAll().where('id', '=', invitationB).execute()).toEqual([]);
      expect(await trx.selectFrom('audit_log').selectAll().where('organisation_id', '=', orgB).execute()).toEqual([]);
    });
  });

  it('refuses to write a row into organisation B from A', async () => {
    const user = await failureInA((trx) => trx.insertInto('users').values({
      organisation_id: orgB, email: 'intruder@hro.example', display_name: 'Intruder', password_hash: 'x', role: 'admin',
    }).execute());
    expect(user.message).toMatch(/row-level security/);
    const invitation = await failureInA((trx) => trx.insertInto('invitations').values({
      organisation_id: orgB, email: 'x@hro.example', role: 'admin', token_hash: 'x', invited_by: userIdsA[0]!, expires_at: new Date(),
    }).execute());
    expect(invitation.message).toMatch(/row-level security/);
    const audit = await failureInA((trx) => recordAudit(trx, { organisationId: orgB, actorId: null, action: 'forged', entityType: 'user' }));
    expect(audit.message).toMatch(/row-level security/);
    // Nor can A move one of its own accounts into B.
    const move = await failureInA((trx) => trx.updateTable('users').set({ organisation_id: orgB }).where('id', '=', userIdsA[0]!).execute());
    expect(move.message).toMatch(/row-level security/);
    expect(await t.db.selectFrom('users').select('id').where('organisation_id', '=', orgB).execute()).toEqual([{ id: userB }]);
  });

  it("updates and deletes none of B's rows from A", async () => {
    await inOrganisation(t.db, orgA, async (trx) => {
      const byId = await trx.updateTable('users').set({ display_name: 'Hijacked' }).where('id', '=', userB).executeTakeFirst();
      expect(byId.numUpdatedRows).toBe(0n);
      // An update with no WHERE at all only reaches A's accounts.
      const all = await trx.updateTable('users').set({ locale: 'fr' }).executeTakeFirst();
      expect(Number(all.numUpdatedRows)).toBe(userIdsA.length);
      const inv = await trx.updateTable('invitations').set({ revoked_at: new Date() }).where('id', '=', invitationB).executeTakeFirst();
      expect(inv.numUpdatedRows).toBe(0n);
      const settings = await trx.updateTable('organisation_settings').set({ totp_required_roles: ['admin'] })
        .where('organisation_id', '=', orgB).executeTakeFirst();
      expect(settings.numUpdatedRows).toBe(0n);
      const sessions = await trx.deleteFrom('sessions').where('user_id', '=', userB).executeTakeFirst();
      expect(sessions.numDeletedRows).toBe(0n);
    });
    // vigie_app holds no DELETE right on accounts and invitations at all: even its own are refused.
    for (const table of ['users', 'invitations'] as const) {
      const err = await failureInA((trx) => trx.deleteFrom(table).where('organisation_id', '=', orgB).execute());
      expect(err.code, table).toBe('42501');
    }
    const b = await t.db.selectFrom('users').selectAll().where('id', '=', userB).executeTakeFirstOrThrow();
    expect(b.display_name).toBe('Bea B');
    expect((await t.db.selectFrom('invitations').select('revoked_at').where('id', '=', invitationB).executeTakeFirstOrThrow()).revoked_at).toBeNull();
    expect((await t.db.selectFrom('organisation_settings').select('totp_required_roles').where('organisation_id', '=', orgB)
      .executeTakeFirstOrThrow()).totp_required_roles).toEqual([]);
    expect(await t.db.selectFrom('sessions').select('user_id').where('user_id', '=', userB).execute()).toHaveLength(1);
  });

  it('shows the application role nothing at all outside an organisation scope', async () => {
    await t.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL ROLE vigie_app`.execute(trx);
      for (const table of [...SCOPED, 'organisations', 'sessions'] as const) {
        const n = await trx.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
        expect(n.n, table).toBe(0);
      }
    });
    // The same connection pool, once the scoped transaction is over, is privileged again (nothing leaked).
    expect((await t.db.selectFrom('users').select('id').execute()).length).toBe(userIdsA.length + 1);
  });

  it('opens a scope only for an organisation id, which is written into the statement, and rolls back a failed one whole', async () => {
    // The scope's settings travel in the same message as BEGIN, in the text itself (no parameters there).
    await expect(inOrganisation(t.db, `${orgA}', true); DROP TABLE users; --`, async () => 1)).rejects.toThrow(/not an organisation id/);
    const before = (await t.db.selectFrom('users').select('id').execute()).length;
    await expect(inOrganisation(t.db, orgA, async (trx) => {
      await trx.insertInto('users').values({
        organisation_id: orgA, email: 'rolled-back@hro.example', display_name: 'Rolled back', password_hash: await hashPassword(PASSWORD), role: 'observer',
      }).execute();
      throw new Error('fails after its write');
    })).rejects.toThrow('fails after its write');
    expect((await t.db.selectFrom('users').select('id').execute()).length).toBe(before);
    // And the connection it ran on is privileged again, outside any scope.
    expect(await inOrganisation(t.db, orgB, async (trx) => (await trx.selectFrom('users').select('id').execute()).length)).toBe(1);
    expect((await t.db.selectFrom('users').select('id').execute()).length).toBe(before);
  });

  it("keeps B's accounts, invitations and audit entries out of A's API", async () => {
    const patch = await adminA.patch(`/api/users/${userB}`, { role: 'observer' });
    expect(patch.statusCode).toBe(404);
    expect(patch.json().code).toBe('user.not_found');
    expect((await t.db.selectFrom('users').select('role').where('id', '=', userB).executeTakeFirstOrThrow()).role).toBe('admin');

    const list = await adminA.get('/api/users');
    expect(list.statusCode).toBe(200);
    const ids = list.json().users.map((u: { id: string }) => u.id);
    expect(ids.sort()).toEqual([...userIdsA].sort());
    expect(list.body).not.toContain('other.example');

    const cancel = await adminA.delete(`/api/invitations/${invitationB}`);
    expect(cancel.statusCode).toBe(404);
    expect(cancel.json().code).toBe('invitation.not_found');
    const invitations = await adminA.get('/api/invitations');
    expect(invitations.json().invitations.length).toBeGreaterThan(0);
    expect(invitations.body).not.toContain('other.example');

    const audit = await adminA.get('/api/audit');
    expect(audit.json().entries.length).toBeGreaterThan(0);
    expect(audit.body).not.toContain('test.b_did_something');
    expect(audit.body).not.toContain(userB);
    // The chain is shared: its sequence numbers (and their gaps) would show how busy B is.
    const entries = audit.json().entries as Array<Record<string, unknown>>;
    expect(entries.every((e) => !('seq' in e) && typeof e.cursor === 'string' && /^[0-9a-f]{64}$/.test(String(e.hash)))).toBe(true);
    const next = await adminA.get(`/api/audit?limit=1&before=${encodeURIComponent(String(entries[0]!.cursor))}`);
    expect(next.statusCode).toBe(200);
    expect(next.json().entries[0].hash).toBe(entries[1]!.hash);
    const forged = await adminA.get('/api/audit?before=123');
    expect(forged.statusCode).toBe(400);
    expect(forged.json()).toMatchObject({ code: 'audit.invalid_cursor' });
    expect(forged.json().message).toContain("journal d'audit");

    // The audit screen's filters: one person, one kind of record or one record, a span of Paris days; never B's.
    const mine = (await adminA.get(`/api/audit?actorId=${adminA.user.id}`)).json().entries as Array<{ actorId: string; entityType: string; entityId: string; at: string }>;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.actorId === adminA.user.id)).toBe(true);
    expect((await adminA.get(`/api/audit?actorId=${userB}`)).json().entries).toEqual([]);
    const one = mine.find((e) => e.entityId)!;
    const ofOne = (await adminA.get(`/api/audit?entityType=${one.entityType}&entityId=${one.entityId}`)).json().entries as typeof mine;
    expect(ofOne.length).toBeGreaterThan(0);
    expect(ofOne.every((e) => e.entityType === one.entityType && e.entityId === one.entityId)).toBe(true);
    expect((await adminA.get('/api/audit?from=2000-01-01&to=2000-01-02')).json().entries).toEqual([]);
    expect((await adminA.get('/api/audit?entityType=Robert%27);')).json().code).toBe('request.validation_failed');

    // Verifying the shared chain from the screen counts A's entries only, never the whole server's.
    const chained = await t.db.selectFrom('audit_log').select(['organisation_id']).execute();
    const ofA = chained.filter((r) => r.organisation_id === orgA).length;
    expect(ofA).toBeLessThan(chained.length);
    const check = (await adminA.post('/api/audit/verify')).json();
    expect(check).toMatchObject({ intact: true, firstBroken: null });
    expect(check.entriesChecked).toBe(ofA);
  });
});
