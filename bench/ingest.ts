import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../apps/server/src/config.js';
import { startVigie } from '../apps/server/src/server.js';
import { hashPassword } from '../apps/server/src/platform/auth/passwords.js';
import { createTestDatabase } from '../apps/server/test/test-database.js';

/**
 * Eviction submissions through the real HTTP API (sync push, one eviction per request, as a
 * phone flushing its outbox does), at a given concurrency: throughput and latency percentiles.
 */
export async function measureIngest(options: { backend: 'pglite' | 'postgres'; concurrency: number; requests: number }) {
  if (options.backend === 'postgres') process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  else delete process.env.TEST_DATABASE_URL;
  const testDb = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-'));
  const config = loadConfig({ NODE_ENV: 'production', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://127.0.0.1' });
  const vigie = await startVigie({ ...config, database: testDb.database }, { logger: false });
  try {
    const base = vigie.url;
    const post = async (path: string, body: unknown, cookie = '', csrf = '') => fetch(`${base}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: JSON.stringify(body),
    });
    await post('/api/setup', { code: vigie.setupCode, organisationName: 'Bench', displayName: 'Bench', email: 'bench@example.org', password: 'bench password 123' });
    const org = await vigie.ctx.db.selectFrom('organisations').select('id').executeTakeFirstOrThrow();
    await vigie.ctx.db.insertInto('users').values({ organisation_id: org.id, email: 'obs@example.org', display_name: 'Obs', password_hash: await hashPassword('bench password 123'), role: 'observer' }).execute();
    const login = await post('/api/auth/login', { email: 'obs@example.org', password: 'bench password 123' });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const ref = (await (await fetch(`${base}/api/field/reference`, { headers: { cookie } })).json()) as { areas: Array<{ id: string; code: string }> };
    const areaId = ref.areas.find((a) => a.code === 'calaisis')!.id;
    const siteId = randomUUID();
    const operationId = randomUUID();
    await post('/api/sync/push', { commands: [
      { commandId: randomUUID(), type: 'site.save', baseVersion: null, record: { id: siteId, code: 'B2', name: 'B2', areaId, communeInsee: '62193' } },
      { commandId: randomUUID(), type: 'operation.save', baseVersion: null, record: { id: operationId, areaId, startedAt: new Date(Date.now() - 3_600_000).toISOString() } },
    ] }, cookie, csrfToken);
    const eviction = () => ({
      commandId: randomUUID(), type: 'eviction.save', baseVersion: null,
      record: {
        id: randomUUID(), operationId, siteId, arrivedAt: new Date(Date.now() - 1_800_000).toISOString(),
        counts: { personsEvicted: { n: 25, atLeast: true }, arrests: { n: 1, atLeast: false } },
        seized: [{ term: 'tent', n: 10, atLeast: true }, { term: 'blanket', n: 6, atLeast: true }],
        forces: [{ corps: 'crs', unit: 'CRS 8', vehicles: [{ type: 'van', n: 3 }] }], legalBasisCategory: 'flagrance',
      },
    });
    const latencies: number[] = [];
    let next = 0;
    let failures = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: options.concurrency }, async () => {
      while (next < options.requests) {
        next += 1;
        const t0 = performance.now();
        const res = await post('/api/sync/push', { commands: [eviction()] }, cookie, csrfToken);
        const body = (await res.json()) as { results?: Array<{ status: string }> };
        if (res.status !== 200 || body.results?.[0]?.status !== "applied") { failures += 1; if (failures <= 2) console.error("failure", res.status, JSON.stringify(body).slice(0, 400)); }
        latencies.push(performance.now() - t0);
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => +latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
    return { backend: options.backend, concurrency: options.concurrency, requests: latencies.length, failures, perSecond: +(latencies.length / seconds).toFixed(1), p50: pct(50), p95: pct(95), p99: pct(99) };
  } finally {
    await vigie.close();
    await testDb.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
