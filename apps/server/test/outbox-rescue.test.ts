import { createCipheriv, createECDH, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { operationCommand, reference } from './field-fixtures.js';

/**
 * Ten wrong codes on a phone with a network (issue 16, docs/PHONE-SECURITY.md): the phone sends its
 * outbox still encrypted with its data key wrapped for the server, and the server applies what was
 * waiting. The phone side is written here with Node's crypto the way offline/vault.ts does it with
 * WebCrypto (the browser journey phone.spec.ts runs the real one).
 */
let t: TestVigie;
let observer: TestClient;
let other: TestClient;
let calaisisId: string;
let organisationId: string;
const deviceId = randomUUID();

const b64 = (b: Buffer) => b.toString('base64url');

function gcm(key: Buffer, plain: Buffer, aad: string) {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad));
  const sealed = Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
  return { iv, sealed };
}

/** The phone: a data key, wrapped for the server's escrow key (ECIES, as vault.ts escrowOf). */
function escrowFor(server: { x: string; y: string }, dataKey: Buffer) {
  const eph = createECDH('prime256v1');
  eph.generateKeys();
  const shared = eph.computeSecret(Buffer.concat([Buffer.from([4]), Buffer.from(server.x, 'base64url'), Buffer.from(server.y, 'base64url')]));
  const kek = Buffer.from(hkdfSync('sha256', shared, Buffer.alloc(0), 'vigie-phone-escrow-v1', 32));
  const { iv, sealed } = gcm(kek, dataKey, 'vigie-data-key-escrow');
  const point = eph.getPublicKey();
  return { x: b64(point.subarray(1, 33)), y: b64(point.subarray(33, 65)), iv: b64(iv), wrapped: b64(sealed) };
}

/** An outbox row as idb.ts stores it: the entry sealed under the data key, bound to "outbox:<seq>". */
function sealedRow(dataKey: Buffer, seq: number, entry: object) {
  const { iv, sealed } = gcm(dataKey, Buffer.from(JSON.stringify(entry)), `outbox:${seq}`);
  return { key: seq, iv: b64(iv), c: b64(sealed) };
}

const entry = (cmd: { commandId: string; type: string; baseVersion: number | null; record: unknown }, state = 'queued') => ({
  ...cmd, table: 'operations', recordId: (cmd.record as { id: string }).id, frozen: false, state, attempts: 0, error: null, serverVersion: null, createdAt: new Date().toISOString(), lastAttemptAt: null,
});

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  organisationId = admin.user.organisationId;
  observer = await t.userWithRole(admin.user.organisationId, 'observer');
  other = await t.userWithRole(admin.user.organisationId, 'observer');
  calaisisId = (await reference(observer)).calaisisId;
  expect((await observer.post('/api/field/devices', { id: deviceId, label: 'Téléphone de test' })).statusCode).toBe(200);
});
afterAll(async () => { await t?.close(); });

describe(`outbox rescue before a wipe (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('applies the queued commands of the sealed outbox, once, and leaves already answered ones alone', async () => {
    const server = (await observer.get('/api/field/escrow-key')).json();
    expect(server).toMatchObject({ kty: 'EC', crv: 'P-256' });
    // The same key on every call: it is derived from the server key, nothing stored.
    expect((await other.get('/api/field/escrow-key')).json()).toEqual(server);

    const dataKey = randomBytes(32);
    const queued = operationCommand(calaisisId, { officerInCharge: 'Capitaine Rescousse' });
    const refusedEarlier = operationCommand(calaisisId);
    const body = {
      escrow: escrowFor(server, dataKey),
      rows: [sealedRow(dataKey, 3, entry(queued)), sealedRow(dataKey, 2, entry(refusedEarlier, 'rejected'))],
    };
    const res = await observer.post(`/api/field/devices/${deviceId}/rescue`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ sent: 1, applied: 1, refused: 0 });
    const pulled = (await observer.get('/api/sync/pull?since=0')).json().operations as Array<{ id: string; officerInCharge: string | null }>;
    expect(pulled.find((o) => o.id === queued.record.id)).toMatchObject({ officerInCharge: 'Capitaine Rescousse' });
    expect(pulled.map((o) => o.id)).not.toContain(refusedEarlier.record.id);

    // Sent again (the phone never heard the answer): the same command is not applied twice.
    expect((await observer.post(`/api/field/devices/${deviceId}/rescue`, body)).json()).toEqual({ sent: 1, applied: 1, refused: 0 });
    const versions = await t.db.selectFrom('operations').select('version').where('id', '=', queued.record.id).execute();
    expect(versions).toEqual([{ version: 1 }]);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'field.device_outbox_rescued').execute();
    expect(audit).toHaveLength(2);
    // Nothing of the decrypted content is kept in the audit entry of the rescue itself.
    expect(JSON.stringify(await t.db.selectFrom('audit_log').select('after').where('action', '=', 'field.device_outbox_rescued').execute())).not.toContain('Rescousse');
  });

  it('refuses an escrow or a row it cannot open, and another observer\'s phone, saving nothing', async () => {
    const server = (await observer.get('/api/field/escrow-key')).json();
    const dataKey = randomBytes(32);
    const cmd = operationCommand(calaisisId);
    const row = sealedRow(dataKey, 1, entry(cmd));
    const wrongKey = await observer.post(`/api/field/devices/${deviceId}/rescue`, { escrow: escrowFor(server, randomBytes(32)), rows: [row] });
    expect(wrongKey.statusCode).toBe(400);
    expect(wrongKey.json()).toMatchObject({ code: 'phone.escrow_invalid' });
    expect(wrongKey.json().message).toContain('n’a pas été enregistré');
    // A row moved to another place in the outbox no longer opens (it is bound to its key).
    const moved = await observer.post(`/api/field/devices/${deviceId}/rescue`, { escrow: escrowFor(server, dataKey), rows: [{ ...row, key: 9 }] });
    expect(moved.json()).toMatchObject({ code: 'phone.escrow_invalid' });
    const notTheirs = await other.post(`/api/field/devices/${deviceId}/rescue`, { escrow: escrowFor(server, dataKey), rows: [row] });
    expect(notTheirs.statusCode).toBe(404);
    expect(await t.db.selectFrom('operations').select('id').where('id', '=', cmd.record.id).execute()).toEqual([]);
  });
});

describe(`outbox rescue from a revoked phone (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('is refused with a clear message, audited, and applies nothing', async () => {
    const revokedId = randomUUID();
    expect((await observer.post('/api/field/devices', { id: revokedId, label: 'Téléphone saisi' })).statusCode).toBe(200);
    const coordinator = await t.userWithRole(organisationId, 'coordinator');
    expect((await coordinator.post(`/api/field/devices/${revokedId}/revoke`, {})).statusCode).toBe(200);

    const server = (await observer.get('/api/field/escrow-key')).json();
    const dataKey = randomBytes(32);
    const cmd = operationCommand(calaisisId, { officerInCharge: 'Capitaine Révoqué' });
    const res = await observer.post(`/api/field/devices/${revokedId}/rescue`, { escrow: escrowFor(server, dataKey), rows: [sealedRow(dataKey, 1, entry(cmd))] });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'phone.device_revoked' });
    expect(res.json().message).toContain('révoqué par un coordinateur');
    // In the observer's own language.
    await t.db.updateTable('users').set({ locale: 'en' }).where('id', '=', observer.user.id).execute();
    const english = await observer.post(`/api/field/devices/${revokedId}/rescue`, { escrow: escrowFor(server, dataKey), rows: [] });
    expect(english.json().message).toContain('revoked by a coordinator');
    expect(await t.db.selectFrom('operations').select('id').where('id', '=', cmd.record.id).execute()).toEqual([]);
    const refusals = await t.db.selectFrom('audit_log').select(['entity_id', 'after']).where('action', '=', 'field.device_rescue_refused').execute();
    expect(refusals.map((r) => r.entity_id)).toEqual([revokedId, revokedId]);
    expect(refusals[0]!.after).toMatchObject({ reason: 'revoked', rows: 1 });
    expect(refusals[1]!.after).toMatchObject({ reason: 'revoked', rows: 0 });
    // The phone still learns it must wipe: its status says revoked.
    expect((await observer.get(`/api/field/devices/${revokedId}/status`)).json()).toMatchObject({ revoked: true });
  });
});
