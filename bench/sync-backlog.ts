import { createHash, randomUUID } from 'node:crypto';
import { evictionCommand, fieldContext, photo256k, uploadPhoto } from './ingest.js';
import { startServer, type Backend } from './lib/server.js';
import { round } from './lib/stats.js';

/**
 * A phone coming back online with `records` queued evictions and `photos` photos of 256 KiB:
 * pushes its outbox in batches of 200 (the server's limit), in order, then uploads the photos
 * one after another, as apps/web/src/offline/sync.ts and uploader.ts do. Time until everything
 * is acknowledged.
 */
export async function measureSyncBacklog(o: { backend: Backend; records: number; photos: number }) {
  const server = await startServer({ backend: o.backend });
  try {
    const client = await server.signIn('observer');
    const ctx = await fieldContext(client);
    const bytes = await photo256k();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const ids = Array.from({ length: o.records }, () => randomUUID());
    const started = performance.now();
    let applied = 0;
    for (let i = 0; i < ids.length; i += 200) {
      const res = await client.post('/api/sync/push', { commands: ids.slice(i, i + 200).map((id) => evictionCommand(ctx, id)) });
      if (res.status !== 200) throw new Error(`push answered ${res.status}: ${res.body.toString().slice(0, 300)}`);
      applied += res.json<{ results: Array<{ status: string }> }>().results.filter((r) => r.status === 'applied').length;
    }
    const pushedSeconds = (performance.now() - started) / 1000;
    let stored = 0;
    for (let i = 0; i < o.photos; i += 1) if (await uploadPhoto(client, ids[i % ids.length]!, bytes, sha256)) stored += 1;
    const seconds = (performance.now() - started) / 1000;
    client.close();
    return { backend: o.backend, records: o.records, applied, photos: o.photos, stored, pushSeconds: round(pushedSeconds, 2), seconds: round(seconds, 2) };
  } finally {
    await server.stop();
  }
}
