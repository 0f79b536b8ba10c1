import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inOrganisation } from '../src/platform/db/organisation-scope.js';
import {
  cellsAnswer, evictionAggregates, evictionCounts, foldStatisticsCells, statisticsPending, statisticsState, tallyAggregates,
} from '../src/modules/communication/statistics/statistics.cells.js';
import { forceAggregates, forceCombinationCounts } from '../src/modules/communication/statistics/statistics.force-cells.js';
import { promoteAllStatistics, promoteStatistics } from '../src/modules/communication/statistics/statistics.promoter.js';
import {
  incidentAggregates, recountEvictionAggregates, recountForceAggregates, recountForceCombinations, recountTallyAggregates, type GroupKey, type ScopedFilter,
} from '../src/modules/communication/statistics/statistics.queries.js';
import { storedSplitEvictionAggregates, storedSplitTallyAggregates } from '../src/modules/communication/statistics/statistics.split-sums.js';
import { yearCoverOf } from '../src/modules/communication/statistics/statistics.cover.js';
import { storedPlaceEvictionAggregates } from '../src/modules/communication/statistics/statistics.place-sums.js';
import { storedPlaceOperationCounts } from '../src/modules/communication/statistics/statistics.place-counts.js';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { expectCellTablesAgree } from './statistics-cells-tables.js';
import { evictionCommand, operationCommand, push, reference, siteCommand, submitCommand } from './field-fixtures.js';

/**
 * The pre-aggregated cells (migrations 20e-01, 20b-01, 20c-01, 20g-01, 20i-01, 20i-03, 20i-04, 20l-01: per site, the item totals without a site, the cells by
 * legal basis, the week totals without a site, the cells by force combination, the place cells) against a recount from the records, after random
 * sequences of what writers do: new evictions (drafts, submitted, verified), verifications,
 * rejections, edits (site, day, counts, items, legal basis), deletions and restores, eviction merges, site
 * merges and unmerges, sites moved to another commune or area, and folds of the cells in between. New evictions are saved pending
 * and counted by the promoter (migration 20k-01), which here runs only as one of the random actions: so evictions are also edited,
 * reviewed, merged and deleted while pending. Every grouping the cells serve, with and without drafts, with and without a force filter,
 * over whole months, weeks and ragged periods, must equal the recount exactly once the pending evictions are counted; while any is
 * pending the cells are not read.
 * The database is not reset between runs: the invariant holds in every state.
 */

let t: TestVigie;
let observer: TestClient;
let coordinator: TestClient;
let organisationId: string;
let calaisisId: string;
let dunkerquoisId: string;
const sites: string[] = [];
const evictions: string[] = [];
const operations: Array<{ id: string; day: number }> = [];
const done: Record<string, number> = {};

/** Arrival times around month, week, year and daylight-saving edges (Paris days in comments). */
const ARRIVALS = [
  '2025-12-31T10:00:00Z', // Wed 31 Dec 2025
  '2026-01-04T10:00:00Z', // Sun 4 Jan
  '2026-01-05T10:00:00Z', // Mon 5 Jan
  '2026-01-31T22:30:00Z', // Sun 1 Feb in Paris
  '2026-02-02T10:00:00Z', // Mon 2 Feb
  '2026-03-29T00:30:00Z', // Sun 29 Mar, the night clocks go forward
];
const PERIODS: Array<[string, string]> = [
  ['2025-12-01', '2026-03-31'], ['2025-01-01', '2026-12-31'], ['2026-01-01', '2026-12-31'], ['2026-01-01', '2026-01-31'], ['2026-01-05', '2026-02-01'], ['2025-12-31', '2026-02-02'], ['2026-02-01', '2026-02-01'],
  // "Cette année" on the day of the latest arrival: no record after it, so the whole year's cells answer (`cellsPeriod`).
  // The periods above that end before the latest record must not run on: they check the other side.
  ['2026-01-01', '2026-03-29'],
];
const KEYS: GroupKey[] = ['none', 'day', 'week', 'month', 'year', 'area', 'commune', 'site', 'legalBasis'];
/** The dashboard's force filter (one corps present), and corps present and absent ("police nationale sans CRS"), as the combination cells answer them. */
const FORCE_FILTERS: Array<Pick<ScopedFilter, 'forceCorps' | 'forcesPresent' | 'forcesAbsent'>> = [
  {}, { forceCorps: 'crs' }, { forcesPresent: ['pn'], forcesAbsent: ['crs'] }, { forceCorps: 'gm', forcesPresent: ['crs'] }, { forcesAbsent: ['crs'] },
];
/** Legal bases as observers note them; none noted and 'unknown' are one group. */
const LEGAL = ['flagrance', 'court_decision', 'unknown', null] as const;

const count = () => fc.option(fc.record({ n: fc.integer({ min: 0, max: 40 }), atLeast: fc.boolean() }), { nil: null });
const recordArb = fc.record({
  arrival: fc.integer({ min: 0, max: ARRIVALS.length - 1 }),
  site: fc.nat(),
  counts: fc.record({ personsEvicted: count(), arrests: count(), unaccompaniedMinors: count() }),
  seized: fc.subarray([
    { term: 'tent', n: 3, atLeast: false }, { term: 'sleeping_bag', n: 7, atLeast: true }, { term: 'blanket', n: 0, atLeast: false },
  ]),
  coverage: fc.constantFrom('full', 'full', 'partial'),
  legalBasisCategory: fc.constantFrom(...LEGAL),
  incident: fc.boolean(),
  shelterOffered: fc.constantFrom(true, false, null),
  forces: fc.subarray([{ corps: 'crs', unit: 'CRS 36' }, { corps: 'crs', unit: 'CRS 8' }, { corps: 'gm', unit: null }, { corps: 'pn', unit: 'BAC nuit' }]),
});
const action = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), record: recordArb, status: fc.constantFrom('draft', 'submitted', 'verified'), sameOperation: fc.boolean() }),
  fc.record({ kind: fc.constantFrom('verify' as const, 'reject' as const, 'delete' as const, 'restore' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), record: recordArb }),
  fc.record({
    kind: fc.constant('sqlEdit' as const), pick: fc.nat(), arrival: fc.integer({ min: 0, max: ARRIVALS.length - 1 }), persons: fc.option(fc.nat(50), { nil: null }),
    legal: fc.constantFrom(...LEGAL),
  }),
  fc.record({ kind: fc.constant('merge' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constantFrom('siteMerge' as const, 'siteUnmerge' as const), pick: fc.nat(), into: fc.nat() }),
  fc.record({ kind: fc.constant('fold' as const) }),
  fc.record({ kind: fc.constant('promote' as const), batch: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('siteMove' as const), pick: fc.nat(), commune: fc.constantFrom('62193', '62239', '59271'), dunkerquois: fc.boolean() }),
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;
type RecordSpec = Action & { kind: 'create' } extends { record: infer R } ? R : never;

const pickFrom = <T>(list: T[], n: number) => list[n % list.length];

async function current(id: string) {
  return (await sql<{ version: number; status: string; site_id: string; date: string; operation_id: string; arrived_at: Date }>`
    SELECT version, status, site_id, date::text AS date, operation_id, arrived_at FROM evictions WHERE id = ${id}`.execute(t.db)).rows[0];
}

const note = (what: string, ok: boolean) => { if (ok) done[what] = (done[what] ?? 0) + 1; };

async function newOperation(arrival: number) {
  const cmd = operationCommand(calaisisId, { startedAt: new Date(Date.parse(ARRIVALS[arrival]!) - 30 * 60_000).toISOString() });
  await push(observer, [cmd]);
  operations.push({ id: cmd.record.id, day: arrival });
  return cmd.record.id;
}

function fields(r: RecordSpec) {
  return {
    arrivedAt: ARRIVALS[r.arrival], leftAt: null, counts: r.counts, seized: r.seized, coverage: r.coverage, shelterOffered: r.shelterOffered, forces: r.forces,
    legalBasisCategory: r.legalBasisCategory,
  };
}

async function apply(a: Action) {
  switch (a.kind) {
    case 'create': {
      const reuse = a.sameOperation ? operations.find((o) => o.day === a.record.arrival) : undefined;
      const op = reuse?.id ?? await newOperation(a.record.arrival);
      const cmd = evictionCommand(op, pickFrom(sites, a.record.site)!, fields(a.record));
      const results = await push(observer, [cmd, ...(a.status === 'draft' ? [] : [submitCommand(cmd.record.id)])]);
      if (results[0]?.status !== 'applied') return;
      note('create', true);
      evictions.push(cmd.record.id);
      if (a.record.incident) {
        // An incident at the eviction: it carries the eviction's legal basis (migration 20c-02) as the tallies do.
        const incident = { commandId: randomUUID(), type: 'incident.save', baseVersion: null, record: {
          id: randomUUID(), evictionId: cmd.record.id, kind: 'violence', incidentType: 'tear_gas', occurredAt: ARRIVALS[a.record.arrival],
          unit: null, description: null, victims: [],
        } };
        note('incident', (await push(observer, [incident]))[0]?.status === 'applied');
      }
      if (a.status === 'verified') note('verify', (await coordinator.post(`/api/evictions/${cmd.record.id}/verify`, { version: (await current(cmd.record.id))!.version })).statusCode === 200);
      return;
    }
    case 'verify': case 'reject': {
      const id = pickFrom(evictions, a.pick);
      if (!id) return;
      const body = { version: (await current(id))!.version, ...(a.kind === 'reject' ? { reason: 'Doublon ou erreur' } : {}) };
      note(a.kind, (await coordinator.post(`/api/evictions/${id}/${a.kind}`, body)).statusCode === 200);
      return;
    }
    case 'delete': case 'restore': {
      // Deletion is a writer's soft delete (imports undone, erasure); no route: as the owner would.
      const id = pickFrom(evictions, a.pick);
      if (!id) return;
      const r = await sql`UPDATE evictions SET deleted_at = ${a.kind === 'delete' ? sql`now()` : sql`NULL`} WHERE id = ${id}`.execute(t.db);
      note(a.kind, Number(r.numAffectedRows) > 0);
      return;
    }
    case 'edit': {
      const id = pickFrom(evictions, a.pick);
      if (!id) return;
      const row = (await current(id))!;
      const cmd = evictionCommand(row.operation_id, pickFrom(sites, a.record.site)!, fields(a.record), row.version);
      // A coordinator may correct any record (the observer only their drafts).
      const results = await push(coordinator, [{ ...cmd, record: { ...cmd.record, id } }]);
      note('edit', results[0]?.status === 'applied');
      return;
    }
    case 'sqlEdit': {
      const id = pickFrom(evictions, a.pick);
      if (!id) return;
      await sql`UPDATE evictions SET date = (${ARRIVALS[a.arrival]}::timestamptz AT TIME ZONE 'Europe/Paris')::date, persons_evicted = ${a.persons},
        quick = NOT quick, legal_basis_category = ${a.legal}, forces = CASE WHEN ${a.persons}::int IS NULL THEN '[{"corps":"pn","unit":"  "},{"corps":"pn","unit":"BAC"}]'::jsonb ELSE forces END
        WHERE id = ${id}`.execute(t.db);
      note('sqlEdit', true);
      return;
    }
    case 'merge': {
      const id = pickFrom(evictions, a.pick);
      if (!id) return;
      const row = (await current(id))!;
      const twins = (await sql<{ id: string }>`SELECT id FROM evictions WHERE site_id = ${row.site_id} AND id <> ${id} AND merged_into IS NULL
        AND (arrived_at AT TIME ZONE 'Europe/Paris')::date = (SELECT (arrived_at AT TIME ZONE 'Europe/Paris')::date FROM evictions WHERE id = ${id})
        ORDER BY id LIMIT 2`.execute(t.db)).rows;
      if (!twins.length) {
        // A duplicate as a second observer would record it: same site, same time.
        const twin = evictionCommand(row.operation_id, row.site_id, { arrivedAt: row.arrived_at.toISOString(), leftAt: null, forces: [] });
        if ((await push(observer, [twin, submitCommand(twin.record.id)]))[0]?.status !== 'applied') return;
        evictions.push(twin.record.id);
        twins.push({ id: twin.record.id });
      }
      note('merge', (await coordinator.post('/api/evictions/merge', { keepId: id, mergeIds: twins.map((r) => r.id) })).statusCode === 200);
      return;
    }
    case 'siteMerge': case 'siteUnmerge': {
      const site = pickFrom(sites, a.pick)!;
      const res = a.kind === 'siteMerge'
        ? await coordinator.post(`/api/sites/${site}/merge`, { intoSiteId: pickFrom(sites, a.into) })
        : await coordinator.post(`/api/sites/${site}/unmerge`, {});
      note(a.kind, res.statusCode === 200);
      return;
    }
    case 'fold':
      note('fold', (await foldStatisticsCells(t.db)) >= 0);
      return;
    case 'promote':
      // A small batch: some pending evictions counted, others left for later.
      note('promote', (await promoteStatistics(t.db, a.batch)) > 0);
      return;
    case 'siteMove': {
      // A site put in another commune or area (a correction of where it is): the stored counts per place (20i-01) no longer hold.
      const r = await sql`UPDATE sites SET commune_insee = ${a.commune}, area_id = ${a.dunkerquois ? dunkerquoisId : calaisisId}
        WHERE id = ${pickFrom(sites, a.pick)!}`.execute(t.db);
      note('siteMove', Number(r.numAffectedRows) > 0);
    }
  }
}

/** Rows in a stable order with numbers as numbers, so that both readings compare exactly. */
function normal<T extends { key: string }>(rows: T[]) {
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) && k !== 'key' ? Number(v) : v])))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

async function expectCellsEqualRecount(period: [string, string], place: 'all' | 'area' | 'commune' | 'site') {
  // While an eviction is pending, the figures are recounted: the cells are not read.
  const pending = await inOrganisation(t.db, organisationId, (trx) => statisticsPending(trx));
  const left = await sql<{ n: number }>`SELECT count(*) AS n FROM evictions WHERE statistics_pending`.execute(t.db);
  expect(pending).toBe(Number(left.rows[0]!.n) > 0);
  expect(cellsAnswer({ from: period[0], to: period[1], includeDrafts: false, pending })).toBe(!pending);
  await promoteAllStatistics(t.db);
  const lastDay = await lastDayOf();
  await inOrganisation(t.db, organisationId, async (trx) => {
    for (const [includeDrafts, forces] of [false, true].flatMap((d) => FORCE_FILTERS.map((x) => [d, x] as const))) {
      const asked: ScopedFilter = {
        from: period[0], to: period[1], includeDrafts, ...forces,
        ...(place === 'area' ? { areaId: calaisisId } : place === 'commune' ? { communeInsee: '62193' } : place === 'site' ? { siteId: sites[0] } : {}),
      };
      // The stored figures with the latest day, the recounts without: a period run on past a record would differ.
      const f: ScopedFilter = { ...asked, lastDay };
      const combinations = (rows: Array<{ corps: string[]; evictions: number }>) => normal(rows.map((r) => ({ key: r.corps.join('+'), evictions: Number(r.evictions) })));
      expect(combinations(await forceCombinationCounts(trx, f)), `force combinations ${JSON.stringify(f)}`).toEqual(combinations(await recountForceCombinations(trx, asked)));
      for (const key of KEYS) {
        const recounted = await recountEvictionAggregates(trx, asked, key);
        expect(normal(await evictionAggregates(trx, f, key)), `evictions ${key} ${JSON.stringify(f)}`).toEqual(normal(recounted));
        if (key === 'area' || key === 'commune' || key === 'site' || key === 'legalBasis') {
          // The map's evictions alone (from the site cells' index) are the recount's evictions.
          expect(normal(await evictionCounts(trx, f, key)), `eviction counts ${key} ${JSON.stringify(f)}`)
            .toEqual(normal(recounted.map((r) => ({ key: r.key, evictions: Number(r.evictions) }))));
        }
        expect(normal(await tallyAggregates(trx, f, key)), `items ${key} ${JSON.stringify(f)}`).toEqual(normal(await recountTallyAggregates(trx, asked, key)));
        expect(normal(await incidentAggregates(trx, f, key, { days: true })), `incidents ${key} ${JSON.stringify(f)}`)
          .toEqual(normal(await incidentAggregates(trx, asked, key, { copied: false, days: true })));
      }
      for (const level of ['corps', 'unit'] as const) {
        expect(normal(await forceAggregates(trx, f, level).then((rows) => rows.map((r) => ({ ...r, key: `${r.corps}:${r.unit}` })))), `forces ${level}`)
          .toEqual(normal(await recountForceAggregates(trx, asked, level).then((rows) => rows.map((r) => ({ ...r, key: `${r.corps}:${r.unit}` })))));
      }
    }
  });
}

/**
 * Distinct operations per place over whole calendar months and years, a place's weekly and monthly
 * series, its legal bases, and where one corps was present, and the items within one commune or area, the periods whose counts
 * and sums the fold stores (20i-01, 20o-01, 20o-02, 20p-01, 20p-02, 20p-03, 20q-01, 20q-03, 20q-04): read from them when
 * they hold (no unfolded cells, sites not moved since), else from the cells; either way equal to
 * the recount.
 */
const CALENDAR: Array<[string, string]> = [
  ['2026-01-01', '2026-01-31'], ['2026-01-01', '2026-12-31'], ['2025-12-01', '2025-12-31'], ['2025-01-01', '2025-12-31'],
  // A whole year after a partial one: the stored year, the partial one recounted.
  ['2025-12-31', '2026-12-31'],
  // Whole months before a whole year: the partial bucket ends on the last day of its last month.
  ['2025-11-01', '2026-12-31'],
  // Whole months across two years, as "les 12 derniers mois" asks them, with an edge day after them, as "cette année" does:
  // each month's stored count, less the operations counted in two of them (20s-01). Whole months alone: PERIODS' first.
  ['2025-12-01', '2026-02-01'],
  // Edge days before one whole month, with arrivals of their own: a site seen only on them counts among the distinct sites
  // of a run of stored months and edge days (where one corps was present, by place or legal basis: 20r-01, 20t-01).
  ['2026-01-04', '2026-02-28'],
  // This year to date, on the day of the latest arrival: read as the whole year (`cellsPeriod`).
  ['2026-01-01', '2026-03-29'],
];

/**
 * The latest day of any eviction as the figures' filter carries it (`ScopedFilter.lastDay`), checked against the records:
 * every comparison gives it to the stored figures and not to the recount, which reads the period asked.
 */
async function lastDayOf(): Promise<string | null> {
  const direct = await sql<{ d: string | null }>`SELECT max(date)::text AS d FROM evictions WHERE organisation_id = ${organisationId}`.execute(t.db);
  const { lastDay } = await inOrganisation(t.db, organisationId, (trx) => statisticsState(trx));
  expect(lastDay).toBe(direct.rows[0]!.d);
  return lastDay;
}
async function expectPlaceOperationsEqualRecount() {
  await promoteAllStatistics(t.db);
  const lastDay = await lastDayOf();
  await inOrganisation(t.db, organisationId, async (trx) => {
    for (const [from, to] of CALENDAR) {
      for (const includeDrafts of [false, true]) {
        const cases: Array<[ScopedFilter, GroupKey]> = [
          ...(['site', 'commune', 'area'] as const).map((key): [ScopedFilter, GroupKey] => [{ from, to, includeDrafts }, key]),
          [{ from, to, includeDrafts, siteId: sites[1] }, 'none'], [{ from, to, includeDrafts, communeInsee: '62193' }, 'none'],
          [{ from, to, includeDrafts, areaId: calaisisId }, 'none'], [{ from, to, includeDrafts, communeInsee: '62239' }, 'site'],
          // Communes within an area: stored while none of their sites is in another area (a site moved may make one straddle two).
          [{ from, to, includeDrafts, areaId: calaisisId }, 'commune'], [{ from, to, includeDrafts, areaId: dunkerquoisId }, 'commune'],
          // A place's series: whole buckets from the counts stored per week, month or year (20i-01, 20o-01), edges recounted.
          [{ from, to, includeDrafts, areaId: calaisisId }, 'week'], [{ from, to, includeDrafts, communeInsee: '62193' }, 'month'],
          [{ from, to, includeDrafts, siteId: sites[1] }, 'week'], [{ from, to, includeDrafts, areaId: calaisisId }, 'year'],
          // The sums and distinct sites the fold keeps per commune or area and week, month or year (20q-01).
          [{ from, to, includeDrafts, communeInsee: '62193' }, 'week'], [{ from, to, includeDrafts, communeInsee: '62193' }, 'none'],
          [{ from, to, includeDrafts, areaId: dunkerquoisId }, 'month'],
          // A breakdown by legal basis within one place: the counts stored per place and basis (20o-02).
          [{ from, to, includeDrafts, areaId: calaisisId }, 'legalBasis'], [{ from, to, includeDrafts, communeInsee: '62193' }, 'legalBasis'],
          [{ from, to, includeDrafts, siteId: sites[0] }, 'legalBasis'],
          // And over all places, from the counts of every place (20s-03).
          [{ from, to, includeDrafts }, 'legalBasis'],
          // Where one corps was present: the counts stored per corps (20p-01), by place, legal basis or for all places; two corps read the cells.
          ...(['site', 'commune', 'area', 'legalBasis', 'none'] as const).map((key): [ScopedFilter, GroupKey] => [{ from, to, includeDrafts, forceCorps: 'crs' }, key]),
          [{ from, to, includeDrafts, forcesPresent: ['crs'], areaId: calaisisId }, 'legalBasis'], [{ from, to, includeDrafts, forceCorps: 'crs', areaId: calaisisId }, 'commune'],
          [{ from, to, includeDrafts, forceCorps: 'crs', communeInsee: '62193' }, 'none'], [{ from, to, includeDrafts, forceCorps: 'crs', siteId: sites[0] }, 'legalBasis'],
          [{ from, to, includeDrafts, forceCorps: 'gm', forcesPresent: ['crs'] }, 'legalBasis'],
          // A yearly series over every place: whole calendar years from the counts stored per year (20q-03), partial years from the cells.
          [{ from, to, includeDrafts }, 'year'], [{ from, to, includeDrafts, forceCorps: 'crs' }, 'year'],
          // And its weeks and months over all places: distinct sites and operations stored per corps (20p-03), edge days from the cells.
          [{ from, to, includeDrafts, forceCorps: 'crs' }, 'week'], [{ from, to, includeDrafts, forcesPresent: ['crs'] }, 'month'],
          [{ from, to, includeDrafts, forceCorps: 'crs', forcesAbsent: ['gm'] }, 'week'],
          // Without a force filter, over every eviction, its weeks and months, and a whole month or year (20q-03).
          [{ from, to, includeDrafts }, 'week'], [{ from, to, includeDrafts }, 'month'], [{ from, to, includeDrafts }, 'none'],
        ];
        for (const [f, key] of cases) {
          expect(normal(await evictionAggregates(trx, { ...f, lastDay }, key)), `operations ${key} ${JSON.stringify(f)} ${lastDay}`)
            .toEqual(normal(await recountEvictionAggregates(trx, f, key)));
        }
        // Items within one commune or area: the sums the fold keeps per place, week, month and year (20p-02), edge days from the cells.
        const within: Array<[ScopedFilter, GroupKey]> = [
          [{ from, to, includeDrafts, areaId: calaisisId }, 'week'], [{ from, to, includeDrafts, areaId: calaisisId }, 'none'],
          [{ from, to, includeDrafts, communeInsee: '62193' }, 'month'], [{ from, to, includeDrafts, areaId: dunkerquoisId }, 'year'],
          [{ from, to, includeDrafts, communeInsee: '62239' }, 'week'],
          // Where one corps was present, by commune or area or within one: the items the fold keeps per corps (20r-01); two corps read the cells.
          [{ from, to, includeDrafts, forceCorps: 'crs' }, 'commune'], [{ from, to, includeDrafts, forceCorps: 'crs' }, 'area'],
          [{ from, to, includeDrafts, forceCorps: 'crs', areaId: calaisisId }, 'commune'], [{ from, to, includeDrafts, forcesPresent: ['crs'], communeInsee: '62193' }, 'none'],
          [{ from, to, includeDrafts, forceCorps: 'gm', forcesPresent: ['crs'] }, 'commune'],
          // By legal basis within one commune or area: the items the fold keeps per place and basis (20s-02).
          [{ from, to, includeDrafts, areaId: calaisisId }, 'legalBasis'], [{ from, to, includeDrafts, communeInsee: '62193' }, 'legalBasis'],
          // Under a force filter without a place: the sums the fold keeps without the site (20q-04).
          [{ from, to, includeDrafts, forceCorps: 'crs' }, 'legalBasis'], [{ from, to, includeDrafts, forcesPresent: ['crs'], forcesAbsent: ['gm'] }, 'legalBasis'],
        ];
        for (const [f, key] of within) {
          expect(normal(await tallyAggregates(trx, { ...f, lastDay }, key)), `items ${key} ${JSON.stringify(f)} ${lastDay}`)
            .toEqual(normal(await recountTallyAggregates(trx, f, key)));
        }
      }
    }
  });
}

/**
 * Whether the sums stored per place read at all: held after a fold, not after a site moved until the next fold. Readers that
 * always fell back to the cells would give the recount's figures too, so the comparisons alone would not notice.
 */
async function expectStoredSumsRead(held: boolean) {
  await inOrganisation(t.db, organisationId, async (trx) => {
    const year = { from: '2026-01-01', to: '2026-12-31', includeDrafts: false };
    const cover = yearCoverOf(year.from, year.to);
    const crs = { ...year, forceCorps: 'crs' };
    // Where the CRS was present, by commune (20r-01); one commune's year (20q-01).
    const noEdges = () => { throw new Error('a calendar year has no edge days'); };
    expect(await storedSplitEvictionAggregates(trx, crs, 'commune', cover, noEdges) !== undefined, 'corps sums').toBe(held);
    expect(await storedSplitTallyAggregates(trx, crs, 'commune', cover, noEdges) !== undefined, 'corps items').toBe(held);
    expect(await storedPlaceEvictionAggregates(trx, { ...year, communeInsee: '62193' }, 'none', cover[0]!) !== undefined, 'place sums').toBe(held);
    // Distinct operations over whole months across two years and an edge day (20s-01).
    const months = { from: '2025-12-01', to: '2026-02-01', includeDrafts: false, areaId: calaisisId };
    expect(await storedPlaceOperationCounts(trx, months, 'none', yearCoverOf(months.from, months.to)) !== undefined, 'operations over months').toBe(held);
    // Where the CRS was present, by commune, over three months across two years: their sums added up (20r-01).
    const crsMonths = { from: '2025-12-01', to: '2026-02-28', includeDrafts: false, forceCorps: 'crs' };
    expect(await storedSplitEvictionAggregates(trx, crsMonths, 'commune', yearCoverOf(crsMonths.from, crsMonths.to), noEdges) !== undefined, 'corps sums over months')
      .toBe(held);
    // By legal basis within the Calaisis, over the same months: the sums per place and basis (20s-02).
    const basisMonths = { from: '2025-12-01', to: '2026-02-28', includeDrafts: true, areaId: calaisisId };
    expect(await storedSplitEvictionAggregates(trx, basisMonths, 'legalBasis', yearCoverOf(basisMonths.from, basisMonths.to), noEdges) !== undefined, 'basis sums')
      .toBe(held);
    expect(await storedSplitTallyAggregates(trx, basisMonths, 'legalBasis', yearCoverOf(basisMonths.from, basisMonths.to), noEdges) !== undefined, 'basis items')
      .toBe(held);
    // By legal basis where the CRS was present, over every place and the same months: the sums per corps and basis (20t-01).
    const crsBasis = { ...basisMonths, areaId: undefined, forceCorps: 'crs' };
    expect(await storedSplitEvictionAggregates(trx, crsBasis, 'legalBasis', yearCoverOf(crsBasis.from, crsBasis.to), noEdges) !== undefined, 'corps basis sums')
      .toBe(held);
  });
}

beforeAll(async () => {
  // The promoter does not run on its own here: counting pending evictions is one of the actions.
  t = await startTestVigie({ STATISTICS_PROMOTE_MS: '0' });
  const admin = await t.setUpAdmin();
  organisationId = admin.user.organisationId;
  observer = await t.userWithRole(organisationId, 'observer');
  coordinator = await t.userWithRole(organisationId, 'coordinator');
  const { ref, calaisisId: calaisis } = await reference(observer);
  calaisisId = calaisis;
  dunkerquoisId = ref.areas.find((a: { code: string }) => a.code === 'dunkerquois').id as string;
  const commands = [
    siteCommand(calaisisId, { code: 'A1', name: 'Site A' }), siteCommand(calaisisId, { code: 'B1', name: 'Site B', communeInsee: '62193' }),
    siteCommand(calaisisId, { code: 'D1', name: 'Site D', communeInsee: '62239' }),
    siteCommand(dunkerquoisId, { code: 'C1', name: 'Site C', communeInsee: '59271', latitude: 51.0, longitude: 2.3 }),
  ];
  // Every site must exist: the scripted site merge needs site D (a rejected one made it a 404).
  expect((await push(observer, commands)).map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
  sites.push(...commands.map((c) => c.record.id));
}, 60_000);

afterAll(async () => { await t?.close(); });

describe('statistics cells', () => {
  it('always equal a recount from the records, whatever was written, reviewed, merged or deleted', async () => {
    // Every kind of write at least once, in a known order, before the random sequences.
    const spec = (arrival: number, site: number): RecordSpec => ({
      arrival, site, counts: { personsEvicted: { n: 12, atLeast: true }, arrests: null, unaccompaniedMinors: { n: 1, atLeast: false } },
      seized: [{ term: 'tent', n: 3, atLeast: false }], coverage: 'full', shelterOffered: null, forces: [{ corps: 'crs', unit: 'CRS 8' }],
      legalBasisCategory: site === 1 ? null : 'flagrance', incident: true,
    });
    const scripted: Action[] = [
      { kind: 'create', record: spec(3, 0), status: 'verified', sameOperation: false },
      { kind: 'create', record: spec(3, 1), status: 'submitted', sameOperation: true },
      { kind: 'promote', batch: 3 },
      // The third stays pending while it is deleted and restored.
      { kind: 'create', record: spec(4, 2), status: 'draft', sameOperation: false },
      { kind: 'verify', pick: 1 }, { kind: 'reject', pick: 0 }, { kind: 'edit', pick: 1, record: spec(0, 3) },
      { kind: 'delete', pick: 2 }, { kind: 'restore', pick: 2 }, { kind: 'merge', pick: 1 }, { kind: 'fold' }, { kind: 'promote', batch: 3 },
      { kind: 'siteMerge', pick: 2, into: 0 }, { kind: 'siteUnmerge', pick: 2, into: 0 }, { kind: 'sqlEdit', pick: 1, arrival: 5, persons: null, legal: 'court_decision' },
      { kind: 'fold' },
    ];
    for (const a of scripted) await apply(a);
    // One week (from Monday 5 January) with a verified operation and a submitted one in the Calaisis: its verified and all
    // operations differ, so reading one stored count for the other fails.
    await apply({ kind: 'create', record: spec(2, 0), status: 'verified', sameOperation: false });
    await apply({ kind: 'create', record: spec(2, 1), status: 'submitted', sameOperation: false });
    // The verified operation at a second site of the Calaisis, in another commune and with the same corps: it counts once in the
    // area, across legal bases and for all places, so counting its (site, operation) pairs instead of operations fails.
    await apply({ kind: 'create', record: spec(2, 2), status: 'verified', sameOperation: true });
    // A verified operation on the last day of 2025 in the Calaisis: a yearly series from 1 November 2025 reads December whole
    // in its partial bucket, so an edge that stopped at the start of its last month (1 December) misses it.
    await apply({ kind: 'create', record: spec(0, 0), status: 'verified', sameOperation: false });
    // An operation whose evictions at one site fall in two calendar months (31 December and 1 February, where the CRS was present).
    // Each month's stored count holds it; over both it counts once, so a sum of the months without the spanning operations'
    // correction (20s-01) fails.
    const spanning = await newOperation(0);
    for (const arrival of [0, 3]) {
      const cmd = evictionCommand(spanning, sites[2]!, fields(spec(arrival, 2)));
      expect((await push(observer, [cmd, submitCommand(cmd.record.id)]))[0]?.status).toBe('applied');
      evictions.push(cmd.record.id);
      expect((await coordinator.post(`/api/evictions/${cmd.record.id}/verify`, { version: (await current(cmd.record.id))!.version })).statusCode).toBe(200);
    }
    // Counts stored by a fold of everything counted (read from them), then a site moved (stale counts must not be read), then a new
    // record (the period is being written).
    await promoteAllStatistics(t.db);
    await apply({ kind: 'fold' });
    await expectStoredSumsRead(true);
    await expectPlaceOperationsEqualRecount();
    await apply({ kind: 'siteMove', pick: 1, commune: '62239', dunkerquois: true });
    await expectStoredSumsRead(false);
    await expectPlaceOperationsEqualRecount();
    await apply({ kind: 'fold' });
    await expectStoredSumsRead(true);
    await apply({ kind: 'create', record: spec(2, 2), status: 'verified', sameOperation: false });
    await expectPlaceOperationsEqualRecount();
    // A verified incident outside any eviction: no legal basis, so no row of the legal-basis grouping.
    const outside = { commandId: randomUUID(), type: 'incident.save', baseVersion: null, record: {
      id: randomUUID(), evictionId: null, kind: 'violence', incidentType: 'tear_gas', occurredAt: ARRIVALS[2], unit: null, description: null,
      victims: [], areaCode: 'calaisis', siteId: sites[0], place: null,
    } };
    expect((await push(observer, [outside]))[0]).toMatchObject({ status: 'applied' });
    expect((await coordinator.post(`/api/incidents/${outside.record.id}/verify`, { version: 1 })).statusCode).toBe(200);
    for (const period of PERIODS) await expectCellsEqualRecount(period, 'all');
    await fc.assert(fc.asyncProperty(
      fc.array(action, { minLength: 3, maxLength: 9 }), fc.constantFrom(...PERIODS), fc.constantFrom('all' as const, 'area' as const, 'commune' as const, 'site' as const),
      async (actions, period, place) => {
        for (const a of actions) await apply(a);
        await expectCellsEqualRecount(period, place);
        await expectPlaceOperationsEqualRecount();
      },
    ), { numRuns: 12, endOnFailure: true });
    // Folded or not, the same figures, over every period.
    await foldStatisticsCells(t.db);
    for (const period of PERIODS) await expectCellsEqualRecount(period, 'all');
    await expectCellTablesAgree(t.db, organisationId);
    // The sequences did exercise the writes they claim to.
    for (const what of ['create', 'incident', 'verify', 'reject', 'edit', 'delete', 'restore', 'merge', 'siteMerge', 'fold', 'promote', 'siteMove']) expect(done[what] ?? 0, what).toBeGreaterThan(0);
  // ≈ 140–200 s alone on a 2-core machine (PGlite); the CI runs it beside other files (365 s there once).
  }, 600_000);
});
