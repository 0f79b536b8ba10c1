import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/platform/auth/passwords.js';
import { PASSWORD, startTestVigie, TestClient, type TestVigie } from './harness.js';
import {
  interruptedChunk, jpegWithGps, noisePng, patchChunk, publicCopyMade, rawRequest, seedEviction, sha256, uploadBody,
} from './evidence-fixtures.js';

let t: TestVigie;
let orgId: string;
let observer: TestClient;
let otherObserver: TestClient;
let legal: TestClient;
let comms: TestClient;
let volunteer: TestClient;
let outsider: TestClient;
let target: { evictionId: string; incidentId: string };
let baseUrl: string;

const storedPath = (id: string) => join(t.vigie.ctx.config.dataDir, 'evidence', 'originals', orgId, id);
const partPath = (id: string) => join(t.vigie.ctx.config.dataDir, 'uploads', `${id}.part`);

beforeAll(async () => {
  t = await startTestVigie({ EVIDENCE_MAX_BYTES: String(2 * 1024 * 1024) });
  const admin = await t.setUpAdmin();
  orgId = admin.user.organisationId;
  observer = await t.userWithRole(orgId, 'observer');
  otherObserver = await t.userWithRole(orgId, 'observer');
  legal = await t.userWithRole(orgId, 'legal');
  comms = await t.userWithRole(orgId, 'comms');
  volunteer = await t.userWithRole(orgId, 'volunteer');
  target = await seedEviction(t, orgId, observer.user.id);
  // Verified: comms and other observers see its files (an unverified one's are its author's, see below).
  await t.db.updateTable('evictions').set({ status: 'verified' }).where('id', '=', target.evictionId).execute();
  const otherOrg = (await t.db.insertInto('organisations').values({ name: 'Other Observatory' }).returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('organisation_settings').values({ organisation_id: otherOrg }).execute();
  await t.db.insertInto('users').values({
    organisation_id: otherOrg, email: 'observer@other.example', display_name: 'Other', password_hash: await hashPassword(PASSWORD), role: 'observer',
  }).execute();
  outsider = t.client();
  await outsider.post('/api/auth/login', { email: 'observer@other.example', password: PASSWORD });
  baseUrl = await t.vigie.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => { await t?.close(); });

/** Creates an upload and sends the whole file in one chunk. */
async function uploadWhole(c: TestClient, bytes: Buffer, over: Record<string, unknown> = {}) {
  const body = uploadBody(bytes, { evictionId: target.evictionId }, over);
  const created = await c.post('/api/evidence', body);
  expect(created.statusCode, created.body).toBe(201);
  return { id: body.id as string, res: await patchChunk(t, c, body.id as string, 0, bytes) };
}

describe(`evidence upload (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let photoId: string;
  let photo: Buffer;

  it('takes a file in chunks across an interruption and gives back the very same bytes, encrypted at rest', async () => {
    photo = await noisePng();
    const body = uploadBody(photo, { evictionId: target.evictionId }, { credit: 'HRO' });
    photoId = body.id;
    const created = await observer.post('/api/evidence', body);
    expect(created.statusCode).toBe(201);
    expect(created.json().evidence).toMatchObject({ status: 'uploading', uploadOffset: 0, sha256Device: body.sha256 });
    // Same id, same content: the same answer (the phone retried after losing the response).
    const again = await observer.post('/api/evidence', body);
    expect(again.statusCode).toBe(200);
    expect(again.json().evidence.id).toBe(photoId);
    const reused = await observer.post('/api/evidence', { ...body, originalName: 'other.png' });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('evidence.id_conflict');

    const third = Math.ceil(photo.length / 3);
    expect((await patchChunk(t, observer, photoId, 0, photo.subarray(0, third))).statusCode).toBe(200);
    // The network drops halfway through the second chunk.
    await interruptedChunk(baseUrl, observer, photoId, third, photo.subarray(third, 2 * third), Math.floor(third / 2));
    let offset = third;
    // The server keeps the received part once it notices the dropped connection; on a busy
    // machine that can take a few seconds.
    for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
      const head = await rawRequest(t, observer, 'HEAD', `/api/evidence/${photoId}`);
      expect(head.statusCode).toBe(200);
      expect(head.headers['upload-length']).toBe(String(photo.length));
      offset = Number(head.headers['upload-offset']);
      const status = (await observer.get(`/api/evidence/${photoId}`)).json().evidence;
      expect(status.status).toBe('uploading');
      if (offset > third) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(offset).toBeGreaterThan(third);
    expect(offset).toBeLessThan(2 * third);
    expect(existsSync(storedPath(photoId))).toBe(false);

    const wrong = await patchChunk(t, observer, photoId, 0, photo.subarray(0, 10));
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json()).toMatchObject({ code: 'evidence.offset_mismatch', details: { offset } });
    expect(wrong.headers['upload-offset']).toBe(String(offset));

    expect((await patchChunk(t, observer, photoId, offset, photo.subarray(offset, 2 * third))).statusCode).toBe(200);
    const last = await patchChunk(t, observer, photoId, 2 * third, photo.subarray(2 * third));
    expect(last.statusCode).toBe(200);
    expect(last.json().evidence).toMatchObject({
      status: 'stored', sha256Received: sha256(photo), detectedType: 'image/png', sizeBytes: photo.length, credit: 'HRO',
      uploadOffset: photo.length, hasPublicCopy: false, publicCopyPending: true, authorId: observer.user.id,
    });
    expect(existsSync(partPath(photoId))).toBe(false);

    const original = await rawRequest(t, observer, 'GET', `/api/evidence/${photoId}/original`);
    expect(original.statusCode).toBe(200);
    expect(sha256(original.raw)).toBe(sha256(photo));
    expect(original.headers['content-type']).toBe('image/png');
    expect(String(original.headers['content-disposition'])).toContain("filename*=UTF-8''expulsion%20h%C3%B4pital%20%281%29.png");

    const atRest = readFileSync(storedPath(photoId));
    expect(atRest.length).toBe(photo.length);
    expect(atRest.equals(photo)).toBe(false);
    for (const at of [0, 100, Math.floor(photo.length / 2), photo.length - 40]) {
      expect(atRest.indexOf(photo.subarray(at, at + 32))).toBe(-1);
    }
  });

  it('writes the chain of custody in the audit trail', async () => {
    const entries = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', photoId).orderBy('seq').execute();
    expect(entries.map((e) => e.action)).toEqual(['evidence.upload_started', 'evidence.received', 'evidence.original_read']);
    const received = entries[1]!;
    expect(received.actor_id).toBe(observer.user.id);
    expect(received.after).toMatchObject({
      authorId: observer.user.id, sha256Device: sha256(photo), sha256Received: sha256(photo), sizeBytes: photo.length,
      detectedType: 'image/png', receivedAt: expect.any(String),
    });
  });

  it('refuses a file whose bytes do not match the device hash, and keeps nothing', async () => {
    const bytes = await noisePng(40, 30);
    const body = uploadBody(bytes, { evictionId: target.evictionId }, { sha256: sha256(Buffer.from('something else')) });
    expect((await observer.post('/api/evidence', body)).statusCode).toBe(201);
    const res = await patchChunk(t, observer, body.id, 0, bytes);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'evidence.hash_mismatch', details: { received: sha256(bytes) } });
    expect(res.json().message).toContain('empreinte');
    expect(existsSync(storedPath(body.id))).toBe(false);
    expect(existsSync(partPath(body.id))).toBe(false);
    const row = (await observer.get(`/api/evidence/${body.id}`)).json().evidence;
    expect(row).toMatchObject({ status: 'rejected', rejectionReason: 'hash_mismatch', hasPublicCopy: false });
    const more = await patchChunk(t, observer, body.id, bytes.length, Buffer.from('x'));
    expect(more.json().code).toBe('evidence.not_uploading');
  });

  it('keeps a truncated upload waiting, unstored, until the rest arrives', async () => {
    const bytes = await noisePng(60, 40);
    const body = uploadBody(bytes, { incidentId: target.incidentId });
    expect((await observer.post('/api/evidence', body)).statusCode).toBe(201);
    expect((await patchChunk(t, observer, body.id, 0, bytes.subarray(0, 1000))).json().evidence.status).toBe('uploading');
    expect((await observer.get(`/api/evidence/${body.id}`)).json().evidence).toMatchObject({ status: 'uploading', uploadOffset: 1000, sha256Received: null });
    expect(existsSync(storedPath(body.id))).toBe(false);
    const rest = await patchChunk(t, observer, body.id, 1000, bytes.subarray(1000));
    expect(rest.json().evidence).toMatchObject({ status: 'stored', evictionId: target.evictionId, incidentId: target.incidentId });
    const listed = (await legal.get(`/api/evictions/${target.evictionId}/evidence`)).json().evidence.map((e: { id: string }) => e.id);
    expect(listed).toEqual(expect.arrayContaining([photoId, body.id]));
  });

  it('refuses content that is not what was declared, or a type not accepted', async () => {
    const png = await noisePng(20, 20);
    const asVideo = await uploadWhole(observer, png, { kind: 'video', declaredType: 'video/mp4', originalName: 'clip.mp4' });
    expect(asVideo.res.statusCode).toBe(422);
    expect(asVideo.res.json()).toMatchObject({ code: 'evidence.type_mismatch', details: { declared: 'video/mp4', detected: 'image/png' } });
    const text = Buffer.from('Not a photo at all, just words typed on a phone.\n');
    const asPhoto = await uploadWhole(observer, text, { declaredType: 'image/jpeg', originalName: 'photo.jpg' });
    expect(asPhoto.res.statusCode).toBe(422);
    expect(asPhoto.res.json().code).toBe('evidence.type_mismatch');
    expect(existsSync(storedPath(asPhoto.id))).toBe(false);
    const declaredWrong = await observer.post('/api/evidence', uploadBody(png, { evictionId: target.evictionId }, { kind: 'video' }));
    expect(declaredWrong.statusCode).toBe(422);
    expect(declaredWrong.json().code).toBe('evidence.type_not_allowed');
  });

  it('reads GPS and EXIF into the record, and publishes a copy without any metadata', async () => {
    const jpeg = await jpegWithGps();
    const { id, res } = await uploadWhole(observer, jpeg, { declaredType: 'image/jpg', originalName: 'IMG_0001.jpg' });
    expect(res.statusCode, res.raw.toString()).toBe(200);
    const view = res.json().evidence;
    expect(view.gps.latitude).toBeCloseTo(50.9583, 4);
    expect(view.gps.longitude).toBeCloseTo(1.85, 4);
    expect(view.gps.altitude).toBe(12);
    expect(view.exif).toMatchObject({ Make: 'Fairphone', Model: 'FP5', DateTimeOriginal: '2026:02:13 06:12:30' });
    expect(JSON.stringify(view.exif)).not.toContain('Observer Private Name');
    expect(view.capturedAt).toBe('2026-02-13T05:12:30.000Z');
    // Where and how it was taken: its author, coordinators and the legal pole only (issue 12), not comms nor other observers.
    for (const [who, located] of [[legal, true], [comms, false], [otherObserver, false]] as const) {
      const seen = (await who.get(`/api/evidence/${id}`)).json().evidence;
      expect(seen.gps !== null && seen.exif !== null).toBe(located);
    }
    // The copy is made by a background job after the upload is acknowledged; until then it is
    // "in preparation", and the original is never served in its place.
    expect(view).toMatchObject({ hasPublicCopy: false, publicCopyPending: true, publicCopySha256: null });
    const early = await rawRequest(t, comms, 'GET', `/api/evidence/${id}/public`);
    if (early.statusCode !== 200) {
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({ code: 'evidence.public_copy_pending' });
      expect(early.json().message).toContain('Copie de publication en préparation');
    }
    const ready = await publicCopyMade(observer, id);
    expect(ready).toMatchObject({ hasPublicCopy: true, publicCopyPending: false });
    const copy = await rawRequest(t, comms, 'GET', `/api/evidence/${id}/public`);
    expect(copy.statusCode).toBe(200);
    expect(copy.headers['content-type']).toBe('image/jpeg');
    expect(sha256(copy.raw)).toBe(ready.publicCopySha256);
    expect(await exifr.parse(copy.raw)).toBeUndefined();
    const meta = await sharp(copy.raw).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(copy.raw.includes(Buffer.from('Fairphone'))).toBe(false);
    // The original keeps everything, byte for byte.
    const original = await rawRequest(t, observer, 'GET', `/api/evidence/${id}/original`);
    expect(original.raw.equals(jpeg)).toBe(true);
  });

  it('hides evidence from another organisation', async () => {
    for (const url of [`/api/evidence/${photoId}`, `/api/evidence/${photoId}/original`, `/api/evidence/${photoId}/public`]) {
      const res = await outsider.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().code).toBe('evidence.not_found');
    }
    expect((await rawRequest(t, outsider, 'HEAD', `/api/evidence/${photoId}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/evictions/${target.evictionId}/evidence`)).statusCode).toBe(404);
    expect((await patchChunk(t, outsider, photoId, 0, Buffer.from('x'))).statusCode).toBe(404);
  });

  it('lets only the legal pole and the author download the original, and audits every read', async () => {
    for (const c of [comms, otherObserver]) {
      const res = await c.get(`/api/evidence/${photoId}/original`);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('auth.forbidden');
    }
    expect((await volunteer.get(`/api/evidence/${photoId}`)).statusCode).toBe(403);
    expect((await comms.get(`/api/evidence/${photoId}`)).statusCode).toBe(200);
    // While its eviction is unverified, a file follows it: not for comms nor other observers, still for its author.
    await t.db.updateTable('evictions').set({ status: 'submitted' }).where('id', '=', target.evictionId).execute();
    for (const url of [`/api/evidence/${photoId}`, `/api/evictions/${target.evictionId}/evidence`]) {
      for (const c of [comms, otherObserver]) expect((await c.get(url)).json().code, url).toBe('eviction.unverified');
      expect((await observer.get(url)).statusCode, url).toBe(200);
    }
    await t.db.updateTable('evictions').set({ status: 'verified' }).where('id', '=', target.evictionId).execute();
    const byLegal = await rawRequest(t, legal, 'GET', `/api/evidence/${photoId}/original`);
    expect(byLegal.statusCode).toBe(200);
    expect(byLegal.raw.equals(photo)).toBe(true);
    const reads = await t.db.selectFrom('audit_log').select(['actor_id']).where('entity_id', '=', photoId).where('action', '=', 'evidence.original_read').execute();
    expect(reads.map((r) => r.actor_id)).toEqual([observer.user.id, legal.user.id]);
  });

  it('does not hand out an original whose stored bytes were altered', async () => {
    const bytes = await noisePng(30, 30);
    const { id } = await uploadWhole(observer, bytes);
    const atRest = readFileSync(storedPath(id));
    atRest[atRest.length - 5]! ^= 0xff;
    writeFileSync(storedPath(id), atRest);
    // GCM authenticates at the end of the stream: the download breaks off instead of completing.
    const res = await rawRequest(t, legal, 'GET', `/api/evidence/${id}/original`).catch((err: Error) => err);
    expect(res instanceof Error || sha256(res.raw) !== sha256(bytes)).toBe(true);
    if (!(res instanceof Error)) expect(res.raw.length).toBeLessThan(bytes.length);
  });

  it('answers bad input with clear errors', async () => {
    const png = await noisePng(10, 10);
    const noTarget = await observer.post('/api/evidence', uploadBody(png, {}));
    expect(noTarget.statusCode).toBe(400);
    expect(noTarget.json().code).toBe('request.validation_failed');
    const unknown = await observer.post('/api/evidence', uploadBody(png, { evictionId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown.json().code).toBe('evidence.unknown_target');
    const huge = await observer.post('/api/evidence', uploadBody(png, { evictionId: target.evictionId }, { sizeBytes: 3 * 1024 * 1024 }));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('evidence.too_large');
    const body = uploadBody(png, { evictionId: target.evictionId });
    await observer.post('/api/evidence', body);
    const json = await observer.request('PATCH', `/api/evidence/${body.id}`, { data: 'x' }, { 'upload-offset': '0' });
    expect(json.statusCode).toBe(415);
    const tooMuch = await patchChunk(t, observer, body.id, 0, Buffer.concat([png, Buffer.from('extra')]));
    expect(tooMuch.statusCode).toBe(413);
    expect(tooMuch.json().code).toBe('evidence.chunk_too_large');
    expect((await observer.get(`/api/evidence/${body.id}`)).json().evidence.uploadOffset).toBe(0);
    expect((await volunteer.post('/api/evidence', body)).statusCode).toBe(403);
    // Nothing but unfinished uploads is kept. A publication copy being made in the background for an earlier test's photo
    // (the altered original's copy fails and is retried) has its work files here for a moment: the job removes them.
    const kept = readdirSync(join(t.vigie.ctx.config.dataDir, 'uploads')).filter((f) => !/\.copy-source(\.public\.jpg)?$/.test(f));
    expect(kept.every((f) => f.endsWith('.part')), kept.join(', ')).toBe(true);
  });
});
