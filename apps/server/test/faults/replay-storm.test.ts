import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/platform/errors/catalogue.js';
import { startTestVigie, type TestClient, type TestVigie } from '../harness.js';
import { evictionCommand, operationCommand, push, reference, siteCommand } from '../field-fixtures.js';

/**
 * A phone that lost every answer replays its whole outbox again and again, from several
 * sessions at once (two tabs, a reinstalled app): 10,000 replayed submissions. Not one record,
 * tally, version or command may be duplicated, and a reused id with other content is refused
 * with both versions kept.
 */
const backend = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
const UNIQUE = 500;
const ROUNDS = 20;
const BATCH = 125;

let t: TestVigie;
let phones: TestClient[];
let operationId: string;
let siteId: string;

beforeAll(async () => {
  t = await startTestVigie();
  const admin = await t.setUpAdmin();
  const first = await t.userWithRole(admin.user.organisationId, 'observer');
  phones = [first, ...await Promise.all([1, 2, 3].map(() => t.userWithRole(admin.user.organisationId, 'observer')))];
  const { calaisisId } = await reference(first);
  const site = siteCommand(calaisisId);
  const op = operationCommand(calaisisId);
  await push(first, [site, op]);
  siteId = site.record.id;
  operationId = op.record.id;
});
afterAll(async () => { await t?.close(); });

const countOf = async (query: ReturnType<typeof sql<{ n: number }>>) => Number((await query.execute(t.db)).rows[0]!.n);

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe(`replayed submissions (${backend})`, () => {
  it(`applies ${UNIQUE} submissions once across ${UNIQUE * ROUNDS} replays, and keeps both versions of a reused id`, async () => {
    const commands = Array.from({ length: UNIQUE }, (_, i) => evictionCommand(operationId, siteId, {
      counts: { personsEvicted: { n: 1 + (i % 97), atLeast: i % 2 === 0 } },
    }));
    // The first sending, by the phone that recorded them.
    const batches = (list: typeof commands) => Array.from({ length: Math.ceil(list.length / BATCH) }, (_, i) => list.slice(i * BATCH, (i + 1) * BATCH));
    const firstResults = (await Promise.all(batches(commands).map((b, i) => push(phones[i % phones.length]!, b)))).flat();
    expect(firstResults.every((r) => r.status === 'applied' && r.version === 1)).toBe(true);
    const ids = commands.map((c) => c.record.id);
    const before = {
      evictions: await countOf(sql`SELECT count(*)::int AS n FROM evictions WHERE id = ANY(${ids}::uuid[])`),
      tallies: await countOf(sql`SELECT count(*)::int AS n FROM eviction_tallies WHERE eviction_id = ANY(${ids}::uuid[])`),
      versions: await countOf(sql`SELECT count(*)::int AS n FROM record_versions WHERE entity_id = ANY(${ids}::uuid[])`),
      commands: await countOf(sql`SELECT count(*)::int AS n FROM sync_commands`),
    };
    expect(before.evictions).toBe(UNIQUE);
    expect(before.versions).toBe(UNIQUE);

    // Every round replays the whole outbox in another order, four sessions at once, so the
    // same command id is often being replayed by two sessions at the same moment.
    const started = Date.now();
    for (let round = 0; round < ROUNDS; round += 1) {
      const order = shuffled(commands, round + 1);
      const results = (await Promise.all(batches(order).map((b, i) => push(phones[(i + round) % phones.length]!, b)))).flat();
      const wrong = results.filter((r) => r.status !== 'replayed' || r.version !== 1);
      expect(wrong.slice(0, 3), `round ${round}: ${wrong.length} not replayed`).toEqual([]);
    }
    const replayMs = Date.now() - started;
    console.log(`[fault] ${backend}: ${UNIQUE * ROUNDS} replays in ${replayMs} ms (${Math.round((UNIQUE * ROUNDS) / (replayMs / 1000))}/s)`);

    expect({
      evictions: await countOf(sql`SELECT count(*)::int AS n FROM evictions WHERE id = ANY(${ids}::uuid[])`),
      tallies: await countOf(sql`SELECT count(*)::int AS n FROM eviction_tallies WHERE eviction_id = ANY(${ids}::uuid[])`),
      versions: await countOf(sql`SELECT count(*)::int AS n FROM record_versions WHERE entity_id = ANY(${ids}::uuid[])`),
      commands: await countOf(sql`SELECT count(*)::int AS n FROM sync_commands`),
    }).toEqual(before);
    expect(await countOf(sql`SELECT count(*)::int AS n FROM sync_conflicts`)).toBe(0);

    // Fifty ids come back with other content: refused (409 in the catalogue), stored record
    // untouched, the new content kept for review.
    const reused = commands.slice(0, 50).map((c) => ({ ...c, record: { ...c.record, counts: { personsEvicted: { n: 500, atLeast: false } } } }));
    const refused = await push(phones[1]!, reused);
    for (const r of refused) {
      expect(r).toMatchObject({ status: 'conflict', version: null, error: { code: 'sync.command_reused' } });
      expect(ERRORS[r.error!.code as keyof typeof ERRORS]).toBe(409);
    }
    const stored = await t.db.selectFrom('evictions').select(['id', 'persons_evicted', 'version']).where('id', 'in', reused.map((c) => c.record.id)).execute();
    expect(stored).toHaveLength(50);
    for (const row of stored) expect(row.persons_evicted).not.toBe(500);
    expect(stored.every((row) => row.version === 1)).toBe(true);
    const kept = await t.db.selectFrom('sync_conflicts').select(['command_id', 'reason', 'payload']).execute();
    expect(kept).toHaveLength(50);
    expect(new Set(kept.map((k) => k.command_id))).toEqual(new Set(reused.map((c) => c.commandId)));
    for (const k of kept) {
      expect(k.reason).toBe('command_reused');
      expect((k.payload as { record: { counts: { personsEvicted: { n: number } } } }).record.counts.personsEvicted.n).toBe(500);
    }
    // And the original content, replayed once more, is still recognised as the same command.
    expect((await push(phones[2]!, commands.slice(0, 50))).every((r) => r.status === 'replayed')).toBe(true);
  }, 300_000);
});
