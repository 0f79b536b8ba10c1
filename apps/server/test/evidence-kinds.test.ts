import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { patchChunk, rawRequest, seedEviction, sha256, uploadBody } from './evidence-fixtures.js';

/**
 * Issue 16, item 3: every kind of evidence from the phone. The server decides a file's kind from
 * its declared type and checks the bytes — a video, a sound, a PDF are taken by their content,
 * encrypted at rest with their chain of custody as photos are; a program renamed "ordonnance.pdf"
 * is refused with a message naming it, and nothing is kept; each kind has its own ceiling.
 */
let t: TestVigie;
let orgId: string;
let observer: TestClient;
let legal: TestClient;
let target: { evictionId: string; incidentId: string };
let outsideIncidentId: string;

const storedPath = (id: string) => join(t.vigie.ctx.config.dataDir, 'evidence', 'originals', orgId, id);
const partPath = (id: string) => join(t.vigie.ctx.config.dataDir, 'uploads', `${id}.part`);

const be32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
const bytes = (...parts: Array<string | number[] | Buffer>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
/** What a phone records, as far as a signature goes: the container's header, then its (random) data. */
const FILES = {
  mp4: (size: number) => bytes(be32(24), 'ftyp', 'isom', be32(0x200), 'isom', 'mp41', randomBytes(size - 24)),
  m4a: (size: number) => bytes(be32(24), 'ftyp', 'M4A ', be32(0x200), 'M4A ', 'mp42', randomBytes(size - 24)),
  mp3: (size: number) => bytes('ID3', [4, 0, 0, 0, 0, 0, 0], [0xff, 0xfb, 0x90, 0x64], randomBytes(size - 14)),
  opus: (size: number) => bytes('OggS', [0, 2], Buffer.alloc(20), [1, 19], 'OpusHead', randomBytes(size - 36)),
  pdf: (size: number) => bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', randomBytes(size - 15)),
  exe: (size: number) => bytes('MZ', [0x90, 0, 3, 0], randomBytes(size - 6)),
};

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  orgId = admin.user.organisationId;
  observer = await t.userWithRole(orgId, 'observer');
  legal = await t.userWithRole(orgId, 'legal');
  target = await seedEviction(t, orgId, observer.user.id);
  const area = await sql<{ area_id: string }>`SELECT o.area_id FROM evictions e JOIN operations o ON o.id = e.operation_id WHERE e.id = ${target.evictionId}`.execute(t.db);
  outsideIncidentId = randomUUID();
  await sql`INSERT INTO incidents (id, organisation_id, eviction_id, area_id, place, status, kind, incident_type, occurred_at, created_by)
    VALUES (${outsideIncidentId}, ${orgId}, NULL, ${area.rows[0]!.area_id}, 'Distribution rue de Moscou', 'submitted', 'obstruction', 'observer_blocked',
      '2026-02-14T18:00:00Z', ${observer.user.id})`.execute(t.db);
});
afterAll(async () => { await t?.close(); });

/** Creates the upload as the phone declares it (no kind: the server decides) and sends the bytes in chunks. */
async function upload(file: Buffer, over: Record<string, unknown>, owner: { evictionId?: string; incidentId?: string } = { evictionId: target.evictionId }, chunk = 1024 * 1024) {
  const { kind: _none, ...body } = uploadBody(file, owner, over);
  const created = await observer.post('/api/evidence', body);
  expect(created.statusCode, created.body).toBe(201);
  let res = await patchChunk(t, observer, body.id, 0, file.subarray(0, chunk));
  for (let at = chunk; at < file.length && res.statusCode === 200; at += chunk) {
    res = await rawRequest(t, observer, 'PATCH', `/api/evidence/${body.id}`, file.subarray(at, at + chunk), { 'upload-offset': String(at), 'accept-language': 'fr' });
  }
  return { id: body.id, created: created.json().evidence, res };
}

describe(`every kind of evidence (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('takes a video, sounds and a PDF by their content, each encrypted at rest with its chain of custody', async () => {
    const cases = [
      { file: FILES.mp4(3 * 1024 * 1024 + 17), declaredType: 'video/mp4', originalName: 'charge.mp4', kind: 'video', detected: 'video/mp4' },
      { file: FILES.mp3(200_000), declaredType: 'audio/mpeg', originalName: 'témoin.mp3', kind: 'audio', detected: 'audio/mpeg' },
      // A voice note whose type the phone took from its name (.opus): the bytes say Ogg with Opus inside.
      { file: FILES.opus(90_000), declaredType: 'audio/opus', originalName: 'note vocale.opus', kind: 'audio', detected: 'audio/ogg; codecs=opus' },
      { file: FILES.pdf(150_000), declaredType: 'application/pdf', originalName: 'arrêté préfectoral.pdf', kind: 'document', detected: 'application/pdf' },
    ];
    for (const c of cases) {
      const { id, created, res } = await upload(c.file, { declaredType: c.declaredType, originalName: c.originalName });
      expect(created.kind, c.originalName).toBe(c.kind);
      expect(res.statusCode, c.originalName).toBe(200);
      expect(res.json().evidence).toMatchObject({
        status: 'stored', kind: c.kind, detectedType: c.detected, sizeBytes: c.file.length, sha256Device: sha256(c.file), sha256Received: sha256(c.file),
        hasPublicCopy: false,
      });
      // Encrypted at rest: the stored original holds none of the bytes sent.
      const atRest = readFileSync(storedPath(id));
      expect(atRest.length).toBe(c.file.length);
      for (const at of [0, 1000, Math.floor(c.file.length / 2), c.file.length - 40]) expect(atRest.indexOf(c.file.subarray(at, at + 32)), c.originalName).toBe(-1);
      expect(existsSync(partPath(id))).toBe(false);
      const custody = await t.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', id).orderBy('seq').execute();
      expect(custody.map((e) => e.action)).toEqual(['evidence.upload_started', 'evidence.received']);
      expect(custody[1]!.after).toMatchObject({ kind: c.kind, sha256Device: sha256(c.file), sha256Received: sha256(c.file), detectedType: c.detected });
    }
    // The legal pole gets the very bytes back, decrypted, with their hash.
    const pdf = cases[3]!;
    const stored = (await legal.get(`/api/evictions/${target.evictionId}/evidence`)).json().evidence.find((e: { originalName: string }) => e.originalName === pdf.originalName);
    const original = await rawRequest(t, legal, 'GET', `/api/evidence/${stored.id}/original`);
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toBe('application/pdf');
    expect(sha256(original.raw)).toBe(sha256(pdf.file));
  });

  it('keeps a file as the kind its bytes say: a "video" whose bytes are an M4A recording is a sound', async () => {
    const file = FILES.m4a(120_000);
    const { created, res } = await upload(file, { declaredType: 'video/mp4', originalName: 'enregistrement.mp4' });
    expect(created.kind).toBe('video');
    expect(res.json().evidence).toMatchObject({ status: 'stored', kind: 'audio', detectedType: 'audio/x-m4a' });
  });

  it('refuses a program renamed as a PDF with a message naming it, and keeps nothing', async () => {
    const file = FILES.exe(80_000);
    const { id, res } = await upload(file, { declaredType: 'application/pdf', originalName: 'ordonnance.pdf' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'evidence.type_mismatch', details: { declared: 'application/pdf', detected: 'application/x-msdownload', name: 'ordonnance.pdf' },
    });
    expect(res.json().message).toContain('« ordonnance.pdf » n\'est pas ce que son nom annonce');
    expect(existsSync(storedPath(id))).toBe(false);
    expect(existsSync(partPath(id))).toBe(false);
    expect((await observer.get(`/api/evidence/${id}`)).json().evidence).toMatchObject({ status: 'rejected', rejectionReason: 'type_mismatch' });
    // A video sent as a scan is refused the same way; a program named as one is not even started.
    const asScan = await upload(FILES.mp4(60_000), { declaredType: 'application/pdf', originalName: 'scan.pdf' });
    expect(asScan.res.json().code).toBe('evidence.type_mismatch');
    const { kind: _k, ...program } = uploadBody(file, { evictionId: target.evictionId }, { declaredType: 'application/x-msdownload', originalName: 'outil.exe' });
    const refused = await observer.post('/api/evidence', program);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('evidence.type_not_allowed');
    // A phone naming a kind must name the type's own.
    const mislabelled = await observer.post('/api/evidence', uploadBody(file, { evictionId: target.evictionId }, { kind: 'photo', declaredType: 'video/mp4' }));
    expect(mislabelled.json().code).toBe('evidence.type_not_allowed');
  });

  it('has a ceiling per kind: a 200 MB video starts, a 60 MB photo or a 400 MB sound does not', async () => {
    const MB = 1024 * 1024;
    const body = (declaredType: string, sizeBytes: number) => ({
      id: randomUUID(), evictionId: target.evictionId, declaredType, originalName: 'x', sizeBytes, sha256: 'a'.repeat(64),
    });
    const video = await observer.post('/api/evidence', body('video/mp4', 200 * MB + 1));
    expect(video.statusCode).toBe(201);
    expect(video.json().evidence).toMatchObject({ kind: 'video', status: 'uploading', uploadOffset: 0 });
    const photo = await observer.post('/api/evidence', body('image/jpeg', 60 * MB));
    expect(photo.statusCode).toBe(413);
    expect(photo.json()).toMatchObject({ code: 'evidence.too_large', details: { maxMb: 50, kind: 'photo' } });
    expect(photo.json().message).toBe('Ce fichier est trop volumineux : au plus 50 Mo pour ce type de pièce.');
    expect((await observer.post('/api/evidence', body('audio/mpeg', 400 * MB))).json().details).toMatchObject({ maxMb: 300 });
  });

  it('lists every kind on the eviction page and on an outside incident\'s page, with its type and size', async () => {
    const { page } = (await legal.get(`/api/evictions/${target.evictionId}`)).json();
    const byName = (name: string) => page.evidence.find((e: { originalName: string }) => e.originalName === name);
    expect(byName('charge.mp4')).toMatchObject({ kind: 'video', detectedType: 'video/mp4', sizeBytes: 3 * 1024 * 1024 + 17, hasPublicCopy: false, status: 'stored' });
    expect(byName('témoin.mp3')).toMatchObject({ kind: 'audio', detectedType: 'audio/mpeg' });
    expect(byName('arrêté préfectoral.pdf')).toMatchObject({ kind: 'document', detectedType: 'application/pdf', sizeBytes: 150_000 });
    // An upload still under way is not listed; a refused one is, with what its bytes were.
    expect(page.evidence.some((e: { status: string }) => e.status === 'uploading')).toBe(false);
    expect(byName('ordonnance.pdf')).toMatchObject({ status: 'rejected', detectedType: 'application/x-msdownload' });

    const pdf = FILES.pdf(40_000);
    const { res } = await upload(pdf, { declaredType: 'application/pdf', originalName: 'plainte.pdf' }, { incidentId: outsideIncidentId });
    expect(res.json().evidence).toMatchObject({ status: 'stored', kind: 'document', evictionId: null, incidentId: outsideIncidentId });
    const incident = (await legal.get(`/api/incidents/${outsideIncidentId}`)).json().page;
    expect(incident.evidence).toEqual([expect.objectContaining({ originalName: 'plainte.pdf', kind: 'document', detectedType: 'application/pdf', sizeBytes: 40_000 })]);
  });
});
