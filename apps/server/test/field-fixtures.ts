import { randomUUID } from 'node:crypto';
import type { TestClient } from './harness.js';

/** Builders for the records a phone sends, with sensible defaults a test overrides. */
export async function reference(c: TestClient) {
  const ref = (await c.get('/api/field/reference')).json();
  const calaisis = ref.areas.find((a: { code: string }) => a.code === 'calaisis');
  return { ref, calaisisId: calaisis.id as string };
}

export function siteCommand(areaId: string, over: Record<string, unknown> = {}) {
  return {
    commandId: randomUUID(), type: 'site.save', baseVersion: null,
    record: { id: randomUUID(), code: 'B2', name: 'Bois B2', aliases: ['Le bois'], areaId, communeInsee: '62193', latitude: 50.95, longitude: 1.87, ...over },
  };
}

export function operationCommand(areaId: string, over: Record<string, unknown> = {}) {
  return {
    commandId: randomUUID(), type: 'operation.save', baseVersion: null,
    record: { id: randomUUID(), areaId, startedAt: minutesAgo(120), operationType: 'routine', ...over },
  };
}

export function evictionCommand(operationId: string, siteId: string, over: Record<string, unknown> = {}, baseVersion: number | null = null) {
  return {
    commandId: randomUUID(), type: 'eviction.save', baseVersion,
    record: {
      id: randomUUID(), operationId, siteId, arrivedAt: minutesAgo(100), leftAt: minutesAgo(70), coverage: 'full',
      counts: { personsEvicted: { n: 30, atLeast: true }, arrests: { n: 2, atLeast: false }, arrestsWithViolence: { n: 1, atLeast: false } },
      seized: [{ term: 'tent', n: 12, atLeast: true }, { term: 'sleeping_bag', n: 5, atLeast: true }],
      forces: [{ corps: 'crs', unit: 'CRS 36', vehicles: [{ type: 'van', n: 4 }], officers: { n: 20, atLeast: true } }],
      legalBasisText: 'Flagrance, selon le commandant', legalBasisCategory: 'flagrance',
      interpreter: 'absent', socialAssessment: false, shelterOffered: true, ...over,
    },
  };
}

export function submitCommand(id: string) {
  return { commandId: randomUUID(), type: 'eviction.submit', baseVersion: null, record: { id } };
}

export function minutesAgo(m: number): string {
  return new Date(Date.now() - m * 60_000).toISOString();
}

export async function push(c: TestClient, commands: unknown[]) {
  const res = await c.post('/api/sync/push', { commands });
  if (res.statusCode !== 200) throw new Error(`push failed ${res.statusCode}: ${res.body}`);
  return res.json().results as Array<{ commandId: string; status: string; version: number | null; error: { code: string; message: string } | null }>;
}
