import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { Api, invite, inviter, signIn, watchErrors } from '../journeys.js';

/**
 * Stored text is shown as text. Script and image-handler payloads are saved through the API
 * where people type free text (a site's name and code, an eviction's legal basis as the
 * commander said it, its timeline notes, a user's display name) and the pages that show them
 * must display them literally: no dialog opens, no handler runs, no element is injected.
 *
 * Accounts: a coordinator invited through the foundation journey's administrator (or our own
 * set-up when run alone), as field.spec.ts does.
 */
const NAME = `Noor <img src=x onerror="window.__xss='name'"> <script>alert('name')</script>`;
const COORDINATOR = { email: 'escaping@hro.example', password: 'phrase de passe de la relectrice', name: NAME };
// Codes are kept in capitals by the server.
const SITE_CODE = '<B>X9</B>';
const SITE_NAME = `<script>alert("site")</script> Bois <img src=x onerror=alert("site")>`;
const LEGAL = `Art. 53 <img src=x onerror="window.__xss='legal'"> "flagrance" & <svg onload=alert(1)>`;
const NOTE = `</dd><script>alert("note")</script><iframe src="javascript:alert('note')"></iframe>`;

let coordinator: Api;
let siteId = '';
let evictionId = '';

/** Fails the test on any dialog, and checks that no payload ran nor slipped into the DOM. */
function guard(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss(); });
  return {
    dialogs,
    async check() {
      expect(dialogs).toEqual([]);
      expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss ?? null)).toBeNull();
      expect(await page.locator('img[src="x"], iframe, svg[onload], b:text-is("X9")').count()).toBe(0);
      expect(await page.locator('script:not([src])').evaluateAll((els) => els.map((e) => e.textContent).filter((s) => /alert/.test(s ?? '')))).toEqual([]);
    },
  };
}

test.describe.serial('escaping', () => {
  test.beforeAll(async ({ baseURL }) => {
    const admin = await inviter(baseURL!);
    coordinator = await invite(admin, baseURL!, COORDINATOR, 'coordinator');
    const ref = await coordinator.get<{ areas: { id: string; code: string }[] }>('/api/field/reference');
    const areaId = ref.areas.find((a) => a.code === 'calaisis')!.id;
    siteId = randomUUID();
    evictionId = randomUUID();
    const operationId = randomUUID();
    const at = (min: number) => new Date(Date.now() - (180 - min) * 60_000).toISOString();
    const [, , saved] = await coordinator.push([
      { commandId: randomUUID(), baseVersion: null, type: 'site.save', record: { id: siteId, code: SITE_CODE, name: SITE_NAME, areaId, communeInsee: '62193' } },
      { commandId: randomUUID(), baseVersion: null, type: 'operation.save', record: { id: operationId, areaId, startedAt: at(0) } },
      {
        commandId: randomUUID(), baseVersion: null, type: 'eviction.save',
        record: {
          id: evictionId, operationId, siteId, arrivedAt: at(10), leftAt: at(40), counts: { personsEvicted: { n: 12, atLeast: true } },
          legalBasisText: LEGAL, notes: [{ id: randomUUID(), at: at(20), text: NOTE }],
        },
      },
    ]);
    await coordinator.push([{ commandId: randomUUID(), baseVersion: saved!.version, type: 'eviction.submit', record: { id: evictionId } }]);
  });

  test.afterAll(async () => { await coordinator?.ctx.dispose(); });

  test('names, legal basis and notes holding HTML are shown as text on every page that displays them', async ({ page }) => {
    const xss = guard(page);
    // The greeting shows the display name literally (signIn waits for "Bonjour <name> !").
    await signIn(page, COORDINATOR);
    const errors = watchErrors(page);
    await xss.check();

    // The review queue: the site code and the author's name.
    await page.goto('/review');
    const row = page.getByTestId('review-row').filter({ has: page.locator(`a[href="/evictions/${evictionId}"]`) });
    await expect(row).toContainText(SITE_CODE);
    await expect(row).toContainText(`Saisie par ${NAME}`);
    await xss.check();

    // The eviction under review: site name in the title, the legal basis verbatim, the note.
    await page.goto(`/evictions/${evictionId}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`${SITE_CODE} — ${SITE_NAME}`);
    const detail = page.getByTestId('record-facts').first();
    await expect(detail).toContainText(LEGAL);
    await expect(detail).toContainText(NOTE);
    await xss.check();

    // The sites, listed and one by one.
    await page.goto('/sites');
    await expect(page.getByText(SITE_NAME).first()).toBeVisible();
    await xss.check();
    await page.goto(`/sites/${siteId}`);
    await expect(page.getByText(SITE_NAME).first()).toBeVisible();
    await xss.check();

    expect(xss.dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });
});
