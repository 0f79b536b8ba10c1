import { randomUUID } from 'node:crypto';
import type { TestClient } from './harness.js';
import { evictionCommand, operationCommand, push, reference, siteCommand, submitCommand } from './field-fixtures.js';

/**
 * The fixed month the bulletin golden files are written from: Calaisis, February 2026, four
 * verified evictions of three sites, one eviction left unverified (it must not count), violence
 * on three days and an obstruction on one, plus one eviction in January 2026 and one in
 * February 2025 for the comparisons. Everything goes through the sync API and the review
 * queue, as observers and a coordinator would.
 *
 * February has a complete rota: every day is observed (an operation, or a shift that reported
 * "rien à signaler") except 5 February, which the rota does not expect (an exception: no
 * volunteers). So its coverage is 27 of 27 days and a count the observers were sure of prints
 * exactly ("2 chaises"); deleting the exception (`rotaExceptionId`) leaves one expected day
 * unobserved, and every figure becomes a minimum again. January 2026 and February 2025 have no
 * rota entries: their comparison figures stay minimums.
 */
export type Fixture = {
  calaisisId: string; dunkerquoisId: string; rotaExceptionId: string;
  evictions: Record<string, { id: string; version: number; record: any }>;
};

/** Days of February 2026 on which an operation was recorded, and the day the rota does not expect. */
const FEBRUARY_OPERATION_DAYS = ['2026-02-13', '2026-02-18', '2026-02-20', '2026-02-27'];
const FEBRUARY_NO_VOLUNTEERS = '2026-02-05';

async function seedFebruaryRota(coordinator: TestClient): Promise<string> {
  const exception = await coordinator.post('/api/rota/areas/calaisis/exceptions', {
    from: FEBRUARY_NO_VOLUNTEERS, to: FEBRUARY_NO_VOLUNTEERS, reason: 'Pas de bénévoles disponibles',
  });
  if (exception.statusCode !== 201 && exception.statusCode !== 200) throw new Error(`fixture rota exception: ${exception.body}`);
  for (let d = 1; d <= 28; d++) {
    const day = `2026-02-${String(d).padStart(2, '0')}`;
    if (day === FEBRUARY_NO_VOLUNTEERS || FEBRUARY_OPERATION_DAYS.includes(day)) continue;
    const res = await coordinator.post('/api/rota/nothing-to-report', { areaCode: 'calaisis', day });
    if (res.statusCode !== 204) throw new Error(`fixture rien à signaler ${day}: ${res.body}`);
  }
  return exception.json().id as string;
}

const counts = (over: Record<string, { n: number; atLeast: boolean }>) => ({
  personsEvicted: null, women: null, children: null, families: null, unaccompaniedMinors: null, arrests: null,
  arrestsWithViolence: null, idChecks: null, shelterAccepted: null, ...over,
});
const tally = (term: string, n: number, atLeast = true) => ({ term, n, atLeast });

export async function seedFebruary(coordinator: TestClient): Promise<Fixture> {
  const { ref, calaisisId } = await reference(coordinator);
  const dunkerquoisId = ref.areas.find((a: { code: string }) => a.code === 'dunkerquois').id as string;
  const sites = {
    b2: siteCommand(calaisisId, { code: 'B2', name: 'Bois B2' }),
    hop: siteCommand(calaisisId, { code: 'HOP', name: 'Hôpital', aliases: [] }),
    uni: siteCommand(calaisisId, { code: 'UNI', name: 'Université', aliases: [] }),
  };
  const ops = {
    feb13: operationCommand(calaisisId, { startedAt: '2026-02-13T05:30:00Z' }),
    feb18: operationCommand(calaisisId, { startedAt: '2026-02-18T05:20:00Z' }),
    feb20: operationCommand(calaisisId, { startedAt: '2026-02-20T05:40:00Z' }),
    feb27: operationCommand(calaisisId, { startedAt: '2026-02-27T06:00:00Z' }),
    jan20: operationCommand(calaisisId, { startedAt: '2026-01-20T06:00:00Z' }),
    feb2025: operationCommand(calaisisId, { startedAt: '2025-02-10T06:00:00Z' }),
  };
  const at = (arrivedAt: string, leftAt: string) => ({ arrivedAt, leftAt });
  const ev = {
    e1: evictionCommand(ops.feb13.record.id, sites.b2.record.id, {
      ...at('2026-02-13T06:10:00Z', '2026-02-13T07:00:00Z'),
      counts: counts({ personsEvicted: { n: 30, atLeast: true }, arrests: { n: 2, atLeast: false }, arrestsWithViolence: { n: 1, atLeast: false }, unaccompaniedMinors: { n: 3, atLeast: true } }),
      seized: [{ ...tally('tent', 12), parts: [tally('tent_with_belongings', 4)] }, tally('blanket', 20), tally('mattress', 1, false), tally('tarp', 6)],
    }),
    e2: evictionCommand(ops.feb13.record.id, sites.hop.record.id, {
      ...at('2026-02-13T07:20:00Z', '2026-02-13T08:00:00Z'),
      counts: counts({ personsEvicted: { n: 15, atLeast: true }, arrests: { n: 0, atLeast: false } }),
      seized: [tally('tent', 5), tally('chair', 2, false), tally('bike', 1, false)],
    }),
    e3: evictionCommand(ops.feb18.record.id, sites.b2.record.id, {
      ...at('2026-02-18T06:00:00Z', '2026-02-18T06:45:00Z'),
      counts: counts({ personsEvicted: { n: 25, atLeast: true }, arrests: { n: 1, atLeast: false } }), foodDistribution: true,
      seized: [{ ...tally('tent', 8), parts: [tally('tent_with_belongings', 3)] }, tally('pallet_wood', 10), tally('phone_battery', 2)],
    }),
    e4: evictionCommand(ops.feb27.record.id, sites.uni.record.id, {
      ...at('2026-02-27T06:30:00Z', '2026-02-27T07:10:00Z'),
      counts: counts({ personsEvicted: { n: 10, atLeast: false }, unaccompaniedMinors: { n: 2, atLeast: false } }),
      seized: [], foodDistribution: true, bailiff: true,
      // Led by the national police and the BAC, no CRS: the month's forces line is printed.
      forces: [{ corps: 'pn', unit: null, vehicles: [], officers: null, weapons: [] }, { corps: 'bac', unit: null, vehicles: [], officers: null, weapons: [] }],
    }),
    // Submitted but never verified: none of it may reach a bulletin.
    e5: evictionCommand(ops.feb20.record.id, sites.hop.record.id, {
      ...at('2026-02-20T06:00:00Z', '2026-02-20T06:30:00Z'),
      counts: counts({ personsEvicted: { n: 100, atLeast: false } }), seized: [tally('tent', 50)],
    }),
    jan: evictionCommand(ops.jan20.record.id, sites.b2.record.id, {
      ...at('2026-01-20T06:10:00Z', '2026-01-20T07:00:00Z'),
      counts: counts({ personsEvicted: { n: 40, atLeast: true } }), seized: [tally('tent', 20)],
    }),
    feb2025: evictionCommand(ops.feb2025.record.id, sites.b2.record.id, {
      ...at('2025-02-10T06:10:00Z', '2025-02-10T07:00:00Z'),
      counts: counts({ personsEvicted: { n: 12, atLeast: false } }), seized: [tally('tent', 3, false)],
    }),
  };
  const incident = (evictionId: string, kind: 'violence' | 'obstruction', incidentType: string, occurredAt: string) => ({
    commandId: randomUUID(), type: 'incident.save', baseVersion: null,
    record: { id: randomUUID(), evictionId, kind, incidentType, occurredAt, unit: 'CRS 36', description: null, victims: [] },
  });
  const incidents = [
    incident(ev.e1.record.id, 'violence', 'shaking_tents', '2026-02-13T06:20:00Z'),
    incident(ev.e1.record.id, 'obstruction', 'perimeter', '2026-02-13T06:15:00Z'),
    incident(ev.e3.record.id, 'violence', 'shaking_tents', '2026-02-18T06:10:00Z'),
    incident(ev.e3.record.id, 'violence', 'tear_gas', '2026-02-18T06:15:00Z'),
    incident(ev.e4.record.id, 'violence', 'shaking_tents', '2026-02-27T06:40:00Z'),
    incident(ev.e5.record.id, 'violence', 'tear_gas', '2026-02-20T06:10:00Z'),
  ];
  const all = [...Object.values(sites), ...Object.values(ops), ...Object.values(ev), ...incidents];
  for (const r of await push(coordinator, all)) if (r.status !== 'applied') throw new Error(`fixture: ${JSON.stringify(r)}`);
  const submitted = await push(coordinator, Object.values(ev).map((e) => submitCommand(e.record.id)));
  if (submitted.some((r) => r.status !== 'applied')) throw new Error(`fixture submit: ${JSON.stringify(submitted)}`);
  const evictions: Fixture['evictions'] = {};
  for (const [i, [name, e]] of Object.entries(ev).entries()) {
    const version = submitted[i]!.version!;
    evictions[name] = { id: e.record.id, version, record: e.record };
    if (name === 'e5') continue;
    const res = await coordinator.post(`/api/evictions/${e.record.id}/verify`, { version });
    if (res.statusCode !== 200) throw new Error(`fixture verify ${name}: ${res.body}`);
    evictions[name]!.version = res.json().version;
  }
  const rotaExceptionId = await seedFebruaryRota(coordinator);
  return { calaisisId, dunkerquoisId, rotaExceptionId, evictions };
}
