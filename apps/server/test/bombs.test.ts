import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeflate, crc32 } from 'node:zlib';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { patchChunk, seedEviction, uploadBody } from './evidence-fixtures.js';
import { buildZip } from './zip-fixtures.js';

/**
 * Bombs are refused before they cost anything: the server's memory (this process's RSS, the
 * server runs in it) stays under a ceiling while refusing them, the person gets a clear message
 * in their language, and nothing is left behind.
 */
let t: TestVigie;
let coordinator: TestClient;
let observer: TestClient;
let orgId: string;
let evictionId: string;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MB = 2 ** 20;

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  orgId = admin.user.organisationId;
  coordinator = await t.userWithRole(orgId, 'coordinator');
  observer = await t.userWithRole(orgId, 'observer');
  ({ evictionId } = await seedEviction(t, orgId, observer.user.id));
});

/**
 * A valid 8-bit grey PNG of width × height white pixels, deflated row by row so building it
 * never holds the decoded image: 16,000 × 16,000 is ~250 KB on disk, 256 MB once decoded.
 */
async function hugePng(width: number, height: number): Promise<Buffer> {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4); ihdr[8] = 8; ihdr[9] = 0;
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const row = Buffer.alloc(width + 1, 0xff);
  row[0] = 0;
  for (let y = 0; y < height; y += 1) {
    if (!deflate.write(row)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', Buffer.concat(parts)), chunk('IEND', Buffer.alloc(0))]);
}
afterAll(async () => { await t?.close(); });

async function sendImport(file: Buffer, locale = 'fr') {
  const res = await t.vigie.app.inject({
    method: 'POST', url: '/api/imports?fileName=bombe.xlsx', payload: file,
    headers: { cookie: coordinator.cookie, 'x-csrf-token': coordinator.csrf, 'accept-language': locale, 'content-type': XLSX },
  });
  return { statusCode: res.statusCode, json: () => JSON.parse(res.body) };
}

/** Peak RSS growth while `work` runs, sampled every 5 ms. */
async function peakRssGrowth(work: () => Promise<void>): Promise<number> {
  globalThis.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().rss) - start;
}

const imports = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM imports`.execute(t.db)).rows[0]!.n);

describe(`bombs (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('refuses an XLSX bomb (a 64 KB sheet that inflates to 64 MB, ratio 1000) with memory under 150 MB and nothing saved', async () => {
    // 64 MB of one byte, deflated: honestly declared, refused for its size and ratio
    // before a byte is inflated.
    const honest = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>'), deflate: true },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * MB, 0x20), deflate: true, declaredSize: 64 * MB },
    ]);
    // The same sheet lying about its size (declares 2 KB): stopped while streaming.
    const liar = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>'), deflate: true },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * MB, 0x20), deflate: true, declaredSize: 2048 },
    ]);
    const before = await imports();
    const results: Array<{ statusCode: number; json: () => any }> = [];
    const growth = await peakRssGrowth(async () => {
      results.push(await sendImport(honest), await sendImport(liar));
    });
    expect(results[0]!.statusCode).toBe(413);
    expect(results[0]!.json()).toMatchObject({ code: 'archive.too_large' });
    expect(results[0]!.json().message).toContain('Rien n’a été enregistré');
    expect(results[1]!.statusCode).toBe(422);
    expect(results[1]!.json()).toMatchObject({ code: 'archive.unsafe' });
    expect(results[1]!.json().message).toContain('Rien n’a été enregistré');
    expect(growth).toBeLessThan(150 * MB);
    expect(await imports()).toBe(before);
  });

  it('refuses a 16,000 × 16,000 PNG before decoding it, memory under 150 MB, nothing kept', async () => {
    const png = await hugePng(16_000, 16_000);
    expect(png.length).toBeLessThan(2 * MB);
    const body = uploadBody(png, { evictionId });
    expect((await observer.post('/api/evidence', body)).statusCode).toBe(201);
    let res: Awaited<ReturnType<typeof patchChunk>> | undefined;
    const growth = await peakRssGrowth(async () => { res = await patchChunk(t, observer, body.id, 0, png); });
    expect(res!.statusCode).toBe(413);
    expect(res!.json()).toMatchObject({ code: 'image.too_many_pixels', details: { width: 16_000, height: 16_000, maxPixels: 100_000_000 } });
    expect(res!.json().message).toContain('16000 × 16000');
    expect(growth).toBeLessThan(150 * MB);
    const row = (await sql<{ status: string; rejection_reason: string; storage_key: string | null }>`
      SELECT status, rejection_reason, storage_key FROM evidence WHERE id = ${body.id}`.execute(t.db)).rows[0]!;
    expect(row).toEqual({ status: 'rejected', rejection_reason: 'too_many_pixels', storage_key: null });
    expect(existsSync(join(t.vigie.ctx.config.dataDir, 'evidence', 'originals', orgId, body.id))).toBe(false);
  });
});
