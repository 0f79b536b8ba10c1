import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { expect, test, type Page } from '@playwright/test';
import { Api, invite, inviter, openPhone, unlockPhone } from '../journeys.js';

/**
 * Issue 16, item 3: a video of about 200 MB attached on the phone during an eviction. It is kept
 * in sealed chunks (hashed as it is read), uploaded chunk by chunk with a progress bar; the page
 * is reloaded mid-upload, the phone shows the upload as interrupted with nothing lost, and it
 * resumes from the offset the server acknowledged — not from the start — until the server holds
 * the very bytes (same SHA-256). Only then do its chunks leave the phone. The eviction's page
 * lists it with a file icon, its type and its size. A program renamed "ordonnance.pdf" is refused
 * on the phone at once (the server would refuse it too: apps/server/test/evidence-kinds.test.ts).
 */
const OBSERVER = { email: 'video@hro.example', password: 'phrase de passe de la vidéo', name: 'Sami' };
const CALAIS = '62193';
const SIZE = 200_000_123;

let observerApi: Api;
let dir = '';
let videoPath = '';
let videoSha256 = '';

/** A valid MP4 `ftyp` header followed by random bytes, written to a temporary file as it is hashed. */
async function writeVideo(path: string): Promise<string> {
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  const header = Buffer.alloc(24);
  header.writeUInt32BE(24, 0);
  header.write('ftypisom', 4, 'latin1');
  header.writeUInt32BE(0x200, 12);
  header.write('isommp41', 16, 'latin1');
  const pieces = [header];
  for (let left = SIZE - header.length; left > 0; left -= 4 * 1024 * 1024) pieces.push(randomBytes(Math.min(left, 4 * 1024 * 1024)));
  for (const piece of pieces) {
    hash.update(piece);
    if (!out.write(piece)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return hash.digest('hex');
}

/** How many sealed chunks the phone's local store holds, read from IndexedDB directly. */
async function chunksOnPhone(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let total = 0;
    for (const { name } of await indexedDB.databases()) {
      if (!name?.startsWith('vigie-field-')) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      if (db.objectStoreNames.contains('chunks')) {
        total += await new Promise<number>((resolve, reject) => {
          const req = db.transaction('chunks').objectStore('chunks').count();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      }
      db.close();
    }
    return total;
  });
}

test.describe.serial('media', () => {
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(120_000);
    dir = await mkdtemp(join(tmpdir(), 'vigie-video-'));
    videoPath = join(dir, 'charge-crs.mp4');
    videoSha256 = await writeVideo(videoPath);
    const admin = await inviter(baseURL!);
    observerApi = await invite(admin, baseURL!, OBSERVER, 'observer');
    const ref = await observerApi.get<{ areas: { id: string; code: string }[] }>('/api/field/reference');
    const areaId = ref.areas.find((a) => a.code === 'calaisis')!.id;
    await observerApi.push([
      { commandId: randomUUID(), baseVersion: null, type: 'site.save', record: { id: randomUUID(), code: 'VID', name: 'Quai de la vidéo', areaId, communeInsee: CALAIS } },
    ]);
  });

  test.afterAll(async () => {
    await observerApi?.ctx.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('a 200 MB video uploads across a page reload, resuming where the server was', async ({ browser }) => {
    test.setTimeout(300_000);
    const { context, page, errors } = await openPhone(browser, OBSERVER);

    await page.getByTestId('start-operation').click();
    await page.getByTestId('add-eviction').click();
    await page.getByTestId('site-search').fill('VID');
    await page.getByTestId('site-VID').click();
    await expect(page.getByTestId('count-personsEvicted-plus')).toBeVisible();
    const evictionId = page.url().split('/').pop()!;

    // Every PATCH the phone sends, with the offset it starts from.
    const patches: number[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PATCH' && r.url().includes('/api/evidence/')) patches.push(Number(r.headers()['upload-offset']));
    });

    // A program renamed as a PDF: refused on the phone at once, with its name; nothing is kept.
    const program = Buffer.concat([Buffer.from('MZ', 'latin1'), randomBytes(4094)]);
    await page.getByTestId('attach-input').setInputFiles({ name: 'ordonnance.pdf', mimeType: 'application/pdf', buffer: program });
    await expect(page.getByTestId('attach-error')).toHaveText("« ordonnance.pdf » n'est pas ce que son nom annonce : son contenu n'est pas un fichier PDF. Il n'a pas été gardé.");
    await expect(page.getByTestId('media-row')).toHaveCount(0);

    const started = Date.now();
    await page.getByTestId('attach-input').setInputFiles(videoPath);
    const row = page.getByTestId('media-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('charge-crs.mp4');
    await expect(row).toContainText(/Vidéo · 200\sMo/);
    // Kept on the phone (read, hashed, sealed chunk by chunk), then sent once the eviction is on the server.
    await expect(row).toHaveAttribute('data-status', 'sending', { timeout: 120_000 });
    const kept = Date.now();
    console.log(`[media] 200 MB kept on the phone (hashed, sealed in chunks): ${kept - started} ms`);
    await expect(row.getByTestId('media-status')).toContainText('Envoi');

    // Mid-upload (past 25 %, at least one offset written on the phone): the page is reloaded.
    const evidence = async () => (await observerApi.get<{ evidence: { originalName: string; status: string; uploadOffset: number; sha256Received: string | null; sizeBytes: number; kind: string }[] }>(
      `/api/evictions/${evictionId}/evidence`)).evidence.find((e) => e.originalName === 'charge-crs.mp4');
    await expect.poll(async () => (await evidence())?.uploadOffset ?? 0, { timeout: 120_000, intervals: [250] }).toBeGreaterThan(SIZE / 4);
    await page.reload();
    const reloadedAt = (await evidence())!.uploadOffset;
    expect(reloadedAt).toBeLessThan(SIZE);
    // With no network after the reload, the phone shows where the upload stopped, nothing lost.
    await context.setOffline(true);
    await unlockPhone(page);
    await expect(row).toHaveAttribute('data-status', 'interrupted');
    await expect(row.getByTestId('media-status')).toContainText(/Envoi interrompu à \d+\s%.*rien n'est perdu/);
    expect(await chunksOnPhone(page)).toBe(Math.ceil(SIZE / (1024 * 1024)));

    // The network back: it resumes from the server's offset, not from the start.
    const before = patches.length;
    await context.setOffline(false);
    await expect(row).toHaveAttribute('data-status', 'sent', { timeout: 180_000 });
    console.log(`[media] 200 MB video sent: ${Date.now() - kept} ms of upload (reload included), ${Date.now() - started} ms from attaching it`);
    const resumedFrom = patches[before]!;
    expect(resumedFrom).toBeGreaterThan(0);
    expect(resumedFrom).toBeGreaterThanOrEqual(reloadedAt);
    expect(patches.slice(before).includes(0)).toBe(false);

    // The server holds the very bytes; only now did they leave the phone.
    expect(await evidence()).toMatchObject({ status: 'stored', kind: 'video', sizeBytes: SIZE, sha256Received: videoSha256 });
    await expect.poll(() => chunksOnPhone(page)).toBe(0);

    // The eviction's page: a file icon with the type and size, no thumbnail.
    await page.goto(`/evictions/${evictionId}`);
    const item = page.locator('[data-testid="record-evidence-item"][data-kind="video"]');
    await expect(item).toContainText('charge-crs.mp4');
    await expect(item.getByTestId('record-evidence-type')).toHaveText(/^Vidéo · MP4 · 200\sMo$/);
    await expect(item.locator('img')).toHaveCount(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
