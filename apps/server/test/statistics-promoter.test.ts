import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextPromoteDelay, promoteAllStatistics, promoteStatistics } from '../src/modules/communication/statistics/statistics.promoter.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { evictionCommand, operationCommand, push, reference, siteCommand, submitCommand } from './field-fixtures.js';

/**
 * A new eviction is saved pending and counted into the statistics cells after its submission
 * (migration 20k-01). What a coordinator relies on: the figures include it at once, before and
 * after it is counted; once counted, the cells hold it; a pending eviction rejected (a duplicate)
 * before it was counted never reaches them; and the promoter runs on its own.
 */

const exact = (n: number) => ({ n, atLeast: false });
const DAY = '2026-06-10';
const summaryUrl = `/api/statistics/summary?from=${DAY}&to=${DAY}`;

type Setup = { t: TestVigie; observer: TestClient; coordinator: TestClient; operationId: string; siteId: string };

async function setUp(env: Record<string, string>): Promise<Setup> {
  const t = await startTestVigie(env);
  const admin = await t.setUpAdmin();
  const organisationId = admin.user.organisationId as string;
  const observer = await t.userWithRole(organisationId, 'observer');
  const coordinator = await t.userWithRole(organisationId, 'coordinator');
  const { calaisisId } = await reference(observer);
  const site = siteCommand(calaisisId, { code: 'P1', name: 'Site P' });
  const op = operationCommand(calaisisId, { startedAt: `${DAY}T05:00:00Z` });
  expect((await push(observer, [site, op])).map((r) => r.status)).toEqual(['applied', 'applied']);
  return { t, observer, coordinator, operationId: op.record.id, siteId: site.record.id };
}

async function saveEviction(s: Setup, people: number, tents: number) {
  const cmd = evictionCommand(s.operationId, s.siteId, {
    arrivedAt: `${DAY}T06:00:00Z`, leftAt: null, counts: { personsEvicted: exact(people), arrests: null, arrestsWithViolence: null },
    seized: [{ term: 'tent', n: tents, atLeast: false }], forces: [{ corps: 'crs', unit: 'CRS 8' }],
  });
  expect((await push(s.observer, [cmd, submitCommand(cmd.record.id)])).map((r) => r.status)).toEqual(['applied', 'applied']);
  return cmd.record.id;
}

async function figures(s: Setup) {
  const res = await s.coordinator.get(`${summaryUrl}&includeDrafts=true`);
  expect(res.statusCode, res.body).toBe(200);
  const f = res.json().figures;
  return { evictions: f.evictions.value, people: f.personsEvicted.value, tents: f.tentsSeized.value };
}

/** What the cells hold for the day, without the records: the day cells' evictions and people, the item cells' tents. */
async function cells(s: Setup) {
  const r = await sql<{ evictions: number | null; people: number | null; tents: number | null }>`
    SELECT (SELECT sum(evictions) FROM statistics_cells WHERE span = 'day' AND period = ${DAY}::date)::int AS evictions,
      (SELECT sum(persons_evicted_sum) FROM statistics_cells WHERE span = 'day' AND period = ${DAY}::date)::int AS people,
      (SELECT sum(n) FROM statistics_item_cells WHERE span = 'day' AND period = ${DAY}::date AND term = 'tent')::int AS tents`.execute(s.t.db);
  const row = r.rows[0]!;
  return { evictions: row.evictions ?? 0, people: row.people ?? 0, tents: row.tents ?? 0 };
}

const pendingOf = async (s: Setup, id: string) => (await sql<{ pending: boolean; tallies: boolean }>`
  SELECT e.statistics_pending AS pending, coalesce(bool_or(t.eviction_pending), false) AS tallies
  FROM evictions e LEFT JOIN eviction_tallies t ON t.eviction_id = e.id WHERE e.id = ${id} GROUP BY e.statistics_pending`.execute(s.t.db)).rows[0];

describe(`statistics counted after the submission (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  describe('with the promoter stopped, counting by hand', () => {
    let s: Setup;
    beforeAll(async () => { s = await setUp({ STATISTICS_PROMOTE_MS: '0' }); }, 60_000);
    afterAll(async () => { await s?.t.close(); });

    it('includes a pending eviction in the figures at once, and the same figures once it is counted', async () => {
      const first = await saveEviction(s, 12, 3);
      expect(await pendingOf(s, first)).toEqual({ pending: true, tallies: true });
      // Not in the cells yet, but in the figures: they are recounted while anything is pending.
      expect(await cells(s)).toEqual({ evictions: 0, people: 0, tents: 0 });
      expect(await figures(s)).toEqual({ evictions: 1, people: 12, tents: 3 });

      expect(await promoteAllStatistics(s.t.db)).toBe(1);
      expect(await pendingOf(s, first)).toEqual({ pending: false, tallies: false });
      expect(await cells(s)).toEqual({ evictions: 1, people: 12, tents: 3 });
      expect(await figures(s)).toEqual({ evictions: 1, people: 12, tents: 3 });
    });

    it('never counts a pending eviction rejected before the promoter reached it', async () => {
      const second = await saveEviction(s, 40, 7);
      expect(await figures(s)).toEqual({ evictions: 2, people: 52, tents: 10 });
      const res = await s.coordinator.post(`/api/evictions/${second}/reject`, { version: 2, reason: 'Saisi deux fois' });
      expect(res.statusCode, res.body).toBe(200);
      expect(await figures(s)).toEqual({ evictions: 1, people: 12, tents: 3 });
      // Counting it now (still pending, rejected) adds nothing.
      expect(await promoteStatistics(s.t.db)).toBe(1);
      expect(await cells(s)).toEqual({ evictions: 1, people: 12, tents: 3 });
      expect(await figures(s)).toEqual({ evictions: 1, people: 12, tents: 3 });
    });
  });

  describe('with the promoter running', () => {
    let s: Setup;
    beforeAll(async () => { s = await setUp({ STATISTICS_PROMOTE_MS: '50' }); }, 60_000);
    afterAll(async () => { await s?.t.close(); });

    it('counts a saved eviction into the cells on its own', async () => {
      const id = await saveEviction(s, 9, 2);
      for (let tries = 0; tries < 200 && (await pendingOf(s, id))?.pending; tries++) await new Promise((r) => setTimeout(r, 50));
      expect(await pendingOf(s, id)).toEqual({ pending: false, tallies: false });
      expect(await cells(s)).toEqual({ evictions: 1, people: 9, tents: 2 });
      expect(await figures(s)).toEqual({ evictions: 1, people: 9, tents: 2 });
    });
  });

  it('looks less often while nothing is pending, and at its interval again once something was counted', () => {
    const looks = [200];
    for (let i = 0; i < 8; i++) looks.push(nextPromoteDelay(looks.at(-1)!, 0, 200));
    expect(looks).toEqual([200, 400, 800, 1600, 3200, 5000, 5000, 5000, 5000]);
    expect(nextPromoteDelay(5000, 3, 200)).toBe(200);
    // An interval set longer than the idle wait is kept as it is.
    expect(nextPromoteDelay(10_000, 0, 10_000)).toBe(10_000);
  });
});
