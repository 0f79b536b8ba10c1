import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.js';
import { entryHash } from '../src/platform/audit/audit-trail.js';
import { verifyAuditChain } from '../src/platform/audit/verify-chain.js';
import { sha256Hex } from '../src/platform/crypto/tokens.js';
import { PASSWORD, startTestVigie, type TestClient, type TestVigie } from './harness.js';

const backend = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A Vigie with a few real writes made through the API: set-up, an invitation and its
 * acceptance, a role change, two-factor enrolment. Five audit entries, seq 1 to 5.
 */
async function seeded() {
  const t = await startTestVigie();
  const admin = await t.setUpAdmin();
  const invited = await admin.post('/api/invitations', { email: 'obs@hro.example', role: 'observer' });
  expect(invited.statusCode).toBe(201);
  const token = new URL(invited.json().link).searchParams.get('token')!;
  const newcomer = t.client();
  expect((await newcomer.post('/api/invitations/accept', { token, displayName: 'Olive Observer', password: PASSWORD })).statusCode).toBe(200);
  const changed = await admin.patch(`/api/users/${newcomer.user.id}`, { role: 'comms' });
  expect(changed.statusCode).toBe(200);
  const totp = await admin.post('/api/auth/totp/setup');
  const totpSecret: string = totp.json().secret;
  expect((await admin.post('/api/auth/totp/enable', { code: t.totp(totpSecret) })).statusCode).toBe(200);
  return { t, admin, newcomer, token, totpSecret };
}
type Seeded = Awaited<ReturnType<typeof seeded>>;

async function entries(t: TestVigie) {
  return t.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
}

async function allowTampering(t: TestVigie) {
  await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(t.db);
}

const problems = async (t: TestVigie) => (await verifyAuditChain(t.db)).problems.map(({ seq, problem }) => ({ seq, problem }));

describe(`audit trail (${backend})`, () => {
  let s: Seeded;
  beforeAll(async () => { s = await seeded(); });
  afterAll(async () => { await s?.t.close(); });

  it('records who did what, with before and after, for each write', async () => {
    const rows = await entries(s.t);
    const adminId = (s.admin.user as { id: string }).id;
    const orgId = (s.admin.user as { organisationId: string }).organisationId;
    expect(rows.map((r) => [Number(r.seq), r.action, r.actor_id])).toEqual([
      [1, 'setup.completed', adminId],
      [2, 'invitation.created', adminId],
      [3, 'invitation.accepted', s.newcomer.user.id],
      [4, 'user.changed', adminId],
      [5, 'auth.totp_enabled', adminId],
    ]);
    for (const r of rows) {
      expect(r.organisation_id).toBe(orgId);
      expect(r.context).toMatchObject({ ip: expect.any(String) });
    }
    expect(rows[0]!.after).toMatchObject({ organisation: { name: 'Human Rights Observers' }, admin: { email: 'admin@hro.example', role: 'admin' } });
    expect(rows[1]!).toMatchObject({ entity_type: 'invitation', after: { email: 'obs@hro.example', role: 'observer', status: 'pending' } });
    expect(rows[3]!).toMatchObject({
      entity_type: 'user', entity_id: s.newcomer.user.id,
      before: { role: 'observer', email: 'obs@hro.example' }, after: { role: 'comms', email: 'obs@hro.example' },
    });
    expect(rows[4]!).toMatchObject({ before: { totpEnabled: false }, after: { totpEnabled: true } });
  });

  it('never stores a secret in the trail', async () => {
    const json = JSON.stringify(await entries(s.t));
    const user = await s.t.db.selectFrom('users').select(['password_hash', 'totp_secret_enc']).where('email', '=', 'admin@hro.example').executeTakeFirstOrThrow();
    for (const secret of [
      'password_hash', 'passwordHash', 'password', 'totp_secret', 'totpSecret', 'token_hash', '$argon2',
      PASSWORD, s.totpSecret, s.token, sha256Hex(s.token), user.password_hash, user.totp_secret_enc!,
    ]) expect(json, secret).not.toContain(secret);
  });

  it('verifies as intact, and the database itself refuses to change or remove an entry', async () => {
    expect(await verifyAuditChain(s.t.db)).toEqual({ ok: true, entries: 5, headSeq: 5, problems: [] });
    await expect(sql`UPDATE audit_log SET after = '{"role":"admin"}' WHERE seq = 4`.execute(s.t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE seq = 5`.execute(s.t.db)).rejects.toThrow(/append-only/);
    // The application's own role has no right to try in the first place.
    await expect(s.t.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL ROLE vigie_app`.execute(trx);
      await sql`UPDATE audit_log SET after = NULL`.execute(trx);
    })).rejects.toThrow(/permission denied/);
    expect((await verifyAuditChain(s.t.db)).ok).toBe(true);
  });

  // Only on real PostgreSQL: the in-memory PGlite of the other run cannot be reached by another
  // process (process-lifecycle.test.ts runs the CLI on an embedded data folder instead).
  it.skipIf(!process.env.TEST_DATABASE_URL)('reports the chain intact through the CLI (exit 0), then tampered (exit 1)', async () => {
    const config = s.t.vigie.ctx.config.database;
    if (config.kind !== 'postgres') throw new Error('expected a postgres test database');
    const run = () => promisify(execFile)(process.execPath, [resolve(REPO_ROOT, 'apps/server/dist/audit-verify.js')], {
      cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: config.url, LOG_LEVEL: 'silent' }, timeout: 60_000,
    }).then((r) => ({ code: 0, stdout: r.stdout }), (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }));

    const intact = await run();
    expect(intact).toMatchObject({ code: 0, stdout: expect.stringContaining('intact') });
    expect(intact.stdout).toContain('Entries checked: 5');

    await allowTampering(s.t);
    await sql`UPDATE audit_log SET after = '{"role":"admin"}' WHERE seq = 4`.execute(s.t.db);
    const tampered = await run();
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/entry 4: altered/);
  });
});

// One fresh Vigie per scenario, so that each tampering is judged on its own.
describe(`audit trail tampering is detected (${backend})`, () => {
  let s: Seeded;
  beforeEach(async () => {
    s = await seeded();
    expect((await verifyAuditChain(s.t.db)).ok).toBe(true);
    await allowTampering(s.t);
  });
  afterEach(async () => { await s?.t.close(); });

  it("reports an entry whose content was changed as 'altered' at its seq", async () => {
    await sql`UPDATE audit_log SET after = jsonb_set(after, '{role}', '"admin"') WHERE seq = 4`.execute(s.t.db);
    expect(await problems(s.t)).toEqual([{ seq: 4, problem: 'altered' }]);
    expect((await verifyAuditChain(s.t.db)).ok).toBe(false);
  });

  it("reports a removed middle entry as 'missing'", async () => {
    await sql`DELETE FROM audit_log WHERE seq = 3`.execute(s.t.db);
    const found = await problems(s.t);
    expect(found).toContainEqual({ seq: 3, problem: 'missing' });
    // The entry after the hole no longer links to the one before it.
    expect(found).toEqual([{ seq: 3, problem: 'missing' }, { seq: 4, problem: 'broken_link' }]);
  });

  it("reports a removed last entry as 'head_mismatch'", async () => {
    await sql`DELETE FROM audit_log WHERE seq = 5`.execute(s.t.db);
    expect(await problems(s.t)).toEqual([{ seq: 4, problem: 'head_mismatch' }]);
    const report = await verifyAuditChain(s.t.db);
    expect(report).toMatchObject({ ok: false, entries: 4, headSeq: 5 });
  });

  it("reports a forged entry with a valid hash of its own but a wrong prev_hash as 'broken_link'", async () => {
    const last = (await entries(s.t)).at(-1)!;
    const seq = Number(last.seq) + 1;
    const at = new Date();
    const prevHash = randomBytes(32).toString('hex');
    const fields = {
      seq, at: at.toISOString(), organisationId: last.organisation_id, actorId: last.actor_id, action: 'user.changed',
      entityType: 'user', entityId: last.actor_id, before: { role: 'observer' }, after: { role: 'admin' }, context: { ip: '127.0.0.1' },
    };
    const hash = entryHash(prevHash, fields);
    await s.t.db.insertInto('audit_log').values({
      seq, at, organisation_id: fields.organisationId, actor_id: fields.actorId, action: fields.action, entity_type: fields.entityType,
      entity_id: fields.entityId, before: JSON.stringify(fields.before), after: JSON.stringify(fields.after),
      context: JSON.stringify(fields.context), prev_hash: prevHash, hash,
    }).execute();
    // A careful forger moves the head too, so only the broken link gives it away.
    await s.t.db.updateTable('audit_head').set({ seq, hash }).execute();
    expect(await problems(s.t)).toEqual([{ seq, problem: 'broken_link' }]);
  });
});

describe(`audit chain verified from the screen (${backend})`, () => {
  let s: Seeded;
  beforeAll(async () => { s = await seeded(); });
  afterAll(async () => { await s?.t.close(); });

  it('tells administrators and coordinators the chain is intact, then names the first broken entry after tampering', async () => {
    const orgId = (s.admin.user as { organisationId: string }).organisationId;
    const coordinator = await s.t.userWithRole(orgId, 'coordinator');
    const observer = await s.t.userWithRole(orgId, 'observer');
    // Set-up, invitation, acceptance, role change, two-factor, and the two sign-ins just made.
    const intact = await s.admin.post('/api/audit/verify');
    expect(intact.statusCode).toBe(200);
    expect(intact.json()).toMatchObject({ intact: true, entriesChecked: 7, firstBroken: null });
    expect((await coordinator.post('/api/audit/verify')).json()).toMatchObject({ intact: true, entriesChecked: 7 });
    expect((await observer.post('/api/audit/verify')).statusCode).toBe(403);
    expect((await s.t.client().post('/api/audit/verify')).statusCode).toBe(401);

    await allowTampering(s.t);
    await sql`UPDATE audit_log SET after = jsonb_set(after, '{role}', '"admin"') WHERE seq = 4`.execute(s.t.db);
    const altered = (await coordinator.post('/api/audit/verify')).json();
    expect(altered).toMatchObject({ intact: false, firstBroken: { problem: 'altered', entry: { action: 'user.changed', entityType: 'user' } } });
    // The entry is the one the audit screen lists: same cursor, same hash.
    const listed = (await s.admin.get('/api/audit?entityType=user')).json().entries;
    expect(listed.map((e: { hash: string }) => e.hash)).toContain(altered.firstBroken.entry.hash);

    // A removed entry cannot be shown, only said.
    await sql`DELETE FROM audit_log WHERE seq = 3`.execute(s.t.db);
    expect((await s.admin.post('/api/audit/verify')).json()).toMatchObject({ intact: false, firstBroken: { problem: 'missing', entry: null } });
  });
});
