import { createHash, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { sql } from 'kysely';
import sharp from 'sharp';
import type { TestClient, TestVigie } from './harness.js';

/** Evidence test helpers: a place to attach files to, real image bytes, and raw-byte HTTP calls. */
export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * An area, a site, an operation, an eviction and an incident, inserted as the sync API would.
 * Returns the area's code and the site too: what a round (an area and the sites it visited) is recorded with.
 */
export async function seedEviction(t: TestVigie, organisationId: string, userId: string) {
  const areaId = randomUUID();
  const areaCode = `calais-${areaId.slice(0, 6)}`;
  const siteId = randomUUID();
  const operationId = randomUUID();
  const evictionId = randomUUID();
  const incidentId = randomUUID();
  await sql`INSERT INTO areas (id, organisation_id, code, name) VALUES (${areaId}, ${organisationId}, ${areaCode}, 'Calaisis')`.execute(t.db);
  await sql`INSERT INTO sites (id, organisation_id, code, name, area_id, commune_insee)
    VALUES (${siteId}, ${organisationId}, ${`B${siteId.slice(0, 4)}`}, 'Hôpital', ${areaId}, '62193')`.execute(t.db);
  await sql`INSERT INTO operations (id, organisation_id, area_id, date, started_at, created_by, updated_by)
    VALUES (${operationId}, ${organisationId}, ${areaId}, '2026-02-13', '2026-02-13T05:30:00Z', ${userId}, ${userId})`.execute(t.db);
  await sql`INSERT INTO evictions (id, organisation_id, operation_id, site_id, date, arrived_at, created_by, updated_by)
    VALUES (${evictionId}, ${organisationId}, ${operationId}, ${siteId}, '2026-02-13', '2026-02-13T06:10:00Z', ${userId}, ${userId})`.execute(t.db);
  await sql`INSERT INTO incidents (id, organisation_id, eviction_id, kind, incident_type, occurred_at, created_by)
    VALUES (${incidentId}, ${organisationId}, ${evictionId}, 'violence', 'tent_slashed', '2026-02-13T06:20:00Z', ${userId})`.execute(t.db);
  return { evictionId, incidentId, areaId, areaCode, siteId };
}

/** A PNG of noise: large enough for several chunks, and incompressible so no byte pattern repeats. */
export async function noisePng(width = 160, height = 120): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i += 1) pixels[i] = (i * 2_654_435_761 >>> 13) & 0xff;
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
}

/** A JPEG as a phone writes it: camera, capture time, GPS of the Calais "Hôpital" site, and an owner name. */
export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 180, g: 40, b: 40 } } }).jpeg().withExif({
    IFD0: { Make: 'Fairphone', Model: 'FP5', Copyright: 'Observer Private Name' },
    IFD2: { DateTimeOriginal: '2026:02:13 06:12:30', OffsetTimeOriginal: '+01:00' },
    IFD3: {
      GPSLatitudeRef: 'N', GPSLatitude: '50/1 57/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '1/1 51/1 0/1',
      GPSAltitudeRef: '0', GPSAltitude: '12/1',
    },
  }).toBuffer();
}

export function uploadBody(bytes: Buffer, target: { evictionId?: string; incidentId?: string }, over: Record<string, unknown> = {}) {
  return {
    id: randomUUID(), ...target, kind: 'photo', declaredType: 'image/png', originalName: 'expulsion hôpital (1).png',
    sizeBytes: bytes.length, sha256: sha256(bytes), ...over,
  };
}

/**
 * Waits for the background job to make a photo's publication copy (jobs poll every 0.5 s in
 * tests) and returns the evidence as `c` sees it then.
 */
export async function publicCopyMade(c: TestClient, id: string, timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const evidence = (await c.get(`/api/evidence/${id}`)).json().evidence;
    if (!evidence.publicCopyPending) return evidence;
    if (Date.now() > deadline) throw new Error(`the publication copy of ${id} was not made within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

type Raw = { statusCode: number; headers: Record<string, unknown>; raw: Buffer; json: () => any };

/** A request carrying or returning raw bytes, with the client's session and CSRF token. */
export async function rawRequest(t: TestVigie, c: TestClient, method: 'GET' | 'HEAD' | 'PATCH', url: string, body?: Buffer, headers: Record<string, string> = {}): Promise<Raw> {
  const res = await t.vigie.app.inject({
    method, url,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, ...(body && { 'content-type': 'application/offset+octet-stream' }), ...headers },
    ...(body && { payload: body }),
  });
  return { statusCode: res.statusCode, headers: res.headers, raw: res.rawPayload, json: () => JSON.parse(res.body) };
}

export const patchChunk = (t: TestVigie, c: TestClient, id: string, offset: number, chunk: Buffer) =>
  rawRequest(t, c, 'PATCH', `/api/evidence/${id}`, chunk, { 'upload-offset': String(offset) });

/**
 * Sends a chunk over a real socket and cuts the connection after `sendBytes` of it, as a
 * phone losing its network mid-upload would.
 */
export async function interruptedChunk(baseUrl: string, c: TestClient, id: string, offset: number, chunk: Buffer, sendBytes: number) {
  await new Promise<void>((resolve) => {
    const req = request(`${baseUrl}/api/evidence/${id}`, {
      method: 'PATCH',
      headers: {
        cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/offset+octet-stream',
        'content-length': String(chunk.length), 'upload-offset': String(offset),
      },
    });
    req.on('error', () => resolve());
    req.on('response', (res) => { res.resume(); resolve(); });
    // The connection drops a while after the first half went out: long enough for a busy server
    // (parallel test files, background jobs) to have started reading the body, as a real phone's
    // upload would have been for seconds before its network went.
    req.write(chunk.subarray(0, sendBytes), () => setTimeout(() => { req.destroy(); resolve(); }, 2_000));
  });
}
