import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, statfsSync, statSync, ftruncateSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from '../harness.js';
import { noisePng, patchChunk, publicCopyMade, rawRequest, seedEviction, sha256, uploadBody } from '../evidence-fixtures.js';

/**
 * The disk fills while evidence is uploaded. DATA_DIR (part files, the encrypted original,
 * the local object storage) sits on a real 4 MiB tmpfs that a filler file brings to the edge,
 * so the kernel itself answers ENOSPC — nothing is simulated. Mounting needs root; without it
 * the test is skipped and says why.
 */
const backend = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

function tryMount(dir: string): string | null {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (err) {
    return `cannot mount a tmpfs here (needs root): ${(err as Error).message.split('\n')[0]}`;
  }
}

const mountDir = mkdtempSync(join(tmpdir(), 'vigie-fullfs-'));
const skipReason = tryMount(mountDir);
if (skipReason) console.warn(`[disk-full] skipped: ${skipReason}`);

let t: TestVigie;
let observer: TestClient;
let evictionId: string;
const filler = join(mountDir, 'filler');

beforeAll(async () => {
  if (skipReason) return;
  t = await startTestVigie({ DATA_DIR: mountDir });
  const admin = await t.setUpAdmin();
  observer = await t.userWithRole(admin.user.organisationId, 'observer');
  ({ evictionId } = await seedEviction(t, admin.user.organisationId, observer.user.id));
});
afterAll(async () => {
  await t?.close();
  if (!skipReason) execFileSync('umount', [mountDir]);
  rmSync(mountDir, { recursive: true, force: true });
});

const freeBytes = () => { const s = statfsSync(mountDir); return s.bavail * s.bsize; };

/** Fills the filesystem, then gives back exactly `leave` bytes (rounded to pages). */
function fillLeaving(leave: number) {
  const fd = openSync(filler, 'w');
  const block = Buffer.alloc(64 * 1024);
  let size = 0;
  try {
    for (;;) size += writeSync(fd, block);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  }
  ftruncateSync(fd, Math.max(0, size - leave));
  closeSync(fd);
}

/** Every file under DATA_DIR that belongs to this upload (named after its id), with its size. */
function filesOnDisk(id: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of readdirSync(mountDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const rel = relative(mountDir, path);
    if (!rel.includes(id)) continue;
    out[rel] = statSync(path).size;
  }
  return out;
}

const row = (id: string) => t.db.selectFrom('evidence').select(['status', 'upload_offset', 'storage_key']).where('id', '=', id).executeTakeFirstOrThrow();
const custody = (id: string) => t.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('seq').execute();

describe.skipIf(skipReason !== null)(`a full disk during an evidence upload (${backend})`, () => {
  it('refuses a chunk that does not fit with 507, keeps only what it recorded, and resumes once space is freed', async () => {
    const photo = await noisePng(400, 300);
    const body = uploadBody(photo, { evictionId });
    expect((await observer.post('/api/evidence', body)).statusCode).toBe(201);
    fillLeaving(128 * 1024);
    expect(freeBytes()).toBeLessThan(photo.length / 2);

    const res = await patchChunk(t, observer, body.id, 0, photo);
    expect(res.statusCode).toBe(507);
    expect(res.json()).toMatchObject({ code: 'storage.full', message: expect.stringContaining('plus d’espace disque') });
    // What is recorded is exactly what reached the disk: no bytes the database does not know of.
    const waiting = await row(body.id);
    expect(waiting.status).toBe('uploading');
    expect(waiting.storage_key).toBeNull();
    const onDisk = filesOnDisk(body.id);
    expect(Object.keys(onDisk)).toEqual([`uploads/${body.id}.part`]);
    expect(onDisk[`uploads/${body.id}.part`]).toBe(waiting.upload_offset);
    expect(waiting.upload_offset).toBeLessThan(photo.length);

    // The administrator frees space; the phone asks where to resume and sends the rest.
    rmSync(filler);
    const head = await rawRequest(t, observer, 'HEAD', `/api/evidence/${body.id}`);
    const offset = Number(head.headers['upload-offset']);
    expect(offset).toBe(waiting.upload_offset);
    const rest = await patchChunk(t, observer, body.id, offset, photo.subarray(offset));
    expect(rest.statusCode, JSON.stringify(rest.json())).toBe(200);
    expect(rest.json().evidence).toMatchObject({ status: 'stored', sha256Received: sha256(photo) });
    const original = await rawRequest(t, observer, 'GET', `/api/evidence/${body.id}/original`);
    expect(sha256(original.raw)).toBe(sha256(photo));
    // The publication copy is written by a background job: wait for it, or it would write
    // (or fail and free its half-file) while the next case brings the disk to the edge.
    await publicCopyMade(observer, body.id);
  });

  // The last chunk fits, but the encrypted original (first case) or its copy into the object
  // storage (second case) does not: nothing may be marked stored nor left behind.
  for (const [where, headroom] of [['encrypting the original', 1.3], ['storing the encrypted original', 2.4]] as const) {
    it(`fails cleanly when the disk fills while ${where}, and completes on retry`, async () => {
      const photo = await noisePng(300, 200);
      const body = uploadBody(photo, { evictionId });
      expect((await observer.post('/api/evidence', body)).statusCode).toBe(201);
      fillLeaving(Math.round(photo.length * headroom));

      const res = await patchChunk(t, observer, body.id, 0, photo);
      expect(res.statusCode).toBe(507);
      expect(res.json().code).toBe('storage.full');
      const waiting = await row(body.id);
      expect(waiting).toEqual({ status: 'uploading', upload_offset: photo.length, storage_key: null });
      // Only the complete part file waits; no half-written ciphertext, object or copy.
      expect(filesOnDisk(body.id)).toEqual({ [`uploads/${body.id}.part`]: photo.length });
      expect((await custody(body.id)).map((a) => a.action)).toEqual(['evidence.upload_started']);

      rmSync(filler);
      // Every byte is there: an empty chunk at the end asks the server to finish the upload.
      const retry = await patchChunk(t, observer, body.id, photo.length, Buffer.alloc(0));
      expect(retry.statusCode, JSON.stringify(retry.json())).toBe(200);
      expect(retry.json().evidence).toMatchObject({ status: 'stored', sha256Received: sha256(photo) });
      expect((await custody(body.id)).map((a) => a.action)).toEqual(['evidence.upload_started', 'evidence.received']);
      const original = await rawRequest(t, observer, 'GET', `/api/evidence/${body.id}/original`);
      expect(sha256(original.raw)).toBe(sha256(photo));
      await publicCopyMade(observer, body.id);
    });
  }
});
