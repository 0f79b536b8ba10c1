import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDate } from '@vigie/domain/rules';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { evictionCommand, operationCommand, push, reference, siteCommand, submitCommand } from './field-fixtures.js';
import { startReplicaPair, type ReplicaPair } from './replica-cluster.js';

/**
 * Issue 20, d.5: statistics and exports read from a streaming replica (DATABASE_READ_URL),
 * made with pg_basebackup on this machine; everything else writes to the primary. Replay is
 * paused on the replica to prove where the figures come from: while it is paused, a record
 * verified on the primary is not in the figures yet, and it is once replay resumes.
 * PostgreSQL only (the embedded database has no replica); it runs in the PostgreSQL pass of CI.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

describe.skipIf(!onPostgres)('a read replica (postgres)', () => {
  let pair: ReplicaPair;
  let t: TestVigie;
  let observer: TestClient;
  let coordinator: TestClient;

  beforeAll(async () => {
    const started = Date.now();
    pair = await startReplicaPair();
    const paired = Date.now();
    t = await startTestVigie({}, { database: { kind: 'postgres', url: pair.primaryUrl, readUrl: pair.replicaUrl } });
    console.log(`[replica] primary + pg_basebackup replica up in ${paired - started} ms; server migrated and started in ${Date.now() - paired} ms`);
    const admin = await t.setUpAdmin();
    observer = await t.userWithRole(admin.user.organisationId, 'observer');
    coordinator = await t.userWithRole(admin.user.organisationId, 'coordinator');
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await pair?.stop();
  });

  async function verifiedEviction(operationId: string, siteId: string) {
    const cmd = evictionCommand(operationId, siteId);
    expect((await push(observer, [cmd, submitCommand(cmd.record.id)])).map((r) => r.status)).toEqual(['applied', 'applied']);
    const res = await coordinator.post(`/api/evictions/${cmd.record.id}/verify`, { version: 2 });
    expect(res.statusCode, res.body).toBe(200);
  }

  // Yesterday and today in Paris: the fixture's eviction arrived 100 minutes ago, which is yesterday just after midnight.
  const today = parisDate(new Date());
  const yesterday = parisDate(new Date(Date.now() - 86_400_000));
  async function evictionsFigure() {
    const res = await coordinator.get(`/api/statistics/summary?from=${yesterday}&to=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().figures.evictions.value as number;
  }

  it('writes go to the primary; figures and exports are read from the replica once it has caught up', async () => {
    const { calaisisId } = await reference(observer);
    const site = siteCommand(calaisisId);
    const op = operationCommand(calaisisId);
    expect((await push(observer, [site, op])).map((r) => r.status)).toEqual(['applied', 'applied']);
    await verifiedEviction(op.record.id, site.record.id);
    await pair.caughtUp();
    expect(await evictionsFigure()).toBe(1);

    // Replay paused: the replica still serves the state it had; the primary takes the write.
    await pair.pauseReplay();
    try {
      await verifiedEviction(op.record.id, site.record.id);
      const onPrimary = await t.db.selectFrom('evictions').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'verified').executeTakeFirstOrThrow();
      expect(Number(onPrimary.n)).toBe(2);
      expect(await evictionsFigure()).toBe(1);
      const csv = await coordinator.get('/api/exports/evictions.csv?status=all');
      expect(csv.statusCode, csv.body).toBe(200);
      expect(csv.body.trim().split('\r\n')).toHaveLength(1 + 1);
    } finally {
      await pair.resumeReplay();
    }
    await pair.caughtUp();
    expect(await evictionsFigure()).toBe(2);
    const csv = await coordinator.get('/api/exports/evictions.csv?status=all');
    expect(csv.body.trim().split('\r\n')).toHaveLength(1 + 2);
    // The export's audit entry was written on the primary, before the rows streamed from the replica.
    const audited = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'export.evictions').execute();
    expect(audited).toHaveLength(2);
  }, 120_000);
});
