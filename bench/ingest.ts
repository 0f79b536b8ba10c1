import { createHash, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { HttpClient } from './lib/http.js';
import { startServer, type Backend } from './lib/server.js';
import { closedLoop } from './lib/stats.js';

/**
 * Eviction submissions through the real HTTP API, as a phone flushing its outbox does: one
 * `POST /api/sync/push` per eviction, and with `photo` also the evidence upload of a 256 KiB
 * JPEG (create + one chunk). Closed loop at a given concurrency; the server runs in its own
 * process on a fresh database.
 */
export type IngestOptions = { backend: Backend; concurrency: number; requests: number; photo: boolean; profileDir?: string };

/** A site and an operation to attach evictions to, created through sync as a phone would. */
export async function fieldContext(client: HttpClient) {
  const ref = (await client.get('/api/field/reference')).json<{ areas: Array<{ id: string; code: string }> }>();
  const areaId = ref.areas.find((a) => a.code === 'calaisis')!.id;
  const siteId = randomUUID();
  const operationId = randomUUID();
  const res = await client.post('/api/sync/push', { commands: [
    { commandId: randomUUID(), type: 'site.save', baseVersion: null, record: { id: siteId, code: `B${siteId.slice(0, 6)}`, name: 'Bench site', areaId, communeInsee: '62193' } },
    { commandId: randomUUID(), type: 'operation.save', baseVersion: null, record: { id: operationId, areaId, startedAt: new Date(Date.now() - 3_600_000).toISOString() } },
  ] });
  const statuses = res.json<{ results: Array<{ status: string }> }>().results.map((r) => r.status);
  if (statuses.some((s) => s !== 'applied')) throw new Error(`could not create the bench site and operation: ${res.body.toString()}`);
  return { areaId, siteId, operationId };
}

/** A realistic eviction: counts, seized items, forces, a legal basis. */
export function evictionCommand(ctx: { siteId: string; operationId: string }, id = randomUUID()) {
  return {
    commandId: randomUUID(), type: 'eviction.save', baseVersion: null,
    record: {
      id, operationId: ctx.operationId, siteId: ctx.siteId, arrivedAt: new Date(Date.now() - 1_800_000).toISOString(),
      counts: { personsEvicted: { n: 25, atLeast: true }, arrests: { n: 1, atLeast: false } },
      seized: [{ term: 'tent', n: 10, atLeast: true }, { term: 'blanket', n: 6, atLeast: true }],
      forces: [{ corps: 'crs', unit: 'CRS 8', vehicles: [{ type: 'van', n: 3 }] }], legalBasisCategory: 'flagrance',
    },
  };
}

/** A JPEG of 256 KiB (+ at most 3 %): noise compresses badly, so the size is reached at a phone-like resolution. */
export async function photo256k(): Promise<Buffer> {
  const target = 256 * 1024;
  const encode = (width: number, height: number) => {
    const pixels = Buffer.alloc(width * height * 3);
    for (let i = 0; i < pixels.length; i += 1) pixels[i] = (Math.imul(i, 2_654_435_761) >>> 13) & 0xff;
    return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
  };
  let width = 400;
  let jpeg = await encode(width, 300);
  for (let i = 0; i < 8 && (jpeg.length < target || jpeg.length > target * 1.03); i += 1) {
    width = Math.max(16, Math.round(width * (jpeg.length < target ? 1.02 : 0.99) * Math.sqrt(target / jpeg.length)));
    jpeg = await encode(width, Math.round((width * 3) / 4));
  }
  // Settle from below: a few pixels wider at a time until it reaches the size.
  while (jpeg.length < target) {
    width += 4;
    jpeg = await encode(width, Math.round((width * 3) / 4));
  }
  return jpeg;
}

/** Uploads one photo for an eviction through the evidence API (create, then the bytes in one chunk). */
export async function uploadPhoto(client: HttpClient, evictionId: string, bytes: Buffer, sha256: string): Promise<boolean> {
  const id = randomUUID();
  const created = await client.post('/api/evidence', {
    id, evictionId, kind: 'photo', declaredType: 'image/jpeg', originalName: 'IMG_0001.jpg', sizeBytes: bytes.length, sha256,
  });
  if (created.status !== 201) return false;
  const sent = await client.send('PATCH', `/api/evidence/${id}`, bytes, { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' });
  return sent.status === 200 && sent.json().evidence.status === 'stored';
}

export async function measureIngest(o: IngestOptions) {
  const server = await startServer({ backend: o.backend, profileDir: o.profileDir });
  try {
    const client = await server.signIn('observer');
    const ctx = await fieldContext(client);
    const bytes = o.photo ? await photo256k() : Buffer.alloc(0);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const cpu0 = server.cpuMs();
    const r = await closedLoop(o.concurrency, o.requests, async () => {
      const command = evictionCommand(ctx);
      const res = await client.post('/api/sync/push', { commands: [command] });
      if (res.status !== 200 || res.json().results?.[0]?.status !== 'applied') {
        throw new Error(`push answered ${res.status}: ${res.body.toString().slice(0, 300)}`);
      }
      return o.photo ? uploadPhoto(client, command.record.id, bytes, sha256) : true;
    });
    // The submissions are acknowledged; the server's CPU counts the work they left too (statistics counted after
    // them, photos' publication copies), and `countedAfterSeconds` is how long after the burst that work ended.
    const countedAfterSeconds = await server.settle();
    const serverCpuMsPerRequest = +((server.cpuMs() - cpu0) / r.requests).toFixed(2);
    client.close();
    return {
      backend: o.backend, concurrency: o.concurrency, photo: o.photo, photoBytes: bytes.length, ...r, countedAfterSeconds,
      // What the machine keeps up with, the work left after the burst included (acknowledged: perSecond).
      sustainedPerSecond: +(r.requests / (r.seconds + countedAfterSeconds)).toFixed(1), serverCpuMsPerRequest,
      serverPeakRssMiB: server.peakRssMiB(),
    };
  } finally {
    await server.stop();
  }
}
