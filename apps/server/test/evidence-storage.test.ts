import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalFolderStorage } from '../src/platform/storage/local-folder-storage.js';
import { ObjectNotFoundError, type ObjectStorage } from '../src/platform/storage/object-storage.js';
import { S3Storage } from '../src/platform/storage/s3-storage.js';
import { startTestVigie, type TestVigie } from './harness.js';
import { noisePng, patchChunk, publicCopyMade, rawRequest, seedEviction, sha256, uploadBody } from './evidence-fixtures.js';

/**
 * The same storage contract checked on a local folder and on a real S3-compatible server
 * (s3rver, a Node implementation of the S3 HTTP API, started here on the loopback), then a
 * whole evidence upload with Vigie configured for S3.
 */
let s3: S3rver;
let s3Endpoint: string;
const dirs: string[] = [];
const tempDir = () => { const d = mkdtempSync(join(tmpdir(), 'vigie-storage-')); dirs.push(d); return d; };

beforeAll(async () => {
  s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: tempDir(), configureBuckets: [{ name: 'vigie-evidence', configs: [] }] });
  const { port } = await s3.run();
  s3Endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await s3?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const s3Config = () => ({
  kind: 's3' as const, endpoint: s3Endpoint, bucket: 'vigie-evidence', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER',
});
const read = async (s: Readable) => { const parts: Buffer[] = []; for await (const p of s) parts.push(p as Buffer); return Buffer.concat(parts); };

describe.each([
  ['a local folder', () => new LocalFolderStorage(tempDir())],
  ['an S3-compatible server', () => new S3Storage(s3Config())],
])('object storage on %s', (_name, make: () => ObjectStorage) => {
  it('stores, streams back, replaces and deletes objects by key', async () => {
    const storage = make();
    const bytes = Buffer.alloc(300_000, 7);
    await storage.put('originals/org/file-1', Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), bytes.length);
    expect(await storage.exists('originals/org/file-1')).toBe(true);
    expect((await read(await storage.get('originals/org/file-1'))).equals(bytes)).toBe(true);
    await storage.put('originals/org/file-1', Readable.from([Buffer.from('v2')]), 2);
    expect((await read(await storage.get('originals/org/file-1'))).toString()).toBe('v2');
    await storage.delete('originals/org/file-1');
    await storage.delete('originals/org/file-1');
    expect(await storage.exists('originals/org/file-1')).toBe(false);
    await expect(storage.get('originals/org/file-1')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('refuses keys that could leave the storage root', async () => {
    const storage = make();
    for (const key of ['../secret.key', '/etc/passwd', 'a/../../b', 'a\\b', '']) {
      await expect(storage.put(key, Readable.from([Buffer.from('x')]), 1)).rejects.toThrow(/Invalid storage key/);
    }
  });
});

describe(`evidence kept in S3-compatible storage (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let t: TestVigie;
  beforeAll(async () => {
    t = await startTestVigie({
      STORAGE_KIND: 's3', S3_ENDPOINT: s3Endpoint, S3_BUCKET: 'vigie-evidence', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER',
    });
  });
  afterAll(async () => { await t?.close(); });

  it('uploads a photo, keeps the original encrypted in the bucket and gives it back intact', async () => {
    const admin = await t.setUpAdmin();
    const observer = await t.userWithRole(admin.user.organisationId, 'observer');
    const { evictionId } = await seedEviction(t, admin.user.organisationId, observer.user.id);
    const photo = await noisePng(80, 60);
    const body = uploadBody(photo, { evictionId });
    expect((await observer.post('/api/evidence', body)).statusCode).toBe(201);
    const done = await patchChunk(t, observer, body.id, 0, photo);
    expect(done.json().evidence).toMatchObject({ status: 'stored', publicCopyPending: true });
    expect(await publicCopyMade(observer, body.id)).toMatchObject({ hasPublicCopy: true });
    const bucket = new S3Storage(s3Config());
    const atRest = await read(await bucket.get(`originals/${admin.user.organisationId}/${body.id}`));
    expect(atRest.length).toBe(photo.length);
    expect(atRest.indexOf(photo.subarray(200, 232))).toBe(-1);
    const original = await rawRequest(t, observer, 'GET', `/api/evidence/${body.id}/original`);
    expect(sha256(original.raw)).toBe(sha256(photo));
    expect((await rawRequest(t, observer, 'GET', `/api/evidence/${body.id}/public`)).statusCode).toBe(200);
  });

  it('refuses to start with STORAGE_KIND=s3 but no bucket', async () => {
    const { loadConfig } = await import('../src/config.js');
    expect(() => loadConfig({ STORAGE_KIND: 's3' })).toThrow(/S3_BUCKET is required/);
  });
});
