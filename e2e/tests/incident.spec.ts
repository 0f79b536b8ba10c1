import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { Api, invite, inviter, png, signIn, unlockPhone, watchErrors } from '../journeys.js';

/**
 * Two journeys on a phone:
 * 1. An observer records an incident (violence, a victim under a pseudonym, a photo) during an
 *    eviction with no network, reloads still offline, gets the network back; the incident reaches
 *    the server and a coordinator reads it in review.
 * 2. A shared phone: observer A leaves unsent work and signs out; observer B signs in on the same
 *    browser profile and neither sees nor sends it; when A signs in again it is sent, as A.
 * Then an outreach round recorded from the phone's field home (online), an incident at its
 * distribution, and a lawyer's witness statement about that incident (its page → the form → the PDF).
 *
 * Accounts: its own observers and coordinator, invited like field.spec.ts does (journeys.ts).
 */

const CAMILLE = { email: 'incident-a@hro.example', password: 'phrase de passe de Camille', name: 'Camille' };
const LOU = { email: 'incident-b@hro.example', password: 'phrase de passe de Lou', name: 'Lou' };
const NOA = { email: 'incident-coord@hro.example', password: 'phrase de passe de Noa', name: 'Noa' };
const SACHA = { email: 'incident-legal@hro.example', password: 'phrase de passe de Sacha', name: 'Sacha' };
const CALAIS = '62193';

interface IncidentView {
  id: string; kind: string; incidentType: string; unit: string | null; description: string | null;
  victims: { id: string; pseudonym: string; minor: boolean | null }[]; evidence: { stored: number; uploading: number; rejected: number };
}
interface PullView { operations: { id: string; createdBy: string }[]; evictions: { id: string; siteId: string; createdBy: string; status: string }[] }

let outsideIncidentId = '';
let camilleApi: Api;
let coordinatorApi: Api;
let incSiteId = '';
let sharedSiteId = '';

async function openField(page: Page) {
  await page.goto('/field');
  await unlockPhone(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect(page.getByTestId('sync-bar')).toContainText('Dernière synchronisation', { timeout: 20_000 });
}

test.describe.serial('incident', () => {
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(90_000); // may wait up to one 30-second TOTP step for a code not used yet
    const admin = await inviter(baseURL!);
    camilleApi = await invite(admin, baseURL!, CAMILLE, 'observer');
    (await invite(admin, baseURL!, LOU, 'observer')).ctx.dispose();
    coordinatorApi = await invite(admin, baseURL!, NOA, 'coordinator');
    (await invite(admin, baseURL!, SACHA, 'legal')).ctx.dispose();
    const ref = await coordinatorApi.get<{ areas: { id: string; code: string }[] }>('/api/field/reference');
    const areaId = ref.areas.find((a) => a.code === 'calaisis')!.id;
    incSiteId = randomUUID();
    sharedSiteId = randomUUID();
    await coordinatorApi.push([
      { commandId: randomUUID(), baseVersion: null, type: 'site.save', record: { id: incSiteId, code: 'INC1', name: 'Dune des incidents', areaId, communeInsee: CALAIS } },
      { commandId: randomUUID(), baseVersion: null, type: 'site.save', record: { id: sharedSiteId, code: 'SHR', name: 'Hangar partagé', areaId, communeInsee: CALAIS } },
    ]);
  });

  test.afterAll(async () => {
    await camilleApi?.ctx.dispose();
    await coordinatorApi?.ctx.dispose();
  });

  test('an incident with a pseudonymous victim, recorded offline, reaches the coordinator’s review', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris', hasTouch: true });
    const page = await context.newPage();
    const syncBar = page.getByTestId('sync-bar');
    await signIn(page, CAMILLE);
    const errors = watchErrors(page);
    await openField(page);

    await context.setOffline(true);
    await expect(syncBar).toContainText('Hors ligne');
    await page.getByTestId('start-operation').click();
    await page.getByTestId('add-eviction').click();
    await page.getByTestId('site-search').fill('INC1');
    await page.getByTestId('site-INC1').click();
    await expect(page.getByTestId('count-personsEvicted-plus')).toBeVisible();
    const evictionUrl = page.url();
    const evictionId = evictionUrl.split('/').pop()!;
    await page.getByTestId('count-personsEvicted-plus').click();

    await page.getByTestId('incident-add-violence').click();
    await expect(page).toHaveURL(/\/field\/incidents\/[0-9a-f-]{36}$/);
    const incidentId = page.url().split('/').pop()!;
    await expect(page.getByTestId('incident-sync')).toHaveText('Incomplet : pas encore envoyé');
    await expect(page.getByTestId('incident-type-problem')).toBeVisible();
    await page.getByTestId('incident-type-tear_gas').click();
    await expect(page.getByTestId('incident-type-problem')).toHaveCount(0);
    // Never in the future: an hour ahead is refused on the phone, "Maintenant" puts it right.
    const later = new Date(Date.now() + 3_600_000).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });
    if (later > new Date().toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' })) {
      await page.getByTestId('incident-time').fill(later);
      await expect(page.getByText('Cette heure est dans le futur.')).toBeVisible();
      await page.getByTestId('incident-time-now').click();
      await expect(page.getByText('Cette heure est dans le futur.')).toHaveCount(0);
    }
    await page.getByTestId('incident-unit').fill('CRS 36');
    await page.getByTestId('incident-description').fill('Gaz lacrymogène dans une tente occupée');
    await page.getByTestId('victim-add').click();
    await expect(page.getByTestId('victim-0-pseudonym')).toHaveValue('Personne 1');
    await page.getByTestId('victim-0-pseudonym').fill('Jeune au bonnet');
    await page.getByTestId('victim-0-age-minor').click();
    await page.getByTestId('photo-input').setInputFiles({ name: 'gaz.png', mimeType: 'image/png', buffer: png() });
    await expect(page.getByTestId('photo-count')).toContainText('1 photo en attente');
    await expect(page.getByTestId('incident-sync')).toHaveText("En attente d'envoi");
    await page.getByTestId('incident-done').click();

    await expect(page).toHaveURL(evictionUrl);
    const row = page.getByTestId('incident-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Gaz lacrymogène');
    await expect(row).toContainText('1 victime');
    // The eviction's own photo button does not count the incident's photo.
    await expect(page.getByTestId('photo-count')).toHaveCount(0);
    await page.getByTestId('submit-eviction').click();
    await expect(page).toHaveURL(/\/field\/operations\/[0-9a-f-]{36}$/);

    // Reload with no network: the incident is still on the phone, waiting in the outbox.
    await page.reload();
    await unlockPhone(page);
    await expect(syncBar).toContainText('Hors ligne');
    await page.goto(`/field/incidents/${incidentId}`).catch(() => undefined);
    await unlockPhone(page);
    await expect(page.getByTestId('victim-0-pseudonym')).toHaveValue('Jeune au bonnet');
    await expect(page.getByTestId('victim-0-age-minor')).toHaveAttribute('aria-pressed', 'true');
    await page.getByTestId('sync-outbox-link').click();
    await expect(page.getByTestId('outbox-waiting').getByTestId('outbox-row').filter({ hasText: 'Incident' })).toHaveCount(1);

    await context.setOffline(false);
    await expect(page.getByTestId('outbox-empty')).toHaveText('Tout est envoyé.', { timeout: 30_000 });
    await expect(page.getByTestId('outbox-photos-sent')).toHaveText('1 photo envoyée');

    const { incidents } = await coordinatorApi.get<{ incidents: IncidentView[] }>(`/api/evictions/${evictionId}/incidents`);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      id: incidentId, kind: 'violence', incidentType: 'tear_gas', unit: 'CRS 36', description: 'Gaz lacrymogène dans une tente occupée',
      victims: [{ pseudonym: 'Jeune au bonnet', minor: true }], evidence: { stored: 1, uploading: 0, rejected: 0 },
    });
    expect(errors).toEqual([]);
    await context.close();

    // The coordinator reads it in review.
    const coord = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const review = await coord.newPage();
    await signIn(review, NOA);
    await review.goto(`/review/${evictionId}`);
    const listed = review.getByTestId('review-incident');
    await expect(listed).toHaveCount(1);
    await expect(listed).toContainText('Gaz lacrymogène');
    await expect(listed).toContainText('CRS 36');
    await expect(listed).toContainText('Jeune au bonnet (Mineur·e)');
    await expect(listed).toContainText('1 photo envoyée');
    await coord.close();
  });

  test('a shared phone: one observer’s unsent work is neither shown to nor sent by the next, and leaves when its author returns', async ({ browser }) => {
    // One browser context is one phone: same IndexedDB, same service worker, same cookies.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris', hasTouch: true });
    const page = await context.newPage();
    const syncBar = page.getByTestId('sync-bar');

    await signIn(page, CAMILLE);
    await openField(page);
    // The server cannot be reached for sync (a dead zone): the work stays in Camille's outbox.
    const unreachable = (route: { abort: (e?: string) => Promise<void> }) => route.abort('internetdisconnected');
    await page.route('**/api/sync/push', unreachable);
    await page.getByTestId('quick-entry').click();
    await page.getByTestId('site-search').fill('SHR');
    await page.getByTestId('site-SHR').click();
    await expect(page.getByTestId('to-complete')).toHaveCount(1);
    // Added to Camille's operation still under way (the first journey's): one command waits.
    await expect(syncBar).toContainText("1 en attente d'envoi");

    // Signing out warns that the work stays on this phone.
    await page.locator('.user-menu summary').click();
    await expect(page.getByTestId('unsent-warning')).toContainText("1 saisie n'est pas encore envoyée");
    await page.getByTestId('logout').click();
    await expect(page).toHaveURL(/\/login/);
    await page.unroute('**/api/sync/push', unreachable);

    // Lou on the same phone: nothing of Camille's, nothing sent.
    await signIn(page, LOU);
    await openField(page);
    await expect(syncBar).toContainText('Tout est envoyé');
    await expect(page.getByTestId('to-complete')).toHaveCount(0);
    // "Mes opérations" lists Lou's own only: Camille's operation (sent or not) is not offered.
    await expect(page.getByTestId('current-operation')).toHaveCount(0);
    await page.getByTestId('sync-outbox-link').click();
    await expect(page.getByTestId('outbox-empty')).toBeVisible();
    const before = await coordinatorApi.get<PullView>('/api/sync/pull?since=0');
    expect(before.evictions.filter((e) => e.siteId === sharedSiteId)).toEqual([]);
    await page.locator('.user-menu summary').click();
    await expect(page.getByTestId('unsent-warning')).toHaveCount(0);
    await page.getByTestId('logout').click();
    await expect(page).toHaveURL(/\/login/);

    // Camille again: her work is there and leaves the phone, under her name.
    await signIn(page, CAMILLE);
    await openField(page);
    await expect(syncBar).toContainText('Tout est envoyé', { timeout: 30_000 });
    await expect(page.getByTestId('to-complete')).toHaveCount(1);
    const me = await camilleApi.get<{ user: { id: string } }>('/api/auth/me');
    const after = await coordinatorApi.get<PullView>('/api/sync/pull?since=0');
    const sent = after.evictions.filter((e) => e.siteId === sharedSiteId);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ createdBy: me.user.id, status: 'draft' });
    await context.close();
  });

  test('a photo the server refused shows why, can be tried again, and leaves the phone only when removed', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris', hasTouch: true });
    const page = await context.newPage();
    await signIn(page, CAMILLE);
    await openField(page);
    // The bytes are damaged on the way: the server's hash differs from the one computed on the phone.
    const damage = async (route: import('@playwright/test').Route) => {
      const body = route.request().postDataBuffer();
      if (body) body[body.length - 1] = body.at(-1)! ^ 0xff;
      await route.continue(body ? { postData: body } : {});
    };
    await page.route('**/api/evidence/*', damage);
    await page.getByTestId('to-complete').click();
    await page.getByTestId('photo-input').last().setInputFiles({ name: 'abimee.png', mimeType: 'image/png', buffer: png() });
    await expect(page.getByTestId('photo-count').last()).toContainText('1 photo en attente');
    await page.getByTestId('sync-outbox-link').click();
    await page.getByTestId('sync-now').click();
    const refused = page.getByTestId('outbox-photo-row');
    await expect(refused).toHaveCount(1, { timeout: 20_000 });
    await expect(refused.getByTestId('outbox-photo-error')).toContainText("ne correspond pas à l'empreinte calculée sur l'appareil");
    await expect(page.getByTestId('outbox-empty')).toHaveCount(0);

    // Tried again: the server refused these bytes for good and says so again; the photo stays.
    await page.unroute('**/api/evidence/*', damage);
    await refused.getByTestId('outbox-photo-retry').click();
    await page.getByTestId('sync-now').click();
    await expect(refused.getByTestId('outbox-photo-error')).toHaveText('Le serveur a refusé cette photo.', { timeout: 20_000 });

    // Removing asks first; then, and only then, it is gone.
    await refused.getByTestId('outbox-photo-remove').click();
    await expect(refused).toHaveCount(1);
    await page.getByTestId('outbox-photo-remove-confirm').click();
    await expect(refused).toHaveCount(0);
    await expect(page.getByTestId('outbox-empty')).toHaveText('Tout est envoyé.');
    await context.close();
  });

  test('an outreach round is recorded from the phone, with counts and no name', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris', hasTouch: true });
    const page = await context.newPage();
    await signIn(page, CAMILLE);
    const errors = watchErrors(page);
    await openField(page);
    await page.getByTestId('new-round').click();
    await page.getByTestId('round-people').fill('40');
    await page.getByTestId('round-need-food').fill('30');
    await page.getByTestId('round-distributed').fill('25 couvertures\nthé');
    await page.getByTestId('round-save').click();
    await expect(page.getByTestId('round-saved')).toContainText('personnes rencontrées : au moins 40');
    // Saved on the phone, then sent by the outbox (issue 16): on the server a moment later.
    const rounds = async () => (await camilleApi.get<{ rounds: { needs: Record<string, unknown>; distributed: unknown[] }[] }>('/api/rounds')).rounds;
    // Found by what was typed, not by position: another journey's round may be listed first (rounds are ordered by their time).
    const ours = async () => (await rounds()).find((r) => 'food' in r.needs);
    await expect.poll(ours, { timeout: 20_000 }).toBeDefined();
    expect(await ours()).toMatchObject({ needs: { food: { n: 30, atLeast: true } }, distributed: [{ item: 'couvertures', count: { n: 25, atLeast: false } }, { item: 'thé', count: null }] });

    // During the round, gas at the distribution: an incident outside any eviction, with its own place.
    await openField(page);
    await page.getByTestId('new-outside-incident').click();
    await expect(page.getByTestId('incident-place-fields')).toBeVisible();
    await page.getByTestId('incident-type-tear_gas').click();
    await expect(page.getByTestId('incident-place-problem')).toContainText('décrivez l');
    await page.getByTestId('incident-place').fill('Distribution rue des Garennes');
    await expect(page.getByTestId('incident-place-problem')).toHaveCount(0);
    await expect(page.getByTestId('incident-sync')).toHaveText("En attente d'envoi");
    // Its photo, kept on the phone for the incident alone, then sent through the same evidence intake.
    const outsideId = page.url().split('/').pop()!;
    outsideIncidentId = outsideId;
    await page.getByTestId('photo-input').setInputFiles({ name: 'distribution.png', mimeType: 'image/png', buffer: png() });
    await expect(page.getByTestId('photo-count')).toContainText('1 photo en attente');
    await page.getByTestId('incident-done').click();
    await page.getByTestId('sync-outbox-link').click();
    await page.getByTestId('sync-now').click();
    await expect(page.getByTestId('outbox-empty')).toHaveText('Tout est envoyé.', { timeout: 20_000 });
    const outside = (await camilleApi.get<{ incidents: { place: string | null; evictionId: string | null; status: string }[] }>('/api/incidents')).incidents;
    expect(outside).toEqual([expect.objectContaining({ place: 'Distribution rue des Garennes', evictionId: null, status: 'submitted' })]);
    const { page: read } = await coordinatorApi.get<{ page: { incident: IncidentView; evidence: { originalName: string }[] } }>(`/api/incidents/${outsideId}`);
    expect(read.incident.evidence).toEqual({ stored: 1, uploading: 0, rejected: 0 });
    expect(read.evidence.map((x) => x.originalName)).toEqual(['distribution.png']);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a lawyer prepares a witness statement about the incident at the distribution, from its page', async ({ browser }, info) => {
    expect(outsideIncidentId, 'the round journey recorded the incident').not.toBe('');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris', acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, SACHA);
    const errors = watchErrors(page);
    await page.goto(`/incidents/${outsideIncidentId}`);
    await expect(page.getByTestId('incident-facts')).toContainText('Distribution rue des Garennes');
    await page.getByTestId('witness-link').click();
    await expect(page).toHaveURL(new RegExp(`/legal/witness/incident/${outsideIncidentId}$`));
    await expect(page.getByText('en dehors d\'une expulsion')).toBeVisible();
    const form = page.getByTestId('witness-form');
    await form.getByLabel('Nom', { exact: true }).fill('Delaunay');
    await form.getByLabel('Prénoms').fill('Sacha Marie');
    await form.getByLabel('Date de naissance').fill('1988-03-14');
    await form.getByLabel('Lieu de naissance').fill('Lille');
    await form.getByLabel('Adresse', { exact: true }).fill('12 rue du Port, 62100 Calais');
    await form.getByLabel('Profession').fill('Juriste');
    await form.getByLabel(/relation des faits/).fill('J’ai vu des grenades lacrymogènes lancées sur la file de la distribution.');
    await form.getByLabel('Fait à').fill('Calais');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('witness-submit').click()]);
    await expect(page.getByText('Attestation téléchargée.')).toBeVisible();
    const file = info.outputPath('attestation.pdf');
    await download.saveAs(file);
    const text = execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    // The incident's own facts, outside any eviction, and the witness's identity and account.
    for (const fact of ['En dehors de toute expulsion', 'Distribution rue des Garennes', 'DELAUNAY', 'Sacha Marie', 'grenades lacrymogènes', 'Calais']) {
      expect(text.toUpperCase(), fact).toContain(fact.toUpperCase());
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
