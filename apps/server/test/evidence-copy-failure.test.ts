import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { noisePng, patchChunk, publicCopyMade, seedEviction, uploadBody } from './evidence-fixtures.js';
import { PUBLIC_COPY_JOB } from '../src/modules/field/evidence/public-copy.job.js';
import { deadLetterQueue, JobQueue } from '../src/platform/queue/job-queue.js';

/**
 * A photo whose publication copy cannot be made (issue 20): a PNG cut in half — its header is
 * whole, so it is received and stored, but libvips refuses its pixels. The job really runs; the
 * same bytes would fail the same way on every try, so it records the failure at once.
 */
let t: TestVigie;
let orgId: string;
let observer: TestClient;
let coordinator: TestClient;
let target: { evictionId: string; incidentId: string };

beforeAll(async () => {
  // Retries without their back-off (production: 10 s, doubling) and pg-boss's supervision, which
  // expires the jobs of a worker that died, every second (production: 2 min).
  t = await startTestVigie({}, { queue: { retryDelaySeconds: 0, maintenanceSeconds: 1 } });
  const admin = await t.setUpAdmin();
  orgId = admin.user.organisationId;
  observer = await t.userWithRole(orgId, 'observer');
  coordinator = await t.userWithRole(orgId, 'coordinator');
  target = await seedEviction(t, orgId, observer.user.id);
});
afterAll(async () => { await t?.close(); });

async function upload(bytes: Buffer): Promise<string> {
  const body = uploadBody(bytes, { evictionId: target.evictionId });
  expect((await observer.post('/api/evidence', body)).statusCode).toBe(201);
  const res = await patchChunk(t, observer, body.id as string, 0, bytes);
  expect(res.statusCode, res.raw.toString()).toBe(200);
  expect(res.json().evidence).toMatchObject({ status: 'stored', publicCopyPending: true, publicCopyFailedAt: null });
  return body.id as string;
}

/** Waits until the photo says its copy failed; returns when it did. */
async function copyFailed(evidenceId: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const evidence = (await observer.get(`/api/evidence/${evidenceId}`)).json().evidence;
    if (evidence.publicCopyFailedAt) return evidence.publicCopyFailedAt;
    if (evidence.hasPublicCopy) throw new Error('the copy was made');
    if (Date.now() > deadline) throw new Error(`the copy of ${evidenceId} was not recorded as failed within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe(`a publication copy that fails for good (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let brokenId: string;

  it('stops saying "in preparation": the photo says its copy failed, in French and English, and the audit trail says why', async () => {
    const png = await noisePng();
    brokenId = await upload(png.subarray(0, Math.floor(png.length / 2)));
    await copyFailed(brokenId);
    // The same bytes fail the same way every time: recorded at the first try, not retried for minutes.
    // The failure is committed before pg-boss marks its job done: wait for the job to leave 'active'.
    const jobOf = async () => (await sql<{ state: string; retry_count: number }>`SELECT state::text, retry_count FROM pgboss.job
      WHERE name = ${PUBLIC_COPY_JOB} AND data->>'evidenceId' = ${brokenId}`.execute(t.db)).rows;
    let jobs = await jobOf();
    for (const deadline = Date.now() + 10_000; jobs[0]?.state === 'active' && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 50));
      jobs = await jobOf();
    }
    expect(jobs).toEqual([{ state: 'completed', retry_count: 0 }]);
    const evidence = (await observer.get(`/api/evidence/${brokenId}`)).json().evidence;
    expect(evidence.publicCopyPending).toBe(false);
    expect(evidence.hasPublicCopy).toBe(false);
    expect(Date.parse(evidence.publicCopyFailedAt)).not.toBeNaN();
    // The eviction's page, where its photos are shown.
    const page = (await observer.get(`/api/evictions/${target.evictionId}`)).json().page;
    expect(page.evidence.find((x: { id: string }) => x.id === brokenId)).toMatchObject({ publicCopyFailed: true, publicCopyPending: false });

    const fr = await observer.get(`/api/evidence/${brokenId}/public`);
    expect(fr.statusCode).toBe(409);
    expect(fr.json().code).toBe('evidence.public_copy_failed');
    expect(fr.json().message).toContain('n’a pas pu être faite');
    // A signed-in person's language is their account's.
    await t.db.updateTable('users').set({ locale: 'en' }).where('id', '=', coordinator.user.id).execute();
    const en = await coordinator.get(`/api/evidence/${brokenId}/public`);
    expect(en.json().message).toContain('could not be made');

    const audit = await t.db.selectFrom('audit_log').select(['action', 'context']).where('entity_id', '=', brokenId)
      .where('action', '=', 'evidence.public_copy_failed').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.context)).toContain('could not be decoded');
  });

  it('is listed for the coordinators, not for observers, and "try again" runs the job again', async () => {
    const list = await coordinator.get('/api/evidence/public-copy-failures');
    expect(list.statusCode).toBe(200);
    expect(list.json().failures).toEqual([expect.objectContaining({ id: brokenId, evictionId: target.evictionId, detectedType: 'image/png' })]);
    expect((await observer.get('/api/evidence/public-copy-failures')).statusCode).toBe(403);
    expect((await observer.post(`/api/evidence/${brokenId}/public-copy/retry`)).statusCode).toBe(403);

    const firstFailure = (await observer.get(`/api/evidence/${brokenId}`)).json().evidence.publicCopyFailedAt;
    expect((await coordinator.post(`/api/evidence/${brokenId}/public-copy/retry`)).statusCode).toBe(204);
    // Asked twice: the second finds nothing failed (the job polls every 0.5 s in tests).
    const twice = await coordinator.post(`/api/evidence/${brokenId}/public-copy/retry`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('evidence.public_copy_not_failed');
    // The same broken pixels fail again, and the photo is listed again, with the new time.
    const secondFailure = await copyFailed(brokenId);
    expect(Date.parse(secondFailure)).toBeGreaterThan(Date.parse(firstFailure));
    expect((await coordinator.get('/api/evidence/public-copy-failures')).json().failures.map((f: { id: string }) => f.id)).toEqual([brokenId]);
    const retried = await t.db.selectFrom('audit_log').select(['actor_id']).where('entity_id', '=', brokenId)
      .where('action', '=', 'evidence.public_copy_retried').execute();
    expect(retried).toEqual([{ actor_id: coordinator.user.id }]);
  });

  it('leaves a sound photo alone: its copy is made, and there is nothing to try again', async () => {
    const id = await upload(await noisePng());
    expect(await publicCopyMade(observer, id)).toMatchObject({ hasPublicCopy: true, publicCopyFailedAt: null });
    const retry = await coordinator.post(`/api/evidence/${id}/public-copy/retry`);
    expect(retry.statusCode).toBe(409);
    expect(retry.json().code).toBe('evidence.public_copy_not_failed');
    expect((await coordinator.post('/api/evidence/00000000-0000-4000-8000-000000000000/public-copy/retry')).statusCode).toBe(404);
  });
});

describe(`a publication copy whose tries all fail for a reason that may pass, or whose worker died (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  /** A sound photo whose copy was made, then put back as failed (as a storage outage would leave it). */
  async function soundPhoto(): Promise<{ id: string; original: string }> {
    const id = await upload(await noisePng());
    expect(await publicCopyMade(observer, id)).toMatchObject({ hasPublicCopy: true });
    const row = await t.db.selectFrom('evidence').select('storage_key').where('id', '=', id).executeTakeFirstOrThrow();
    const storage = t.vigie.ctx.config.storage as { kind: 'local'; dir: string };
    return { id, original: join(storage.dir, ...row.storage_key!.split('/')) };
  }
  const jobStates = async (evidenceId: string) => (await sql<{ state: string; retry_count: number }>`SELECT state::text, retry_count
    FROM pgboss.job WHERE name = ${PUBLIC_COPY_JOB} AND data->>'evidenceId' = ${evidenceId} ORDER BY created_on`.execute(t.db)).rows;
  /** The audit entry is chained just after the failure is committed: waits for it a little. */
  async function failureReasons(evidenceId: string): Promise<string[]> {
    for (const deadline = Date.now() + 5_000; ;) {
      const rows = await t.db.selectFrom('audit_log').select('context').where('entity_id', '=', evidenceId)
        .where('action', '=', 'evidence.public_copy_failed').execute();
      if (rows.length > 0 || Date.now() > deadline) return rows.map((a) => (a.context as { reason: string }).reason);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('the storage read failing on every try: the last retry records the failure; storage back, "try again" makes the copy', async () => {
    const { id, original } = await soundPhoto();
    await t.db.updateTable('evidence').set({ public_copy_key: null, public_copy_sha256: null, public_copy_failed_at: new Date() })
      .where('id', '=', id).execute();
    // The stored original cannot be read (root reads any file whatever its mode: it is moved away).
    await rename(original, `${original}.away`);
    expect((await coordinator.post(`/api/evidence/${id}/public-copy/retry`)).statusCode).toBe(204);
    await copyFailed(id, 30_000);
    // All six tries were made (the first and pg-boss's 5 retries), and only the last one recorded the failure.
    expect(await jobStates(id)).toEqual([{ state: 'completed', retry_count: 0 }, { state: 'failed', retry_count: 5 }]);
    expect(await failureReasons(id)).toEqual([expect.stringContaining('No stored object')]);
    expect((await coordinator.get('/api/evidence/public-copy-failures')).json().failures.map((f: { id: string }) => f.id)).toContain(id);

    await rename(`${original}.away`, original);
    expect((await coordinator.post(`/api/evidence/${id}/public-copy/retry`)).statusCode).toBe(204);
    expect(await publicCopyMade(observer, id)).toMatchObject({ hasPublicCopy: true, publicCopyFailedAt: null });
    expect((await coordinator.get('/api/evidence/public-copy-failures')).json().failures.map((f: { id: string }) => f.id)).not.toContain(id);
  });

  it('a worker that died during the last try: once pg-boss expires its job, the failure is recorded', async () => {
    const { id } = await soundPhoto();
    // What a crash leaves: the photo "in preparation" and its job active since long ago, on its last try.
    await t.db.updateTable('evidence').set({ public_copy_pending: true, public_copy_key: null, public_copy_sha256: null })
      .where('id', '=', id).execute();
    await sql`INSERT INTO pgboss.job (name, data, state, retry_limit, retry_count, started_on, expire_in, dead_letter)
      VALUES (${PUBLIC_COPY_JOB}, ${JSON.stringify({ organisationId: orgId, evidenceId: id })}::jsonb, 'active', 5, 5,
        now() - interval '1 hour', interval '15 minutes', ${deadLetterQueue(PUBLIC_COPY_JOB)})`.execute(t.db);
    await copyFailed(id, 20_000);
    expect((await jobStates(id)).map((j) => j.state)).toEqual(['completed', 'failed']);
    expect(await failureReasons(id)).toEqual([expect.stringContaining('timeout')]);
    expect((await coordinator.get('/api/evidence/public-copy-failures')).json().failures.map((f: { id: string }) => f.id)).toContain(id);
  });

  it('a job sent before its queue had a dead letter (waiting through an upgrade) gets one at start, and its failure is recorded', async () => {
    const { id } = await soundPhoto();
    await t.db.updateTable('evidence').set({ public_copy_pending: true, public_copy_key: null, public_copy_sha256: null })
      .where('id', '=', id).execute();
    // Sent by the previous version: no dead letter; running its last try when that version stopped.
    const job = await sql<{ id: string }>`INSERT INTO pgboss.job (name, data, state, retry_limit, retry_count, started_on, expire_in)
      VALUES (${PUBLIC_COPY_JOB}, ${JSON.stringify({ organisationId: orgId, evidenceId: id })}::jsonb, 'active', 5, 5, now(), interval '15 minutes')
      RETURNING id`.execute(t.db);
    const jobId = job.rows[0]!.id;
    // The new version starts (its queue set-up alone, on the same database).
    const upgraded = new JobQueue(t.vigie.database.pool, 1);
    upgraded.define(PUBLIC_COPY_JOB, async () => {}, { onFailedForGood: async () => {} });
    await upgraded.start(t.vigie.database.pool, false);
    await upgraded.stop();
    const adopted = await sql<{ dead_letter: string | null }>`SELECT dead_letter FROM pgboss.job WHERE id = ${jobId}::uuid`.execute(t.db);
    expect(adopted.rows[0]!.dead_letter).toBe(deadLetterQueue(PUBLIC_COPY_JOB));
    // Its worker is gone: once pg-boss expires the job, the photo says its copy failed.
    await sql`UPDATE pgboss.job SET started_on = now() - interval '1 hour' WHERE id = ${jobId}::uuid`.execute(t.db);
    await copyFailed(id, 20_000);
    expect((await coordinator.get('/api/evidence/public-copy-failures')).json().failures.map((f: { id: string }) => f.id)).toContain(id);
  });
});
