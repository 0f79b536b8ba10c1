import { expect, test, type Page } from '@playwright/test';
import { Api, invite, inviter, openPhone, png, unlockPhone } from '../journeys.js';

/**
 * Issue 16: a phone that can be seized. The local store holds no readable text (IndexedDB read
 * directly), a locked app shows nothing until the code is given, unsent work survives a lock,
 * ten wrong codes wipe the phone — without a network what was not sent is lost, with one it is
 * first sent to the server (docs/PHONE-SECURITY.md) — and a phone a coordinator revokes wipes
 * itself at its next contact.
 */
const OBSERVER = { email: 'telephone@hro.example', password: 'phrase de passe du téléphone', name: 'Ilyes' };
const COORDINATOR = { email: 'coordination-telephone@hro.example', password: 'phrase de passe de la coordination', name: 'Maëlle' };
const SECRET = 'Commandant Lefebvre-Quintal';

let coordinatorApi: Api;
let observerApi: Api;

/** Every row of every store of every Vigie database on this phone, as raw JSON (binary shown as its length). */
async function rawStore(page: Page): Promise<{ names: string[]; text: string; keyring: number }> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name!).filter((n) => n.startsWith('vigie-field-'));
    let text = '';
    let keyring = 0;
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const store of [...db.objectStoreNames]) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        if (store === 'keyring') keyring += rows.length;
        text += JSON.stringify(rows, (_k, v) => (v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? `<${(v as ArrayBuffer).byteLength} bytes>` : v));
      }
      db.close();
    }
    return { names, text, keyring };
  });
}

test.describe.serial('phone', () => {
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(90_000);
    const admin = await inviter(baseURL!);
    observerApi = await invite(admin, baseURL!, OBSERVER, 'observer');
    coordinatorApi = await invite(admin, baseURL!, COORDINATOR, 'coordinator');
  });
  test.afterAll(async () => {
    await observerApi?.ctx.dispose();
    await coordinatorApi?.ctx.dispose();
  });

  test('the local store is unreadable, a locked app shows nothing, ten wrong codes wipe it', async ({ browser }) => {
    test.setTimeout(120_000);
    // The service worker is in charge once the phone is open, or the offline reloads below could not be served.
    const { context, page, errors } = await openPhone(browser, OBSERVER, {
      beforeUnlock: async (p) => {
        await expect(p.getByTestId('phone-setup')).toBeVisible({ timeout: 20_000 });
        // A code too short is refused with a message, nothing is created.
        await p.getByTestId('phone-code').fill('12345');
        await p.getByTestId('phone-code-again').fill('12345');
        await p.getByTestId('phone-setup-submit').click();
        await expect(p.getByText('Le code doit avoir au moins 6 caractères.')).toBeVisible();
      },
    });

    // Offline from here: the operation stays unsent.
    await context.setOffline(true);
    await page.getByTestId('start-operation').click();
    await expect(page).toHaveURL(/\/field\/operations\/[0-9a-f-]{36}$/);
    const operationUrl = page.url();
    const operationId = operationUrl.split('/').pop()!;
    await page.getByText("Détails de l'opération").click();
    await page.getByLabel('Officier responsable').fill(SECRET);
    await page.getByLabel('Remarques').fill('Tentes lacérées devant la passerelle');
    await expect(page.getByTestId('sync-bar')).toContainText('1 en attente');
    // The screen saves 250 ms after the last keystroke.
    await page.waitForTimeout(1000);

    const raw = await rawStore(page);
    expect(raw.names).toHaveLength(1);
    expect(raw.keyring).toBe(1);
    for (const readable of [SECRET, 'Lefebvre', 'lacérées', 'passerelle', 'operation.save', 'officerInCharge', 'Calais', 'calaisis']) {
      expect(raw.text, readable).not.toContain(readable);
    }

    // Locked: neither the home nor a record's address shows anything.
    await page.goto('/field');
    await expect(page.getByTestId('phone-unlock')).toBeVisible();
    await page.getByTestId('phone-lock').waitFor({ state: 'detached' });
    await unlockPhone(page);
    await page.getByTestId('phone-lock').click();
    await expect(page.getByTestId('phone-unlock')).toBeVisible();
    await expect(page.getByTestId('sync-bar')).toHaveCount(0);
    await page.goto(operationUrl);
    await expect(page.getByTestId('phone-unlock')).toBeVisible();
    await expect(page.getByText(SECRET)).toHaveCount(0);
    await expect(page.getByLabel('Officier responsable')).toHaveCount(0);

    // A wrong code: a clear message, nothing lost; the right one: the unsent work is there.
    await page.getByTestId('phone-unlock-code').fill('pas le bon code');
    await page.getByTestId('phone-unlock-submit').click();
    await expect(page.getByText('Code incorrect. Encore 9 essai(s) avant l’effacement des données de ce téléphone.')).toBeVisible();
    const unlockStarted = Date.now();
    await unlockPhone(page);
    console.log(`[phone] unlocking: ${Date.now() - unlockStarted} ms`);
    await page.getByText("Détails de l'opération").click();
    await expect(page.getByLabel('Officier responsable')).toHaveValue(SECRET);
    await expect(page.getByTestId('sync-bar')).toContainText('1 en attente');

    // Still offline, an incident at a distribution with its photo: the photo is kept on the phone only.
    await page.goto('/field'); // a page load locks: the key lives only in memory
    await unlockPhone(page);
    await page.getByTestId('new-outside-incident').click();
    await page.getByTestId('incident-type-tear_gas').click();
    await page.getByTestId('incident-place').fill('Distribution rue des Garennes');
    await page.getByTestId('photo-input').setInputFiles({ name: 'distribution.png', mimeType: 'image/png', buffer: png() });
    await expect(page.getByTestId('photo-count')).toContainText('1 photo en attente');
    await page.waitForTimeout(1000);
    const waiting = Number((await page.getByTestId('sync-bar').textContent())!.match(/(\d+) en attente/)![1]);
    expect(waiting).toBeGreaterThan(1);

    // Ten wrong codes with no network: the phone is wiped; the operation never reached the server,
    // and the screen says how many records and how many files were lost.
    await page.goto('/field');
    for (let i = 1; i <= 10; i += 1) {
      await page.getByTestId('phone-unlock-code').fill(`mauvais-${i}`);
      await page.getByTestId('phone-unlock-submit').click();
      if (i < 10) await expect(page.getByText(`Encore ${10 - i} essai(s)`)).toBeVisible();
    }
    await expect(page.getByTestId('phone-setup')).toBeVisible();
    await expect(page.getByTestId('phone-wiped-notice')).toBeVisible();
    await expect(page.getByTestId('phone-wiped-lost')).toContainText(`${waiting} enregistrement(s) non envoyé(s) n’ont pas pu être transmis`);
    await expect(page.getByTestId('phone-wiped-files')).toContainText('1 fichier(s) (photo, vidéo, son ou document) pas encore envoyé(s) ont été effacé(s)');
    const after = await rawStore(page);
    expect(after.keyring).toBe(0);
    expect(after.text).not.toContain('"c":');
    await context.setOffline(false);
    const pulled = await observerApi.get<{ operations: { id: string }[] }>('/api/sync/pull?since=0');
    expect(pulled.operations.map((o) => o.id)).not.toContain(operationId);

    // Ten wrong codes with a network: the unsent work is first sent to the server, then the phone
    // is wiped. The phone wrapped its data key for the server when the code was chosen; nobody
    // typed the code, yet the server can open the outbox it receives.
    await unlockPhone(page);
    await expect(page.getByTestId('sync-bar')).toContainText('Dernière synchronisation', { timeout: 20_000 });
    await context.setOffline(true);
    await page.getByTestId('start-operation').click();
    await expect(page).toHaveURL(/\/field\/operations\/[0-9a-f-]{36}$/);
    const rescuedId = page.url().split('/').pop()!;
    await page.getByText("Détails de l'opération").click();
    await page.getByLabel('Officier responsable').fill('Capitaine Rescousse');
    await expect(page.getByTestId('sync-bar')).toContainText('1 en attente');
    await page.waitForTimeout(1000);
    await page.goto('/field');
    await expect(page.getByTestId('phone-unlock')).toBeVisible();
    await context.setOffline(false);
    // The app notices the network is back (it asks for the session again): then the codes.
    await page.waitForTimeout(2000);
    await expect(page.getByTestId('phone-unlock')).toBeVisible();
    for (let i = 1; i <= 10; i += 1) {
      await page.getByTestId('phone-unlock-code').fill(`faux-${i}`);
      await page.getByTestId('phone-unlock-submit').click();
      if (i < 10) await expect(page.getByText(`Encore ${10 - i} essai(s)`)).toBeVisible();
    }
    await expect(page.getByTestId('phone-setup')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('phone-wiped-sent')).toContainText('1 enregistrement(s) non envoyé(s) ont été transmis au serveur');
    await expect(page.getByTestId('phone-wiped-lost')).toHaveCount(0);
    await expect(page.getByTestId('phone-wiped-files')).toHaveCount(0);
    expect((await rawStore(page)).keyring).toBe(0);
    const rescued = await observerApi.get<{ operations: { id: string; officerInCharge: string | null }[] }>('/api/sync/pull?since=0');
    expect(rescued.operations.find((o) => o.id === rescuedId)).toMatchObject({ officerInCharge: 'Capitaine Rescousse' });
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a phone a coordinator revokes wipes itself at its next contact', async ({ browser }) => {
    const { context, page } = await openPhone(browser, OBSERVER);
    const { devices } = await coordinatorApi.get<{ devices: { id: string; displayName: string; revokedAt: string | null; wipedAt: string | null }[] }>('/api/field/devices');
    // Newest first: the one this browser registered a moment ago (the first test's phone was wiped).
    const mine = devices.filter((d) => d.displayName === OBSERVER.name && !d.revokedAt);
    expect(mine.length).toBeGreaterThan(0);
    await coordinatorApi.post(`/api/field/devices/${mine[0]!.id}/revoke`, {});
    await page.getByTestId('phone-lock').click();
    // The next contact (a sync run) finds the revocation, even while the phone is locked.
    await page.reload();
    await expect(page.getByTestId('phone-setup')).toBeVisible({ timeout: 20_000 });
    expect((await rawStore(page)).keyring).toBe(0);
    await expect.poll(async () => (await coordinatorApi.get<{ devices: { id: string; wipedAt: string | null }[] }>('/api/field/devices'))
      .devices.find((d) => d.id === mine[0]!.id)?.wipedAt, { timeout: 10_000 }).toBeTruthy();
    await context.close();
  });
});
