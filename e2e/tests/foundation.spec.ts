import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { stateFile } from '../state.js';
import { unlockPhone } from '../journeys.js';

/**
 * The foundation journeys, in the order a new observatory lives them: the first administrator
 * sets Vigie up, turns on two-factor, signs in again with it, invites a colleague who accepts
 * and signs in, and someone switches the interface to English.
 */
const ADMIN = { email: 'coordination@hro.example', password: 'une phrase de passe assez longue', name: 'Alix' };
const COLLEAGUE = { email: 'observatrice@hro.example', password: 'une autre phrase de passe longue', name: 'Camille' };
let totpSecret = '';

const totpOf = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });

/**
 * The server accepts each code once (and the next 30-second step early), so a journey that
 * signs in several times takes a fresh step each time, waiting for the clock when needed.
 */
let lastStep = -1;
async function nextCode(page: Page, secret: string): Promise<string> {
  for (;;) {
    const current = Math.floor(Date.now() / 30_000);
    const step = [current, current + 1].find((s) => s > lastStep);
    if (step !== undefined) {
      lastStep = step;
      handOver();
      return totpOf(secret).generate({ timestamp: step * 30_000 });
    }
    await page.waitForTimeout((current + 1) * 30_000 - Date.now() + 200);
  }
}

/**
 * The administrator, handed to the journeys that run after this one on the same server
 * (field.spec.ts invites its own observer and coordinator with it). The last TOTP step used
 * goes along, since the server accepts each code only once.
 */
function handOver() {
  const file = stateFile('admin.json');
  writeFileSync(file, JSON.stringify({ ...ADMIN, totpSecret, lastStep }));
}

/** A well-formed code that is valid at no step the server would accept now. */
function wrongCode(secret: string): string {
  const near = new Set([-1, 0, 1, 2].map((d) => totpOf(secret).generate({ timestamp: Date.now() + d * 30_000 })));
  let n = 123_456;
  while (near.has(String(n))) n += 1;
  return String(n);
}

async function signOut(page: Page) {
  await page.locator('details.user-menu summary').click();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
}

test.describe.serial('foundation', () => {
  test('first-run set-up creates the organisation and its administrator', async ({ page }) => {
    const code = readFileSync(stateFile('setup-code'), 'utf8').trim();
    expect(code).not.toBe('');
    await page.goto('/');
    await expect(page).toHaveURL(/\/setup/);
    await page.goto(`/setup?code=${code}`);
    await expect(page.getByLabel('Code d’installation')).toHaveValue(code);
    await page.getByLabel('Nom de l’organisation').fill('Human Rights Observers');
    await page.getByLabel('Votre nom').fill(ADMIN.name);
    await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Confirmation du mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Créer l’organisation' }).click();
    await expect(page.getByText(`Bonjour ${ADMIN.name} !`)).toBeVisible();
    await expect(page.getByText('Human Rights Observers').first()).toBeVisible();
    handOver();
  });

  test('the administrator turns on two-factor and signs in with it', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
    await page.getByLabel('Mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByText(`Bonjour ${ADMIN.name} !`)).toBeVisible();

    await page.goto('/profile/two-factor');
    await page.getByRole('button', { name: 'Configurer la double authentification' }).click();
    totpSecret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
    expect(totpSecret).toMatch(/^[A-Z2-7]{16,}$/);
    handOver();
    await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
    await page.getByLabel('Code à 6 chiffres').fill(wrongCode(totpSecret));
    await page.getByRole('button', { name: 'Activer' }).click();
    await expect(page.getByRole('alert')).toContainText('incorrect');
    await page.getByLabel('Code à 6 chiffres').fill(await nextCode(page, totpSecret));
    await page.getByRole('button', { name: 'Activer' }).click();
    await expect(page.getByText('La double authentification est activée.').first()).toBeVisible();

    await signOut(page);
    await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
    await page.getByLabel('Mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const codeField = page.getByLabel('Code de double authentification');
    await expect(codeField).toBeVisible();
    await codeField.fill(wrongCode(totpSecret));
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert')).toContainText('incorrect');
    await codeField.fill(await nextCode(page, totpSecret));
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByText(`Bonjour ${ADMIN.name} !`)).toBeVisible();
  });

  test('an invited colleague accepts the invitation and signs in', async ({ page, browser }) => {
    await page.goto('/login');
    await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
    await page.getByLabel('Mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByLabel('Code de double authentification').fill(await nextCode(page, totpSecret));
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByText(`Bonjour ${ADMIN.name} !`)).toBeVisible();

    await page.goto('/admin/invitations');
    await page.getByLabel('Adresse e-mail de la personne invitée').fill(COLLEAGUE.email);
    await page.getByLabel('Rôle attribué').selectOption('observer');
    await page.getByRole('button', { name: 'Créer l’invitation' }).click();
    const link = await page.getByTestId('invitation-link').inputValue();
    expect(link).toMatch(/\/invitation\?token=/);
    await expect(page.getByText(COLLEAGUE.email).first()).toBeVisible();

    const colleague = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await colleague.goto(link);
    await expect(colleague.getByText('Observateur·rice').first()).toBeVisible();
    await colleague.getByLabel('Votre nom').fill(COLLEAGUE.name);
    await colleague.getByLabel('Mot de passe', { exact: true }).fill(COLLEAGUE.password);
    await colleague.getByLabel('Confirmation du mot de passe').fill(COLLEAGUE.password);
    await colleague.getByRole('button', { name: 'Créer mon compte' }).click();
    // An observer lands on the field screen, which first asks for the phone's unlock code.
    await unlockPhone(colleague);
    await expect(colleague.getByText(`Bonjour ${COLLEAGUE.name} !`)).toBeVisible();
    // An observer has the field pole, not the administration.
    await expect(colleague.getByRole('link', { name: 'Terrain' }).first()).toBeVisible();
    await expect(colleague.getByRole('link', { name: 'Administration' })).toHaveCount(0);

    await signOut(colleague);
    await colleague.getByLabel('Adresse e-mail').fill(COLLEAGUE.email);
    await colleague.getByLabel('Mot de passe').fill(COLLEAGUE.password);
    await colleague.getByRole('button', { name: 'Se connecter' }).click();
    await unlockPhone(colleague);
    await expect(colleague.getByText(`Bonjour ${COLLEAGUE.name} !`)).toBeVisible();

    // The link works once.
    const again = await (await browser.newContext()).newPage();
    await again.goto(link);
    await expect(again.getByRole('alert')).toContainText('déjà été utilisée');
    // The administrator reads it all in the audit trail, newest first, the colleague by name.
    await page.goto('/admin/audit');
    const trail = page.getByTestId('audit-trail');
    // Newest first: the latest sign-in is the colleague's (their phone's registration may land just after it).
    await expect(trail.locator('tbody tr', { hasText: 'auth.signed_in' }).first()).toContainText(COLLEAGUE.name);
    await expect(trail.locator('tbody tr', { hasText: 'invitation.accepted' })).toContainText(COLLEAGUE.name);
    await expect(trail).toContainText('invitation.created');
    // Filtered to the colleague: only their entries.
    await page.getByTestId('audit-filters').getByLabel('Qui').selectOption({ label: COLLEAGUE.name });
    await expect(trail).not.toContainText('invitation.created');
    await expect(trail).toContainText('invitation.accepted');
  });

  test('the interface switches to English and remembers it', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Adresse e-mail').fill(COLLEAGUE.email);
    await page.getByLabel('Mot de passe').fill(COLLEAGUE.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await unlockPhone(page);
    await expect(page.getByText(`Bonjour ${COLLEAGUE.name} !`)).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('link', { name: 'Dashboard' }).first()).toBeVisible();
    await page.reload();
    await expect(page.getByRole('link', { name: 'Dashboard' }).first()).toBeVisible();
    // Server messages follow the chosen language too.
    await page.locator('details.user-menu summary').click();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Email address').fill(COLLEAGUE.email);
    await page.getByLabel('Password').fill('wrong password here');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert')).toContainText('Wrong email address or password.');
    await page.getByRole('button', { name: 'Français' }).click();
    await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  });
});
