import { expect, test, type Page } from '@playwright/test';
import { invite, inviter, openPhone, unlockPhone } from '../journeys.js';

/**
 * Issue 16, items 4 and 5: at 5:30 am without a network, an observer records an outreach round
 * and, during it, a testimony in Arabic — the consent screen right to left, the withdrawal card
 * made on the phone. Both wait in the outbox by what they are, encrypted (IndexedDB read
 * directly: neither the account nor the card's code is readable); back online the outbox empties,
 * both leave the phone, and a coordinator finds them on the server, linked.
 */
const OBSERVER = { email: 'maraude-hors-ligne@hro.example', password: 'phrase de passe de la maraude', name: 'Soraya' };
const COORDINATOR = { email: 'coordination-maraude@hro.example', password: 'phrase de passe de coordination maraude', name: 'Bastien' };
const ACCOUNT = 'Les policiers ont gazé la file de distribution près du canal.';

/** Every row of every store of this phone's Vigie database, as raw JSON, and how many rows each store holds. */
async function rawStore(page: Page): Promise<{ text: string; counts: Record<string, number> }> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name!).filter((n) => n.startsWith('vigie-field-'));
    let text = '';
    const counts: Record<string, number> = {};
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
        counts[store] = (counts[store] ?? 0) + rows.length;
        text += JSON.stringify(rows, (_k, v) => (v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? `<${(v as ArrayBuffer).byteLength} bytes>` : v));
      }
      db.close();
    }
    return { text, counts };
  });
}

test('offline at dawn: a round and an Arabic testimony wait encrypted in the outbox, then reach the coordinator and leave the phone', async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const admin = await inviter(baseURL!);
  await invite(admin, baseURL!, OBSERVER, 'observer');
  const coordinator = await invite(admin, baseURL!, COORDINATOR, 'coordinator');
  await admin.ctx.dispose();

  const { context, page, errors } = await openPhone(browser, OBSERVER);

  await context.setOffline(true);
  await page.getByTestId('new-round').click();
  await page.getByTestId('round-people').fill('40');
  await page.getByTestId('round-need-water').fill('25');
  await page.getByTestId('round-need-medical').fill('3');
  await page.getByTestId('round-need-medical-atleast').uncheck();
  await page.getByTestId('round-distributed').fill('30 couvertures\nthé');
  const area = await page.getByTestId('round-area').locator('option:checked').textContent();
  await page.getByTestId('round-save').click();
  await expect(page.getByTestId('round-saved')).toContainText('personnes rencontrées : au moins 40');

  // During the round: a testimony, linked to it, in Arabic.
  await page.getByTestId('round-testimony').click();
  await expect(page.getByTestId('testimony-linked')).toContainText('maraude');
  await page.getByTestId('testimony-pseudonym').fill('Samir (Soudan)');
  await page.getByTestId('testimony-language').selectOption('ar');
  await page.getByTestId('testimony-account').fill(ACCOUNT);
  await page.getByTestId('testimony-quote').fill('Ils ont gazé la file.');
  await page.getByTestId('to-consent').click();
  const text = page.getByTestId('consent-text-ar');
  await expect(text).toHaveAttribute('dir', 'rtl');
  await expect(text).toHaveAttribute('lang', 'ar');
  await expect(text.getByRole('heading')).toHaveText('شهادتك: ما الذي توافق عليه');
  // Saving before every purpose is answered: a clear message, nothing saved.
  await page.getByTestId('consent-kept-yes').check();
  await page.getByTestId('save-testimony').click();
  await expect(page.getByText('Une réponse (oui ou non) est demandée pour chaque usage.')).toBeVisible();
  for (const [purpose, answer] of [['quoted', 'yes'], ['statistics', 'yes'], ['court', 'no'], ['partners', 'no']]) {
    await page.getByTestId(`consent-${purpose}-${answer}`).check();
  }
  await page.getByTestId('save-testimony').click();
  // The card exists without a network: the code was made on the phone.
  const code = (await page.getByTestId('withdrawal-code').textContent())!;
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  await page.getByTestId('card-done').click();

  // The outbox says what waits, not command names.
  await page.getByTestId('sync-outbox-link').click();
  const rows = page.getByTestId('outbox-waiting').getByTestId('outbox-what');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveText(new RegExp(`^Maraude · ${area} · `));
  await expect(rows.nth(1)).toHaveText(/^Témoignage · arabe · /);

  // Read directly: the account, the pseudonym and the card's code are nowhere in clear; the code is not stored at all.
  const stored = await rawStore(page);
  expect(stored.counts.rounds).toBe(1);
  expect(stored.counts.testimonies).toBe(1);
  for (const readable of [ACCOUNT, 'gazé', 'Samir', 'Soudan', code, code.replace(/-/g, ''), 'testimony.save', 'round.save', 'couvertures']) {
    expect(stored.text, readable).not.toContain(readable);
  }

  // Back online: the outbox empties, and both leave the phone.
  await context.setOffline(false);
  await expect(page.getByTestId('outbox-empty')).toBeVisible({ timeout: 40_000 });
  await expect.poll(async () => (await rawStore(page)).counts, { timeout: 10_000 }).toMatchObject({ rounds: 0, testimonies: 0, outbox: 0 });

  // The coordinator finds both, linked, with the consent shown in Arabic.
  const { rounds } = await coordinator.get<{ rounds: Array<{ id: string; createdById: string; peopleMet: unknown; needs: unknown; distributed: unknown }> }>('/api/rounds');
  // Found by its medical need, which only this journey records (another journey's round also met "at least 40").
  const round = rounds.find((r) => JSON.stringify(r.peopleMet) === JSON.stringify({ n: 40, atLeast: true }) && 'medical' in (r.needs as object))!;
  expect(round).toMatchObject({
    needs: { water: { n: 25, atLeast: true }, medical: { n: 3, atLeast: false } },
    distributed: [{ item: 'couvertures', count: { n: 30, atLeast: false } }, { item: 'thé', count: null }],
  });
  const { testimonies } = await coordinator.get<{ testimonies: Array<{ id: string; pseudonym: string; status: string }> }>('/api/testimonies');
  const summary = testimonies.find((x) => x.pseudonym === 'Samir (Soudan)')!;
  expect(summary.status).toBe('consented');
  const { testimony } = await coordinator.get<{ testimony: { account: string; links: Array<{ target: string; targetId: string }>; history: Array<{ shownIn: string }> } }>(`/api/testimonies/${summary.id}`);
  expect(testimony.account).toBe(ACCOUNT);
  expect(testimony.links).toEqual([expect.objectContaining({ target: 'round', targetId: round.id })]);
  expect(testimony.history.every((h) => h.shownIn === 'ar')).toBe(true);

  // A round the server refuses (its start is in the future): the reason in French, kept until the
  // observer takes it off the phone — there is no screen to fix a round once recorded.
  await page.goto('/field');
  await unlockPhone(page);
  await page.getByTestId('new-round').click();
  await page.getByTestId('round-start').fill('2030-01-01T05:30');
  await page.getByTestId('round-save').click();
  await expect(page.getByTestId('round-saved')).toBeVisible();
  await page.getByTestId('sync-outbox-link').click();
  const refused = page.getByTestId('outbox-failed');
  await expect(refused.getByTestId('outbox-error')).toContainText('heure dans le futur', { timeout: 30_000 });
  await expect(refused.getByTestId('outbox-what')).toHaveText(/^Maraude · /);
  await refused.getByTestId('outbox-discard').click();
  await refused.getByTestId('outbox-discard-confirm').click();
  await expect(page.getByTestId('outbox-empty')).toBeVisible();
  await expect.poll(async () => (await rawStore(page)).counts, { timeout: 10_000 }).toMatchObject({ rounds: 0, outbox: 0 });
  expect((await coordinator.get<{ rounds: unknown[] }>('/api/rounds')).rounds).toHaveLength(rounds.length);

  expect(errors).toEqual([]);
  await context.close();
  await coordinator.ctx.dispose();
});
