import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator } from '@playwright/test';
import { Api, invite, inviter, png, signIn, unlockPhone, watchErrors } from '../journeys.js';
import { stateFile } from '../state.js';

/**
 * The field journey against the real server: an observer records a police operation on a
 * phone with no network (two evictions, one at a known site prefilled from last time, one at a
 * site created on the spot, counts, a departure, a photo), reloads the page still offline,
 * gets the network back and everything reaches the server; a coordinator then verifies one of
 * the evictions from the review queue, and tries again the publication copy of a photo whose
 * copy could not be stored.
 *
 * Accounts: this file creates its own observer and coordinator. It runs after the foundation
 * journey (project dependency, see playwright.config.ts) and invites them as the administrator
 * that journey handed over in e2e/.state/<port>/admin.json; run alone on a fresh server, it does the
 * set-up itself with the code in e2e/.state/<port>/setup-code.
 */

const OBSERVER = { email: 'terrain@hro.example', password: 'phrase de passe de l’observatrice', name: 'Sacha' };
const COORDINATOR = { email: 'coordination-terrain@hro.example', password: 'phrase de passe du coordinateur', name: 'Noor' };
const CALAIS = '62193';

interface EvictionView {
  id: string; operationId: string; siteId: string; status: string; version: number; leftAt: string | null;
  counts: Record<string, { n: number; atLeast: boolean } | null>; seized: { term: string; n: number; atLeast: boolean }[];
}
interface PullView { operations: { id: string; version: number; observerIds: string[] }[]; evictions: EvictionView[]; sites: { id: string; code: string }[] }
interface EvidenceView { id: string; evictionId: string | null; kind: string; status: string; sha256Device: string; sha256Received: string | null; detectedType: string | null; sizeBytes: number; originalName: string }

let observerApi: Api;
let coordinatorApi: Api;
let b2Id = '';

test.describe.serial('field', () => {
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(90_000); // may wait up to one 30-second TOTP step for a code not used yet
    const admin = await inviter(baseURL!);
    observerApi = await invite(admin, baseURL!, OBSERVER, 'observer');
    coordinatorApi = await invite(admin, baseURL!, COORDINATOR, 'coordinator');

    // B2 exists, and was evicted yesterday (verified): the routine case the tap budget is about.
    const ref = await coordinatorApi.get<{ areas: { id: string; code: string }[] }>('/api/field/reference');
    const areaId = ref.areas.find((a) => a.code === 'calaisis')!.id;
    b2Id = randomUUID();
    const opId = randomUUID();
    const evId = randomUUID();
    const yesterday = new Date(Date.now() - 86_400_000);
    yesterday.setUTCHours(6, 0, 0, 0);
    const at = (min: number) => new Date(yesterday.getTime() + min * 60_000).toISOString();
    const [, , saved] = await coordinatorApi.push([
      { commandId: randomUUID(), baseVersion: null, type: 'site.save', record: { id: b2Id, code: 'B2', name: 'Bois de la Douane', areaId, communeInsee: CALAIS } },
      { commandId: randomUUID(), baseVersion: null, type: 'operation.save', record: { id: opId, areaId, startedAt: at(0), endedAt: at(90), observerIds: [] } },
      {
        commandId: randomUUID(), baseVersion: null, type: 'eviction.save',
        record: {
          id: evId, operationId: opId, siteId: b2Id, arrivedAt: at(10), leftAt: at(40),
          counts: { personsEvicted: { n: 40, atLeast: true } }, seized: [{ term: 'tent', n: 5, atLeast: true }], legalBasisText: 'Flagrance',
        },
      },
    ]);
    const [submitted] = await coordinatorApi.push([{ commandId: randomUUID(), baseVersion: saved!.version, type: 'eviction.submit', record: { id: evId } }]);
    await coordinatorApi.post(`/api/evictions/${evId}/verify`, { version: submitted!.version });
  });

  test.afterAll(async () => {
    await observerApi?.ctx.dispose();
    await coordinatorApi?.ctx.dispose();
  });

  let operationId = '';

  test('an observer records an operation offline and it reaches the server once online', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris', hasTouch: true });
    const page = await context.newPage();
    const syncBar = page.getByTestId('sync-bar');

    // Once with a network: the app, the service worker, the lists and B2's history get onto the phone.
    await signIn(page, OBSERVER);
    const errors = watchErrors(page); // signed in: the 401 of the login page is behind us
    await page.goto('/field');
    await unlockPhone(page);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect(syncBar).toContainText('Dernière synchronisation', { timeout: 20_000 });
    await expect(syncBar).toContainText('Tout est envoyé');
    await expect(page.getByTestId('start-operation')).toBeEnabled();

    await context.setOffline(true);
    await expect(syncBar).toContainText('Hors ligne');
    await page.getByTestId('start-operation').click();
    await expect(page).toHaveURL(/\/field\/operations\/[0-9a-f-]{36}$/);
    operationId = page.url().split('/').pop()!;

    const photo = png();
    const photoSha256 = createHash('sha256').update(photo).digest('hex');

    // Routine eviction at a known site, every tap and keystroke counted (budget: 15, TAPS.md).
    let taps = 0;
    const tap = async (target: Locator) => {
      taps += 1;
      await target.click();
    };
    await tap(page.getByTestId('add-eviction')); // 1 site list
    await tap(page.getByTestId('site-B2')); // 2 eviction created, prefilled from yesterday
    await expect(page.getByTestId('prefilled')).toBeVisible();
    await tap(page.getByTestId('adopt-suggestions')); // 3 yesterday's figures: 40 persons, 5 tents
    await expect(page.getByTestId('count-personsEvicted-value')).toHaveValue('40');
    await tap(page.getByTestId('count-personsEvicted-plus')); // 4
    await tap(page.getByTestId('count-personsEvicted-plus')); // 5 → 42
    await tap(page.getByTestId('seized-tent-minus')); // 6 → 4 tents
    await tap(page.getByTestId('depart')); // 7 departure = now
    taps += 1; // 8 the photo button (the camera's shutter is the phone's, not ours)
    await page.getByTestId('photo-input').setInputFiles({ name: 'b2.png', mimeType: 'image/png', buffer: photo });
    await expect(page.getByTestId('photo-count')).toContainText('1 photo en attente');
    await expect(page.getByTestId('count-personsEvicted-value')).toHaveValue('42');
    await expect(page.getByTestId('seized-tent-value')).toHaveValue('4');
    await tap(page.getByTestId('submit-eviction')); // 9 saved + submitted, back to the operation
    // add-eviction, B2, adopt, +, +, − tents, départ, photo, soumettre
    expect(taps).toBe(9);
    expect(taps).toBeLessThanOrEqual(15);
    await expect(page).toHaveURL(new RegExp(`/field/operations/${operationId}$`));

    // A second eviction, at a site nobody recorded before: created on the spot.
    await page.getByTestId('add-eviction').click();
    await page.getByTestId('site-search').fill('BMX');
    await page.getByTestId('site-create-open').click();
    await expect(page.getByTestId('site-create-code')).toHaveValue('BMX');
    await page.getByTestId('site-create-name').fill('Terrain BMX');
    await page.getByLabel('Commune').selectOption(CALAIS);
    await page.getByTestId('site-create-submit').click();
    await expect(page.getByTestId('count-personsEvicted-plus')).toBeVisible();
    await expect(page.getByTestId('adopt-suggestions')).toHaveCount(0);
    for (let i = 0; i < 3; i += 1) await page.getByTestId('count-personsEvicted-plus').click();
    await page.getByTestId('count-children-plus').click();
    await expect(page.getByTestId('count-personsEvicted-value')).toHaveValue('3');
    await page.getByTestId('submit-eviction').click();
    await expect(page).toHaveURL(new RegExp(`/field/operations/${operationId}$`));

    const rows = page.getByTestId('eviction-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: 'B2' })).toContainText('au moins 42');
    await expect(rows.filter({ hasText: 'BMX' })).toContainText('au moins 3');
    for (const row of await rows.all()) {
      await expect(row).toContainText('Soumise');
      await expect(row).toContainText("En attente d'envoi");
    }

    // A reload with no network: the service worker serves the app, IndexedDB still holds everything.
    await page.reload();
    await unlockPhone(page);
    await expect(syncBar).toContainText('Hors ligne');
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: 'B2' })).toContainText('au moins 42');
    await page.getByTestId('sync-outbox-link').click();
    await expect(page).toHaveURL(/\/field\/outbox$/);
    const waiting = page.getByTestId('outbox-waiting');
    // operation, site BMX, and for each eviction its content and its submission
    await expect(waiting.getByTestId('outbox-row')).toHaveCount(6);
    await expect(waiting.getByTestId('outbox-row').filter({ hasText: 'Soumission d' })).toHaveCount(2);
    await expect(page.getByTestId('outbox-photos')).toHaveText("1 photo en attente d'envoi");
    await expect(page.getByTestId('outbox-photos-sent')).toHaveCount(0);
    await expect(syncBar).toContainText('6 en attente');

    // The network comes back: the outbox empties by itself, then the photo is uploaded.
    await context.setOffline(false);
    await expect(page.getByTestId('outbox-empty')).toHaveText('Tout est envoyé.', { timeout: 30_000 });
    await expect(syncBar).toContainText('En ligne');
    await expect(syncBar).toContainText('Tout est envoyé');
    await expect(page.getByTestId('outbox-photos-sent')).toHaveText('1 photo envoyée');
    await expect(page.getByTestId('outbox-photos')).toHaveCount(0);
    await expect(page.getByTestId('outbox-photos-failed')).toHaveCount(0);

    // Back on the operation, the coordinator is ticked as co-observer from the team kept on the phone.
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`/field/operations/${operationId}$`));
    await page.getByTestId('co-observers').getByLabel(COORDINATOR.name).first().check();
    await expect(syncBar).toContainText('Tout est envoyé', { timeout: 30_000 });

    // On the server, as the observer's phone would pull it.
    const pulled = await observerApi.get<PullView>('/api/sync/pull?since=0');
    expect(pulled.operations.map((o) => o.id)).toContain(operationId);
    await expect.poll(async () => (await observerApi.get<PullView>('/api/sync/pull?since=0')).operations.find((o) => o.id === operationId)?.observerIds.length).toBe(2);
    const mine = pulled.evictions.filter((e) => e.operationId === operationId);
    expect(mine).toHaveLength(2);
    const bmxId = pulled.sites.find((s) => s.code === 'BMX')?.id;
    expect(bmxId).toBeTruthy();
    const b2 = mine.find((e) => e.siteId === b2Id)!;
    const bmx = mine.find((e) => e.siteId === bmxId)!;
    expect(b2).toMatchObject({ status: 'submitted', counts: { personsEvicted: { n: 42, atLeast: true } }, seized: [{ term: 'tent', n: 4, atLeast: true }] });
    expect(b2.leftAt).not.toBeNull();
    expect(bmx).toMatchObject({ status: 'submitted', leftAt: null, counts: { personsEvicted: { n: 3, atLeast: true }, children: { n: 1, atLeast: true } } });

    // The photo is evidence on B2's eviction: stored, and the very bytes taken on the phone.
    const { evidence } = await coordinatorApi.get<{ evidence: EvidenceView[] }>(`/api/evictions/${b2.id}/evidence`);
    expect(evidence).toHaveLength(1);
    expect(evidence[0]).toMatchObject({
      evictionId: b2.id, kind: 'photo', status: 'stored', detectedType: 'image/png', originalName: 'b2.png',
      sizeBytes: photo.length, sha256Device: photoSha256, sha256Received: photoSha256,
    });
    expect((await coordinatorApi.get<{ evidence: EvidenceView[] }>(`/api/evictions/${bmx.id}/evidence`)).evidence).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a coordinator verifies a submitted eviction from the review queue', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    await signIn(page, COORDINATOR);
    const errors = watchErrors(page);
    await page.goto('/review');
    const rows = page.getByTestId('review-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: 'B2' })).toContainText(`Saisie par ${OBSERVER.name}`);
    await rows.filter({ hasText: 'B2' }).getByTestId('review-open').click();
    await expect(page).toHaveURL(/\/evictions\/[0-9a-f-]{36}$/);
    const evictionId = page.url().split('/').pop()!;
    await expect(page.getByRole('heading', { name: /B2 — Bois de la Douane/ })).toBeVisible();
    await expect(page.getByTestId('record-facts')).toContainText('au moins 42');
    await expect(page.getByTestId('record-history')).toContainText(`par ${OBSERVER.name}`);
    // Verifying moves on to the next record waiting: BMX.
    await page.getByTestId('record-verify').click();
    await expect(page.getByRole('heading', { name: /BMX/ })).toBeVisible();
    expect(page.url().split('/').pop()).not.toBe(evictionId);

    await page.getByRole('link', { name: 'Retour à la revue' }).click();
    await expect(page).toHaveURL(/\/review$/);
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText('BMX');

    // B2's recurrence counts yesterday's eviction and today's.
    await page.goto('/sites');
    await expect(page.getByTestId('site-row').filter({ hasText: 'B2' })).toContainText('expulsé 2 fois ces 30 derniers jours');

    const queue = await coordinatorApi.get<{ evictions: EvictionView[] }>('/api/review/queue');
    expect(queue.evictions.map((e) => e.id)).not.toContain(evictionId);
    const pulled = await coordinatorApi.get<PullView>('/api/sync/pull?since=0');
    expect(pulled.evictions.find((e) => e.id === evictionId)).toMatchObject({ status: 'verified', operationId, siteId: b2Id });
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a photo whose publication copy failed is listed on the review page, and trying again makes it', async ({ browser }) => {
    const { user } = await observerApi.get<{ user: { organisationId: string } }>('/api/auth/me');
    const pulled = await observerApi.get<PullView>('/api/sync/pull?since=0');
    const evictionId = pulled.evictions.find((e) => e.siteId === b2Id && e.status === 'verified')!.id;
    // Where the copy is to be stored, a folder is in the way: every try fails to store it (as a full disk would).
    const id = randomUUID();
    const blocker = join(readFileSync(stateFile('data-dir'), 'utf8'), 'evidence', 'public', user.organisationId, `${id}.jpg`);
    mkdirSync(join(blocker, 'in-the-way'), { recursive: true });
    const bytes = png();
    await observerApi.post('/api/evidence', {
      id, evictionId, kind: 'photo', declaredType: 'image/png', originalName: 'palissade B2.png', sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'), capturedAt: new Date().toISOString(),
    });
    const res = await observerApi.ctx.patch(`/api/evidence/${id}`, {
      data: bytes, headers: { 'x-csrf-token': observerApi.csrf, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
    });
    expect(res.ok(), `PATCH evidence: ${res.status()} ${await res.text()}`).toBe(true);
    // pg-boss's retries (1 s apart on the journeys' server) all fail; the last one records the failure.
    const evidenceOf = async () => (await observerApi.get<{ evidence: { publicCopyFailedAt: string | null; hasPublicCopy: boolean } }>(`/api/evidence/${id}`)).evidence;
    await expect.poll(async () => (await evidenceOf()).publicCopyFailedAt, { timeout: 30_000 }).not.toBeNull();

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    await signIn(page, COORDINATOR);
    const errors = watchErrors(page);
    await page.goto('/review');
    const failures = page.getByTestId('failed-copies');
    await expect(failures.getByRole('heading', { name: 'Photos sans copie de publication' })).toBeVisible();
    await expect(failures).toContainText('a échoué à chaque essai');
    const failed = page.getByTestId('failed-copy');
    await expect(failed).toHaveCount(1);
    await expect(failed).toContainText(/palissade B2\.png — échec le .+ \d{1,2}:\d{2}/);

    // The folder gone, "Relancer la copie": the photo leaves the list and its copy is made.
    rmSync(blocker, { recursive: true, force: true });
    await failed.getByRole('button', { name: 'Relancer la copie' }).click();
    await expect(page.getByText('Copie relancée', { exact: false })).toBeVisible();
    await expect(failures).toHaveCount(0);
    await expect.poll(async () => (await evidenceOf()).hasPublicCopy, { timeout: 20_000 }).toBe(true);
    expect((await evidenceOf()).publicCopyFailedAt).toBeNull();
    await page.reload();
    await expect(page.getByTestId('review-waiting')).toBeVisible();
    await expect(page.getByTestId('failed-copies')).toHaveCount(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
