import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { unzipSync, zipSync } from 'fflate';
import { Api, invite, inviter, png, signIn, watchErrors } from '../journeys.js';

/**
 * The legal journey: a coordinator (who reviews evictions and holds legal.manage) opens a case
 * from a submitted eviction's review page, finds it linked to the eviction, and adds the
 * annulment-action deadline from its notification date: 31 December 2026 + 2 months falls on
 * Sunday 28 February 2027, so the deadline shown is Monday 1 March 2027, with the reason. A
 * fine contested too late shows "Échéance dépassée" rather than vanishing. Then, from the case
 * page, the coordinator exports a bundle of one of the eviction's two photos; the stand-alone
 * verifier accepts the download, and names the photo once one of its bytes is flipped.
 *
 * Accounts: its own coordinator, invited through the foundation journey's administrator
 * (or after doing the set-up itself when run alone on a fresh server), like field.spec.ts.
 */
const COORDINATOR = { email: 'coordination-juridique@hro.example', password: 'phrase de passe du pôle juridique', name: 'Inès' };

let api: Api;
let evictionId = '';
let caseId = '';
const PHOTO = 'tentes lacérées J7.png';
const OTHER = 'panneau arrêté J7.png';

/** Uploads a file as the phone does: announced with its SHA-256, then its bytes in one chunk. */
async function uploadPhoto(api: Api, evictionId: string, originalName: string, bytes: Buffer, capturedAt: string) {
  const id = randomUUID();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await api.post('/api/evidence', { id, evictionId, kind: 'photo', declaredType: 'image/png', originalName, sizeBytes: bytes.length, sha256, capturedAt });
  const res = await api.ctx.patch(`/api/evidence/${id}`, {
    data: bytes, headers: { 'x-csrf-token': api.csrf, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
  });
  expect(res.ok(), `PATCH evidence: ${res.status()} ${await res.text()}`).toBe(true);
  expect(((await res.json()) as { evidence: { status: string } }).evidence.status).toBe('stored');
}

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** The stand-alone verifier, run as a lawyer would: no server, no database, only the ZIP and the key. */
function verifyBundle(zip: string, key: string) {
  const run = spawnSync(process.execPath, ['apps/server/bin/vigie.mjs', 'verify-bundle', zip, '--public-key', key], { cwd: REPO, encoding: 'utf8', timeout: 30_000 });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

test.describe.serial('legal', () => {
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(90_000);
    const admin = await inviter(baseURL!);
    api = await invite(admin, baseURL!, COORDINATOR, 'coordinator');
    const ref = await api.get<{ areas: { id: string; code: string }[] }>('/api/field/reference');
    const areaId = ref.areas.find((a) => a.code === 'calaisis')!.id;
    const siteId = randomUUID();
    const opId = randomUUID();
    evictionId = randomUUID();
    const start = new Date(Date.now() - 2 * 86_400_000);
    start.setUTCHours(6, 0, 0, 0);
    const at = (min: number) => new Date(start.getTime() + min * 60_000).toISOString();
    const [, , saved] = await api.push([
      { commandId: randomUUID(), baseVersion: null, type: 'site.save', record: { id: siteId, code: 'J7', name: 'Dunes de la Turquerie', areaId, communeInsee: '62193' } },
      { commandId: randomUUID(), baseVersion: null, type: 'operation.save', record: { id: opId, areaId, startedAt: at(0), endedAt: at(90), observerIds: [] } },
      {
        commandId: randomUUID(), baseVersion: null, type: 'eviction.save',
        record: { id: evictionId, operationId: opId, siteId, arrivedAt: at(10), leftAt: at(50), counts: { personsEvicted: { n: 25, atLeast: true } }, legalBasisText: 'Arrêté préfectoral' },
      },
    ]);
    // Two photos taken during the eviction, both received whole before the record is submitted.
    await uploadPhoto(api, evictionId, PHOTO, png(), at(15));
    await uploadPhoto(api, evictionId, OTHER, png(), at(20));
    await api.push([{ commandId: randomUUID(), baseVersion: saved!.version, type: 'eviction.submit', record: { id: evictionId } }]);
  });

  test.afterAll(async () => { await api?.ctx.dispose(); });

  test('opens a case from an eviction, linked to it, and sees its deadline computed', async ({ page }) => {
    await signIn(page, COORDINATOR);
    const errors = watchErrors(page); // signed in: the 401 of the login page is behind us
    await page.goto(`/review/${evictionId}`);
    await page.getByTestId('open-legal-case').click();
    await expect(page).toHaveURL(/\/legal\/cases\/new\?evictionId=/);
    await page.getByTestId('case-title').fill('Recours contre l’arrêté d’expulsion J7');
    await page.getByLabel("Type d'action").selectOption({ label: 'Recours pour excès de pouvoir' });
    await page.getByTestId('case-court').fill('Tribunal administratif de Lille');
    await page.getByTestId('case-create').click();

    await expect(page).toHaveURL(/\/legal\/cases\/[0-9a-f-]{36}$/);
    caseId = new URL(page.url()).pathname.split('/').pop()!;
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Recours contre l’arrêté d’expulsion J7');
    await expect(page.getByTestId('case-links')).toContainText('Expulsion : J7 — Dunes de la Turquerie');
    await expect(page.getByTestId('case-status')).toHaveText('En préparation');

    // Deadline from the rule: the notification date is asked for by name.
    await page.getByLabel('Règle').selectOption({ label: 'Recours pour excès de pouvoir : délai de recours' });
    await page.getByTestId('deadline-add').click();
    await expect(page.getByRole('alert')).toContainText('Notification ou publication de la décision');
    await page.getByTestId('deadline-trigger').fill('2026-12-31');
    await page.getByTestId('deadline-add').click();
    const deadline = page.getByTestId('deadline').first();
    await expect(deadline.getByTestId('deadline-date')).toHaveText('lundi 1 mars 2027');
    await expect(deadline).toContainText('Reportée au premier jour ouvrable (au lieu du 28 févr. 2027)');
    await expect(deadline.getByTestId('deadline-state')).toHaveText('À venir');

    // A fine notified long ago: saved, and flagged.
    await page.getByLabel('Règle').selectOption({ label: 'Contestation d\'une amende forfaitaire' });
    await page.getByTestId('deadline-trigger').fill('2025-01-02');
    await page.getByTestId('deadline-add').click();
    const past = page.getByTestId('deadline').first();
    await expect(past.getByTestId('deadline-state')).toHaveText('Échéance dépassée');
    await expect(past.getByTestId('deadline-date')).toHaveText('lundi 17 février 2025');

    // The eviction's page now lists the case; the cases list shows the next deadline.
    await page.goto(`/evictions/${evictionId}`);
    await expect(page.getByTestId('record-cases')).toContainText('Recours contre l’arrêté d’expulsion J7');
    await page.goto('/legal');
    await expect(page.getByTestId('legal-case-list')).toContainText('Recours contre l’arrêté d’expulsion J7');
    // The one failed request is ours: the deadline asked for without its trigger date (422).
    expect(errors).toEqual([expect.stringContaining('status of 422')]);
  });

  test('exports a bundle of a photo from the case page, which the verifier accepts until a byte is flipped', async ({ page }, testInfo) => {
    expect(caseId, 'the case is opened by the previous test').not.toBe('');
    await signIn(page, COORDINATOR);
    const errors = watchErrors(page);
    await page.goto(`/legal/cases/${caseId}`);
    await page.getByTestId('case-bundle-link').click();
    await expect(page).toHaveURL(new RegExp(`/legal/bundle\\?case=${caseId}$`));

    // The eviction linked to the case brings its photos; keep only the one for this action.
    const evidence = page.getByTestId('bundle-evidence');
    await expect(evidence.getByRole('checkbox')).toHaveCount(2);
    await expect(evidence.getByLabel(PHOTO, { exact: false })).toBeChecked();
    await evidence.getByLabel(OTHER, { exact: false }).uncheck();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('bundle-export').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^dossier-preuves-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.zip$/);
    await expect(page.getByText(`Dossier téléchargé : ${download.suggestedFilename()}`)).toBeVisible();
    const zipPath = testInfo.outputPath('dossier.zip');
    await download.saveAs(zipPath);

    // The key a lawyer obtains from the organisation, not the copy inside the bundle.
    const { publicKeyPem } = await api.get<{ publicKeyPem: string }>('/api/legal/bundles/public-key');
    const keyPath = testInfo.outputPath('cle.pem');
    writeFileSync(keyPath, publicKeyPem);

    const files = unzipSync(readFileSync(zipPath));
    const originals = Object.keys(files).filter((n) => n.startsWith('originals/'));
    expect(originals).toEqual([`originals/001-${PHOTO}`]);
    expect(Buffer.from(files[originals[0]!]!).equals(png())).toBe(true);

    const intact = verifyBundle(zipPath, keyPath);
    expect(intact.out).toContain('Signature du manifeste : VALIDE');
    expect(intact.out).toMatch(new RegExp(`OK +originals/001-${PHOTO}`));
    expect(intact.out).not.toContain(OTHER);
    expect(intact.out).toContain('RÉSULTAT : dossier VALIDE');
    expect(intact.code, intact.out).toBe(0);

    // One byte of the photo changed, everything else (manifest, signature) untouched.
    const photo = files[originals[0]!]!;
    photo[photo.length - 5] = photo[photo.length - 5]! ^ 0x01;
    const tamperedPath = testInfo.outputPath('dossier-modifie.zip');
    writeFileSync(tamperedPath, zipSync(files));
    const tampered = verifyBundle(tamperedPath, keyPath);
    expect(tampered.out).toMatch(new RegExp(`MODIFIÉ +originals/001-${PHOTO}`));
    expect(tampered.out).toContain('RÉSULTAT : dossier INVALIDE');
    expect(tampered.code, tampered.out).toBe(1);
    expect(errors).toEqual([]);
  });
});
