import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigie, type TestClient, type TestVigie } from './harness.js';
import { noisePng, patchChunk, publicCopyMade, seedEviction, uploadBody } from './evidence-fixtures.js';
import { PUBLIC_COPY_JOB } from '../src/modules/field/evidence/public-copy.job.js';

/**
 * A photo whose publication copy fails for good (issue 20): a PNG cut in half — its header is
 * whole, so it is received and stored, but libvips refuses its pixels, on every try. The job
 * really runs and fails each time; only pg-boss's back-off between tries (10 s, 20 s, 40 s…) is
 * brought forward, so the test does not wait five minutes for the last try.
 */
let t: TestVigie;
let orgId: string;
let observer: TestClient;
let coordinator: TestClient;
let target: { evictionId: string; incidentId: string };

beforeAll(async () => {
  t = await startTestVigie();
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

/** Waits until the photo's job is failed for good, bringing each retry's back-off forward. */
async function failedForGood(evidenceId: string, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await sql<{ state: string; retry_count: number }>`SELECT state::text, retry_count FROM pgboss.job
      WHERE name = ${PUBLIC_COPY_JOB} AND data->>'evidenceId' = ${evidenceId} ORDER BY created_on DESC LIMIT 1`.execute(t.db);
    const job = rows[0];
    if (job?.state === 'failed') return job.retry_count;
    if (job?.state === 'completed') throw new Error('the job succeeded');
    if (job?.state === 'retry') {
      await sql`UPDATE pgboss.job SET start_after = now() WHERE name = ${PUBLIC_COPY_JOB} AND data->>'evidenceId' = ${evidenceId} AND state = 'retry'`.execute(t.db);
    }
    if (Date.now() > deadline) throw new Error(`the job of ${evidenceId} did not fail for good within ${timeoutMs} ms (state ${job?.state})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe(`a publication copy that fails for good (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let brokenId: string;

  it('stops saying "in preparation": the photo says its copy failed, in French and English, and the audit trail says why', async () => {
    const png = await noisePng();
    brokenId = await upload(png.subarray(0, Math.floor(png.length / 2)));
    // Every try ran: the first and its five retries.
    expect(await failedForGood(brokenId)).toBe(5);
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

    expect((await coordinator.post(`/api/evidence/${brokenId}/public-copy/retry`)).statusCode).toBe(204);
    const again = (await observer.get(`/api/evidence/${brokenId}`)).json().evidence;
    expect(again).toMatchObject({ publicCopyPending: true, publicCopyFailedAt: null });
    expect((await coordinator.get('/api/evidence/public-copy-failures')).json().failures).toEqual([]);
    // Asked twice: the second finds nothing failed.
    const twice = await coordinator.post(`/api/evidence/${brokenId}/public-copy/retry`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('evidence.public_copy_not_failed');
    // The same broken pixels fail again, and the photo is listed again.
    await failedForGood(brokenId);
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
