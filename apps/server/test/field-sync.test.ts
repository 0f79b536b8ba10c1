import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { evictionCommand, minutesAgo, operationCommand, push, reference, siteCommand, submitCommand } from './field-fixtures.js';

let t: TestVigie;
let observer: TestClient;
let coordinator: TestClient;
let areaId: string;
let siteId: string;
let operationId: string;

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  observer = await t.userWithRole(admin.user.organisationId, 'observer');
  coordinator = await t.userWithRole(admin.user.organisationId, 'coordinator');
  ({ calaisisId: areaId } = await reference(observer));
  const site = siteCommand(areaId);
  const op = operationCommand(areaId);
  siteId = site.record.id;
  operationId = op.record.id;
  expect((await push(observer, [site, op])).map((r) => r.status)).toEqual(['applied', 'applied']);
});
afterAll(async () => { await t?.close(); });

const count = async (table: 'evictions' | 'operations' | 'sync_conflicts' | 'eviction_tallies') =>
  Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.db)).rows[0]!.n);

describe(`field sync (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('seeds the Calaisis and Dunkerquois with their communes and lists', async () => {
    const { ref } = await reference(observer);
    expect(ref.areas.map((a: { code: string }) => a.code).sort()).toEqual(['calaisis', 'dunkerquois']);
    expect(ref.communes).toEqual(expect.arrayContaining([expect.objectContaining({ inseeCode: '62193', name: 'Calais' }), expect.objectContaining({ inseeCode: '59271', name: 'Grande-Synthe' })]));
    expect(ref.terms.filter((x: { kind: string }) => x.kind === 'item_type').map((x: { code: string }) => x.code)).toContain('tent_with_belongings');
  });

  it('applies an eviction once however often the phone replays it', async () => {
    const cmd = evictionCommand(operationId, siteId);
    const first = await push(observer, [cmd, submitCommand(cmd.record.id)]);
    expect(first.map((r) => [r.status, r.version])).toEqual([['applied', 1], ['applied', 2]]);
    const before = { evictions: await count('evictions'), tallies: await count('eviction_tallies') };
    const again = await push(observer, [cmd, first[1] && { ...submitCommand(cmd.record.id), commandId: first[1].commandId }]);
    expect(again.map((r) => [r.status, r.version])).toEqual([['replayed', 1], ['replayed', 2]]);
    expect({ evictions: await count('evictions'), tallies: await count('eviction_tallies') }).toEqual(before);
  });

  it('keeps both versions when a command id comes back with other content', async () => {
    const cmd = evictionCommand(operationId, siteId);
    await push(observer, [cmd]);
    const altered = { ...cmd, record: { ...cmd.record, counts: { personsEvicted: { n: 99, atLeast: false } } } };
    const [res] = await push(observer, [altered]);
    expect(res).toMatchObject({ status: 'conflict', error: { code: 'sync.command_reused' } });
    const stored = await t.db.selectFrom('evictions').select('persons_evicted').where('id', '=', cmd.record.id).executeTakeFirstOrThrow();
    expect(stored.persons_evicted).toBe(30);
    const kept = await t.db.selectFrom('sync_conflicts').select(['reason', 'payload']).where('command_id', '=', cmd.commandId).executeTakeFirstOrThrow();
    expect(kept.reason).toBe('command_reused');
    expect((kept.payload as { record: { counts: { personsEvicted: { n: number } } } }).record.counts.personsEvicted.n).toBe(99);
  });

  it('detects a concurrent edit instead of overwriting it, and lets an outbox replay its own edits', async () => {
    const create = evictionCommand(operationId, siteId);
    expect((await push(observer, [create]))[0]!.status).toBe('applied');
    // The observer edits twice offline before hearing back: no conflict with themselves.
    const ownEdit = { ...evictionCommand(operationId, siteId, { ...create.record, coverage: 'partial' }), record: { ...create.record, coverage: 'partial' } };
    expect((await push(observer, [ownEdit]))[0]).toMatchObject({ status: 'applied', version: 2 });
    // The coordinator corrects version 2; the observer, still on version 2, edits again.
    const correction = { ...evictionCommand(operationId, siteId), baseVersion: 2, record: { ...create.record, coverage: 'reported' } };
    expect((await push(coordinator, [correction]))[0]).toMatchObject({ status: 'applied', version: 3 });
    const late = { ...evictionCommand(operationId, siteId), baseVersion: 2, record: { ...create.record, coverage: 'full', quick: true } };
    const [res] = await push(observer, [late]);
    expect(res).toMatchObject({ status: 'conflict', version: 3, error: { code: 'field.version_conflict' } });
    const row = await t.db.selectFrom('evictions').select(['coverage', 'version']).where('id', '=', create.record.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ coverage: 'reported', version: 3 });
    const conflict = await t.db.selectFrom('sync_conflicts').selectAll().where('command_id', '=', late.commandId).executeTakeFirstOrThrow();
    expect(conflict).toMatchObject({ reason: 'version_mismatch', base_version: 2, current_version: 3 });
    // Replaying the conflicting command gives the same answer.
    expect((await push(observer, [late]))[0]).toMatchObject({ status: 'replayed', version: 3 });
  });

  it('rejects bad records with a clear message and saves nothing of them', async () => {
    const before = await count('evictions');
    const cases = [
      [evictionCommand(operationId, siteId, { counts: { personsEvicted: { n: -3, atLeast: true } } }), 'request.validation_failed', 'counts.personsEvicted.n'],
      [evictionCommand(operationId, siteId, { counts: { arrests: { n: 2.5, atLeast: false } } }), 'request.validation_failed', 'counts.arrests.n'],
      [evictionCommand(operationId, randomUUID()), 'field.unknown_site', 'lieu de vie est inconnu'],
      [evictionCommand(operationId, siteId, { arrivedAt: minutesAgo(-120), leftAt: null }), 'field.invalid_record', 'heure dans le futur'],
      [evictionCommand(operationId, siteId, { leftAt: minutesAgo(200) }), 'field.invalid_record', 'départ avant l’arrivée'],
      [evictionCommand(operationId, siteId, { seized: [{ term: 'spaceship', n: 1, atLeast: true }] }), 'field.unknown_term', 'spaceship'],
    ] as const;
    const results = await push(observer, cases.map(([cmd]) => cmd));
    results.forEach((r, i) => {
      expect(r.status, JSON.stringify(r)).toBe('rejected');
      expect(r.error!.code).toBe(cases[i]![1]);
      expect(r.error!.message).toContain(cases[i]![2]);
    });
    expect(await count('evictions')).toBe(before);
    // A valid command after rejected ones still goes through.
    const ok = await push(observer, [cases[0][0], evictionCommand(operationId, siteId)]);
    expect(ok.map((r) => r.status)).toEqual(['rejected', 'applied']);
  });

  it('accepts concurrent submissions from several phones without losing or mixing any', async () => {
    // Regression: on the embedded database, concurrent requests once ran inside each other's
    // transactions (sessions vanished, records were refused). Every one must be applied.
    const second = await t.userWithRole(observer.user.organisationId, 'observer');
    const commands = Array.from({ length: 24 }, () => evictionCommand(operationId, siteId));
    const results = await Promise.all(commands.map((cmd, i) => push(i % 2 ? observer : second, [cmd])));
    expect(results.flat().map((r) => r.status)).toEqual(commands.map(() => 'applied'));
    const stored = await t.db.selectFrom('evictions').select(['id', 'created_by']).where('id', 'in', commands.map((c) => c.record.id)).execute();
    expect(stored).toHaveLength(24);
    expect(new Set(stored.map((r) => r.created_by)).size).toBe(2);
  });

  it('pulls changes since a cursor', async () => {
    const all = (await observer.get('/api/sync/pull?since=0')).json();
    expect(all.operations.map((o: { id: string }) => o.id)).toContain(operationId);
    expect(all.sites[0]).toMatchObject({ code: 'B2', communeInsee: '62193' });
    const ev = all.evictions[0];
    expect(ev).toMatchObject({ seized: expect.arrayContaining([{ term: 'tent', n: 12, atLeast: true }]), forces: [expect.objectContaining({ unit: 'CRS 36' })] });
    // With nothing new, a pull may re-send rows still inside the window of transactions that
    // were running (cluster-wide on PostgreSQL) — never anything unseen.
    const seen = new Set(all.evictions.map((e: { id: string }) => e.id));
    const quiet = (await observer.get(`/api/sync/pull?since=${all.cursor}`)).json();
    expect(quiet.evictions.filter((e: { id: string }) => !seen.has(e.id))).toEqual([]);
    const cmd = evictionCommand(operationId, siteId);
    await push(observer, [cmd]);
    const next = (await observer.get(`/api/sync/pull?since=${all.cursor}`)).json();
    expect(next.evictions.filter((e: { id: string }) => !seen.has(e.id)).map((e: { id: string }) => e.id)).toEqual([cmd.record.id]);
  });

  // A second connection is needed to hold a transaction open during the pull: PGlite has one.
  it.skipIf(!process.env.TEST_DATABASE_URL)('never skips a change whose transaction commits after a pull began', async () => {
    const pg = (await import('pg')).default;
    const url = (t.vigie.ctx.config.database as { url: string }).url;
    const slow = new pg.Client({ connectionString: url });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      const id = randomUUID();
      await slow.query(
        `INSERT INTO evictions (id, organisation_id, operation_id, site_id, date, arrived_at, created_by, updated_by)
         SELECT $1, organisation_id, id, $2, date, started_at, created_by, created_by FROM operations WHERE id = $3`,
        [id, siteId, operationId],
      );
      const during = (await observer.get('/api/sync/pull?since=0')).json();
      expect(during.evictions.map((e: { id: string }) => e.id)).not.toContain(id);
      await slow.query('COMMIT');
      const after = (await observer.get(`/api/sync/pull?since=${during.cursor}`)).json();
      expect(after.evictions.map((e: { id: string }) => e.id)).toContain(id);
    } finally {
      await slow.end();
    }
  });

  it('lets a coordinator verify or reject submitted evictions, never an observer', async () => {
    const cmd = evictionCommand(operationId, siteId);
    await push(observer, [cmd, submitCommand(cmd.record.id)]);
    const queue = (await coordinator.get('/api/review/queue')).json();
    expect(queue.evictions.map((e: { id: string }) => e.id)).toContain(cmd.record.id);
    expect((await observer.post(`/api/evictions/${cmd.record.id}/verify`, { version: 2 })).statusCode).toBe(403);
    const stale = await coordinator.post(`/api/evictions/${cmd.record.id}/verify`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect((await coordinator.post(`/api/evictions/${cmd.record.id}/verify`, { version: 2 })).json()).toMatchObject({ status: 'verified', version: 3 });
    // The observer can no longer change a verified record.
    const [edit] = await push(observer, [{ ...evictionCommand(operationId, siteId), baseVersion: 3, record: { ...cmd.record, coverage: 'partial' } }]);
    expect(edit).toMatchObject({ status: 'rejected', error: { code: 'field.not_editable' } });
    const other = evictionCommand(operationId, siteId);
    await push(observer, [other, submitCommand(other.record.id)]);
    expect((await coordinator.post(`/api/evictions/${other.record.id}/reject`, { version: 2, reason: '' })).statusCode).toBe(400);
    expect((await coordinator.post(`/api/evictions/${other.record.id}/reject`, { version: 2, reason: 'Heures incohérentes' })).json().status).toBe('rejected');
    const history = (await coordinator.get(`/api/evictions/${cmd.record.id}/history`)).json().versions;
    expect(history.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    expect(history[2].changes).toEqual(expect.arrayContaining([{ field: 'status', before: 'submitted', after: 'verified' }]));
  });

  it('flags two observers recording the same eviction and merges them keeping provenance', async () => {
    const second = await t.userWithRole(observer.user.organisationId, 'observer');
    // Both within one Paris day: the review pairs duplicates day by day, and a run just after
    // midnight in Paris (CI at 00:58) put the two on either side of it.
    const parisDay = (minutes: number) => new Date(Date.now() - minutes * 60_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
    const back = parisDay(60) === parisDay(35) ? 0 : 30;
    const a = evictionCommand(operationId, siteId, { arrivedAt: minutesAgo(60 + back), leftAt: minutesAgo(40 + back) });
    const b = evictionCommand(operationId, siteId, { arrivedAt: minutesAgo(55 + back), leftAt: minutesAgo(35 + back) });
    await push(observer, [a, submitCommand(a.record.id)]);
    await push(second, [b, submitCommand(b.record.id)]);
    const groups = (await coordinator.get('/api/review/queue')).json().duplicateGroups as string[][];
    expect(groups.some((g) => g.includes(a.record.id) && g.includes(b.record.id))).toBe(true);
    const merged = await coordinator.post('/api/evictions/merge', { keepId: a.record.id, mergeIds: [b.record.id] });
    expect(merged.statusCode, merged.body).toBe(200);
    const row = await t.db.selectFrom('evictions').select('merged_into').where('id', '=', b.record.id).executeTakeFirstOrThrow();
    expect(row.merged_into).toBe(a.record.id);
    const history = (await coordinator.get(`/api/evictions/${a.record.id}/history`)).json().versions;
    expect(history.at(-1).changes).toEqual(expect.arrayContaining([{ field: 'mergedFrom', before: null, after: [b.record.id] }]));
  });

  it('shows each site with how often it was evicted recently, and its timeline', async () => {
    const b2Of = async (c: TestClient) => (await c.get('/api/sites')).json().sites.find((s: { code: string }) => s.code === 'B2');
    const live = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM evictions WHERE site_id = ${siteId} AND merged_into IS NULL AND status <> 'rejected'`.execute(t.db)).rows[0]!.n);
    // The coordinator counts every live eviction; an observer, only those they may open (issue 12):
    // verified ones, their own, and those of operations they observed.
    expect((await b2Of(coordinator)).evictionsInPeriod).toBe(live);
    const observerId = observer.user.id as string;
    const theirs = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM evictions e JOIN operations o ON o.id = e.operation_id
      WHERE e.site_id = ${siteId} AND e.merged_into IS NULL AND e.status <> 'rejected'
        AND (e.status = 'verified' OR e.created_by = ${observerId} OR ${observerId} = ANY(o.observer_ids::text[]))`.execute(t.db)).rows[0]!.n);
    expect((await b2Of(observer)).evictionsInPeriod).toBe(theirs);
    expect(live).toBeGreaterThan(3);
    const detail = (await observer.get(`/api/sites/${siteId}`)).json();
    expect(detail.site.code).toBe('B2');
    expect(detail.timeline.length).toBeGreaterThan(3);
    expect((await observer.get(`/api/sites/${randomUUID()}`)).statusCode).toBe(404);
  });
});
