import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { invite, inviter, signIn, watchErrors } from '../journeys.js';

/**
 * The media monitoring journey (issue 14): the comms lead follows a newspaper's RSS feed (served
 * here by a local web server), adds a keyword rule, reads the feed and sees the clipping; then
 * downloads a bulletin's share card, a PNG at the size chosen for the networks.
 */
const COMMS = { email: 'veille-mediatique@hro.example', password: 'phrase de passe de la veille', name: 'Inès' };
const ARTICLE = `<!doctype html><html><head><title>Calais</title></head><body><nav>Accueil Sports</nav><article><h1>Calais : nouvelle expulsion</h1>
${'<p>Selon les Human Rights Observers, au moins 40 tentes ont été saisies mardi matin près de l’hôpital de Calais.</p>'.repeat(4)}</article></body></html>`;

let feeds: Server;
let feedUrl = '';
let bulletinId = '';

test.describe.serial('monitoring', () => {
  test.beforeAll(async ({ baseURL }) => {
    feeds = createServer((req, res) => {
      const base = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;
      if (req.url === '/rss.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Journal du Littoral</title><link>${base}/</link><description>Calais</description><language>fr</language>
<item><title>Calais : nouvelle expulsion d'un campement</title><link>${base}/articles/1</link><description>Les Human Rights Observers ont compté 40 tentes saisies.</description><pubDate>Tue, 01 Dec 2026 09:30:00 +0100</pubDate></item>
<item><title>Le marché de Noël ouvre</title><link>${base}/articles/2</link><description>Chalets place d'Armes.</description></item>
</channel></rss>`);
      } else if (req.url === '/articles/1') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', () => resolve()));
    feedUrl = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}/rss.xml`;
    const admin = await inviter(baseURL!);
    const comms = await invite(admin, baseURL!, COMMS, 'comms');
    const { areas } = await comms.get<{ areas: Array<{ id: string; code: string; figureSet: unknown }> }>('/api/bulletins');
    const area = areas.find((a) => a.figureSet) ?? areas[0]!;
    bulletinId = (await comms.post<{ bulletin: { id: string } }>('/api/bulletins', { areaId: area.id, month: '2026-02' })).body.bulletin.id;
    await comms.ctx.dispose();
    await admin.ctx.dispose();
  });
  test.afterAll(() => new Promise<void>((resolve) => { feeds?.close(() => resolve()); }));

  test('follows a feed, finds the article, and downloads a share card', async ({ page }) => {
    await signIn(page, COMMS);
    const errors = watchErrors(page);
    await page.goto('/communication');
    await page.getByTestId('monitoring-link').click();
    await page.getByTestId('monitoring-tab-rules').click();
    await page.getByTestId('rule-name').fill('HRO');
    await page.getByTestId('rule-expression').fill('"Human Rights Observers" OR HRO NOT "HRO Today"');
    await page.getByTestId('rule-add').click();
    await expect(page.getByTestId('rule-list')).toContainText('"Human Rights Observers" OR HRO');

    await page.getByTestId('monitoring-tab-sources').click();
    await page.getByTestId('source-name').fill('Journal du Littoral');
    await page.getByTestId('source-url').fill(feedUrl);
    await page.getByTestId('source-add').click();
    await page.getByTestId('source-poll').click();
    // The scheduled poll (every ten minutes) may read the new source a moment before the button
    // does; then the button finds the article already kept. Either way it is kept once.
    await expect(page.getByTestId('poll-notice')).toHaveText(/^Flux lu : 2 élément\(s\), [01] nouvel\(s\) article\(s\) retenu\(s\)\.$/);
    await expect(page.getByTestId('source-health')).toContainText('1 article(s) retenu(s)');

    await page.getByTestId('monitoring-tab-clippings').click();
    await expect(page.getByTestId('clipping')).toHaveCount(1);
    await expect(page.getByTestId('clipping')).toContainText("Calais : nouvelle expulsion d'un campement");
    await expect(page.getByTestId('clipping')).toContainText('Human Rights Observers');
    await page.getByTestId('clipping-tone').selectOption('positive');
    await expect(page.getByTestId('clipping')).toContainText('tonalité choisie par Inès');

    await page.goto(`/communication/bulletins/${bulletinId}`);
    await page.getByTestId('share-card-size').selectOption('landscape');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('share-card-png-fr').click()]);
    const png = readFileSync((await download.path())!);
    // PNG header: the IHDR chunk holds the width and height, big-endian, at bytes 16 and 20.
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 675]);
    expect(download.suggestedFilename()).toMatch(/-landscape-fr\.png$/);
    expect(errors).toEqual([]);
  });
});
