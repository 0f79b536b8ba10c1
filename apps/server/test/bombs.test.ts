import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { buildZip } from './zip-fixtures.js';

/**
 * Bombs are refused before they cost anything: the server's memory (this process's RSS, the
 * server runs in it) stays under a ceiling while refusing them, the person gets a clear message
 * in their language, and nothing is left behind.
 */
let t: TestVigie;
let coordinator: TestClient;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MB = 2 ** 20;

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  coordinator = await t.userWithRole(admin.user.organisationId, 'coordinator');
});
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
});
