import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.js';
import { BundleInputError, verifyBundle } from '../src/modules/legal/bundles/bundle-verifier.js';
import { type TestClient, startTestVigie, type TestVigie } from './harness.js';
import { jpegWithGps, noisePng, patchChunk, publicCopyMade, seedEviction, sha256, uploadBody } from './evidence-fixtures.js';

const run = promisify(execFile);
let t: TestVigie;
let orgId: string;
let observer: TestClient;
let legal: TestClient;
let volunteer: TestClient;
let target: { evictionId: string; incidentId: string };
let work: string;
let publicKeyPem: string;
const originals = new Map<string, Buffer>();
let bundle: Buffer;

async function upload(c: TestClient, bytes: Buffer, over: Record<string, unknown>) {
  const body = uploadBody(bytes, { evictionId: target.evictionId }, over);
  expect((await c.post('/api/evidence', body)).statusCode).toBe(201);
  expect((await patchChunk(t, c, body.id, 0, bytes)).json().evidence.status).toBe('stored');
  // The publication copy is made by a background job; its making is part of the custody record.
  await publicCopyMade(c, body.id);
  originals.set(body.id, bytes);
  return body.id;
}

async function exportBundle(c: TestClient, body: unknown) {
  const res = await t.vigie.app.inject({
    method: 'POST', url: '/api/legal/bundles', payload: body as object,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/json', 'accept-language': c.locale },
  });
  return { statusCode: res.statusCode, headers: res.headers, raw: res.rawPayload, json: () => JSON.parse(res.body) };
}

/** Rewrites a bundle with one change, as someone tampering with it would. */
function tamper(zip: Buffer, change: (entries: Record<string, Uint8Array>) => void): Buffer {
  const entries = unzipSync(zip);
  change(entries);
  return Buffer.from(zipSync(entries, { level: 0 }));
}

const file = (name: string, bytes: Uint8Array | string) => {
  const path = join(work, name);
  writeFileSync(path, bytes);
  return path;
};

/** The verifier as a person runs it: a child process, its output and its exit code. */
async function cli(args: string[], viaNpx = false) {
  const [cmd, argv] = viaNpx ? ['npx', ['--offline', 'vigie', ...args]] : [process.execPath, [resolve(REPO_ROOT, 'apps/server/bin/vigie.mjs'), ...args]];
  try {
    const { stdout, stderr } = await run(cmd as string, argv as string[], { cwd: REPO_ROOT, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  orgId = admin.user.organisationId;
  observer = await t.userWithRole(orgId, 'observer');
  legal = await t.userWithRole(orgId, 'legal');
  volunteer = await t.userWithRole(orgId, 'volunteer');
  target = await seedEviction(t, orgId, observer.user.id);
  work = mkdtempSync(join(tmpdir(), 'vigie-bundle-'));
  publicKeyPem = (await legal.get('/api/legal/bundles/public-key')).json().publicKeyPem;
});
afterAll(async () => {
  await t?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe(`evidence bundle (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let photoId: string;
  let jpegId: string;

  it('exports the originals byte for byte with a signed manifest that verifies', async () => {
    photoId = await upload(observer, await noisePng(), { credit: 'HRO' });
    jpegId = await upload(observer, await jpegWithGps(), { declaredType: 'image/jpeg', originalName: 'IMG_0001.jpg' });
    const res = await exportBundle(legal, { evidenceIds: [photoId, jpegId] });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="dossier-preuves-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.zip"$/);
    bundle = res.raw;

    const report = await verifyBundle(bundle, publicKeyPem);
    expect(report).toMatchObject({ valid: true, signature: 'valid', keySource: 'given', bundleKeyMatches: true, altered: [], removed: [], added: [] });
    expect(report.checked).toHaveLength(3);

    const entries = unzipSync(bundle);
    const manifest = JSON.parse(Buffer.from(entries['manifest.json']!).toString('utf8'));
    expect(manifest).toMatchObject({ format: 'vigie-evidence-bundle/1', organisation: { id: orgId, name: 'Human Rights Observers' }, case: null });
    expect(manifest.createdBy).toEqual({ id: legal.user.id, displayName: 'legal user' });
    for (const f of manifest.files) {
      // Byte for byte: the file in the ZIP is the observer's original, and its hash is the manifest's.
      expect(Buffer.compare(Buffer.from(entries[f.path]!), originals.get(f.evidenceId)!)).toBe(0);
      expect(f.sha256).toBe(sha256(originals.get(f.evidenceId)!));
      expect(f).toMatchObject({ author: { id: observer.user.id, displayName: 'observer user' }, uploader: { id: observer.user.id } });
      expect(f.receivedAt).toEqual(expect.any(String));
      expect(f.custody.map((c: { action: string }) => c.action)).toEqual(['evidence.upload_started', 'evidence.received', 'evidence.public_copy_made']);
      expect(f.custody[1]).toMatchObject({ actor: { id: observer.user.id }, auditHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      // The trail's sequence numbers count every organisation's activity: never handed to a reader.
      for (const c of f.custody) expect(Object.keys(c).sort()).toEqual(['action', 'actor', 'at', 'auditHash', 'details']);
      expect(f.eviction).toMatchObject({ id: target.evictionId, date: '2026-02-13', communeInsee: '62193' });
    }
    const jpeg = manifest.files.find((f: { evidenceId: string }) => f.evidenceId === jpegId);
    expect(jpeg).toMatchObject({ mediaType: 'image/jpeg', capturedAt: '2026-02-13T05:12:30.000Z' });
    expect(jpeg.gps.latitude).toBeCloseTo(50.9583, 3);
    expect(jpeg.gps.longitude).toBeCloseTo(1.85, 3);
    // Network addresses of observers stay out of what goes to court.
    expect(JSON.stringify(manifest)).not.toMatch(/"ip"/);
    expect(manifest.documents).toEqual([{ path: 'manifest.pdf', sha256: sha256(Buffer.from(entries['manifest.pdf']!)), sizeBytes: entries['manifest.pdf']!.length }]);

    const pdf = file('manifest.pdf', entries['manifest.pdf']!);
    const { stdout: text } = await run('/usr/bin/pdftotext', [pdf, '-']);
    expect(text).toContain('Manifeste du dossier de preuves');
    expect(text).toContain(sha256(originals.get(jpegId)!));
    expect(text).toContain('IMG_0001.jpg');
  });

  it('records each export in the audit trail: which evidence, by whom', async () => {
    const rows = await sql<{ action: string; actor_id: string; entity_id: string; context: Record<string, unknown> }>`
      SELECT action, actor_id, entity_id, context FROM audit_log WHERE action IN ('legal.bundle_exported', 'evidence.bundle_exported') ORDER BY seq`.execute(t.db);
    const bundleEntry = rows.rows.find((r) => r.action === 'legal.bundle_exported')!;
    expect(bundleEntry.actor_id).toBe(legal.user.id);
    expect((bundleEntry.context.evidenceIds as string[]).sort()).toEqual([photoId, jpegId].sort());
    expect(rows.rows.filter((r) => r.action === 'evidence.bundle_exported').map((r) => r.entity_id).sort()).toEqual([photoId, jpegId].sort());
  });

  it('names the file whose byte was flipped, while the signature still holds', async () => {
    const manifest = JSON.parse(Buffer.from(unzipSync(bundle)['manifest.json']!).toString('utf8'));
    const victim = manifest.files[0].path as string;
    const altered = tamper(bundle, (e) => { const b = Buffer.from(e[victim]!); b[b.length >> 1]! ^= 0x01; e[victim] = b; });
    const report = await verifyBundle(altered, publicKeyPem);
    expect(report.valid).toBe(false);
    expect(report.signature).toBe('valid');
    expect(report.altered.map((a) => a.path)).toEqual([victim]);
    expect(report.removed).toEqual([]);
    expect(report.added).toEqual([]);

    const out = await cli(['verify-bundle', file('flipped.zip', altered), '--public-key', file('key.pem', publicKeyPem)]);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain(`MODIFIÉ  ${victim}`);
    expect(out.stdout).toContain('dossier INVALIDE');
  });

  it('names a removed file and an added file', async () => {
    const manifest = JSON.parse(Buffer.from(unzipSync(bundle)['manifest.json']!).toString('utf8'));
    const gone = manifest.files[1].path as string;
    const removed = await verifyBundle(tamper(bundle, (e) => { delete e[gone]; }), publicKeyPem);
    expect(removed).toMatchObject({ valid: false, signature: 'valid', removed: [gone], added: [], altered: [] });

    const extra = tamper(bundle, (e) => { e['originals/003-planted.jpg'] = strToU8('not from the observer'); });
    expect((await verifyBundle(extra, publicKeyPem))).toMatchObject({ valid: false, added: ['originals/003-planted.jpg'], removed: [], altered: [] });
    const out = await cli(['verify-bundle', file('added.zip', extra), '--lang', 'en', '--public-key', file('key.pem', publicKeyPem)]);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('ADDED    originals/003-planted.jpg');
    expect(out.stdout).toContain('RESULT: bundle INVALID');
  });

  it('fails the signature when the manifest itself is edited, even with its hashes made consistent', async () => {
    const edited = tamper(bundle, (e) => {
      const text = Buffer.from(e['manifest.json']!).toString('utf8').replace('Human Rights Observers', 'Human Rights Observerz');
      e['manifest.json'] = strToU8(text);
    });
    const report = await verifyBundle(edited, publicKeyPem);
    expect(report.signature).toBe('invalid');
    expect(report.valid).toBe(false);
    expect(report.altered).toEqual([]);
  });

  it('fails with a wrong public key, and says when the key was only the bundle\'s own', async () => {
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect((await verifyBundle(bundle, other))).toMatchObject({ valid: false, signature: 'invalid', bundleKeyMatches: false });
    const out = await cli(['verify-bundle', file('bundle.zip', bundle), '--public-key', file('other.pem', other)]);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('Signature du manifeste : INVALIDE');

    // A forger who re-signs with their own key and ships it inside passes only the self-check:
    // the report says the key came from the bundle and prints its fingerprint to compare.
    expect((await verifyBundle(bundle))).toMatchObject({ valid: true, keySource: 'bundle' });
    const self = await cli(['verify-bundle', file('bundle.zip', bundle)], true);
    expect(self.code).toBe(0);
    expect(self.stdout).toContain('ATTENTION : aucune clé fournie');
    expect(self.stdout).toContain('dossier VALIDE');
  });

  it('runs as `npx vigie verify-bundle` from the repository root and passes a good bundle', async () => {
    const out = await cli(['verify-bundle', file('bundle.zip', bundle), '--public-key', file('key.pem', publicKeyPem)], true);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Signature du manifeste : VALIDE');
    expect(out.stdout).toContain('RÉSULTAT : dossier VALIDE');
  });

  it('gives a clear message, never a stack trace, for a truncated ZIP or a file that is not a ZIP', async () => {
    const truncated = bundle.subarray(0, Math.floor(bundle.length * 0.6));
    await expect(verifyBundle(truncated, publicKeyPem)).rejects.toThrow(BundleInputError);
    const cut = await cli(['verify-bundle', file('cut.zip', truncated), '--public-key', file('key.pem', publicKeyPem)]);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain('tronquée ou endommagée');
    expect(cut.stderr + cut.stdout).not.toMatch(/\n\s+at /);

    const notZip = await cli(['verify-bundle', file('notes.txt', 'hello, not a zip'), '--lang', 'en']);
    expect(notZip.code).toBe(2);
    expect(notZip.stderr).toContain('This file is not a ZIP archive');
    expect(notZip.stderr + notZip.stdout).not.toMatch(/\n\s+at /);

    const missing = await cli(['verify-bundle', join(work, 'nowhere.zip')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('fichier introuvable');
    const badKey = await cli(['verify-bundle', file('bundle.zip', bundle), '--public-key', file('junk.pem', 'junk')]);
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toContain('clé publique Ed25519');
  });

  it('refuses an export with no evidence with a clear 400, and unknown evidence too', async () => {
    for (const body of [{}, { evidenceIds: [] }]) {
      const res = await exportBundle(legal, body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'legal_bundle.empty', message: expect.stringContaining('Aucune pièce à exporter') });
    }
    const unknown = randomUUID();
    const res = await exportBundle(legal, { evidenceIds: [unknown] });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'legal_bundle.unknown_evidence' });
    expect(res.json().message).toContain(unknown);
  });

  it('refuses an upload still in progress, naming it', async () => {
    const bytes = await noisePng(40, 30);
    const body = uploadBody(bytes, { evictionId: target.evictionId }, { originalName: 'pas-fini.png' });
    await observer.post('/api/evidence', body);
    const res = await exportBundle(legal, { evidenceIds: [photoId, body.id] });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'legal_bundle.not_stored', message: expect.stringContaining('pas-fini.png') });
  });

  it('exports all of a case\'s evidence with the case summary', async () => {
    const caseId = randomUUID();
    await sql`INSERT INTO legal_cases (id, organisation_id, title, action_type, court, opened_by)
      VALUES (${caseId}, ${orgId}, 'Référé-liberté expulsion Hôpital', 'refere_liberte', 'Tribunal administratif de Lille', ${legal.user.id})`.execute(t.db);
    await sql`INSERT INTO legal_case_links (organisation_id, case_id, eviction_id, linked_by)
      VALUES (${orgId}, ${caseId}, ${target.evictionId}, ${legal.user.id})`.execute(t.db);
    const res = await exportBundle(legal, { caseId });
    expect(res.statusCode).toBe(200);
    expect((await verifyBundle(res.raw, publicKeyPem)).valid).toBe(true);
    const manifest = JSON.parse(Buffer.from(unzipSync(res.raw)['manifest.json']!).toString('utf8'));
    expect(manifest.case).toMatchObject({ id: caseId, title: 'Référé-liberté expulsion Hôpital', actionType: 'refere_liberte',
      evictions: [{ id: target.evictionId, date: '2026-02-13' }] });
    // The case's eviction holds the two stored files; the unfinished upload is left out.
    expect(manifest.files.map((f: { evidenceId: string }) => f.evidenceId).sort()).toEqual([photoId, jpegId].sort());
    // Earlier exports are now part of each file's chain of custody.
    const firstBundleId = JSON.parse(Buffer.from(unzipSync(bundle)['manifest.json']!).toString('utf8')).bundleId;
    const exported = manifest.files[0].custody.filter((c: { action: string }) => c.action === 'evidence.bundle_exported');
    expect(exported[0]).toMatchObject({ actor: { id: legal.user.id, displayName: 'legal user' }, details: { context: { bundleId: firstBundleId } } });
    const unknownCase = await exportBundle(legal, { caseId: randomUUID() });
    expect(unknownCase.statusCode).toBe(404);
  });

  it('lets only the legal pole and coordinators export, and gives them the public key', async () => {
    for (const c of [observer, volunteer]) {
      expect((await exportBundle(c, { evidenceIds: [photoId] })).statusCode).toBe(403);
      expect((await c.get('/api/legal/bundles/public-key')).statusCode).toBe(403);
    }
    expect((await exportBundle(t.client(), { evidenceIds: [photoId] })).statusCode).toBe(401);
    const key = (await legal.get('/api/legal/bundles/public-key')).json();
    expect(key).toMatchObject({ algorithm: 'Ed25519', publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY') });
    expect((await verifyBundle(bundle, key.publicKeyPem)).keyFingerprint).toBe(key.fingerprint);
  });
});
