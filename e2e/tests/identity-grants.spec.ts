import { expect, test } from '@playwright/test';
import { Api, invite, inviter, signIn, watchErrors } from '../journeys.js';

/**
 * Access to identities is given by two people (issue 12): an administrator invites a lawyer of the
 * legal pole; the link does not work until a coordinator confirms it on the grants screen.
 */
const COORDINATOR = { email: 'coordination-acces@hro.example', password: 'phrase de passe de la coordination', name: 'Irène' };
const LAWYER = { email: 'juriste-acces@hro.example', password: 'phrase de passe de la juriste', name: 'Yaël' };

test.describe.serial('identity-grants', () => {
  test('a coordinator confirms on screen the legal access an administrator asked for', async ({ page, baseURL }) => {
    test.setTimeout(90_000); // the administrator may wait for a TOTP step nobody used yet
    const admin = await inviter(baseURL!);
    await (await invite(admin, baseURL!, COORDINATOR, 'coordinator')).ctx.dispose();
    const { body } = await admin.post<{ link: string; confirmationPending: boolean }>('/api/invitations', { email: LAWYER.email, role: 'legal' });
    expect(body.confirmationPending).toBe(true);
    const token = new URL(body.link).searchParams.get('token');
    const lawyer = await Api.open(baseURL!);
    const early = await lawyer.post<{ code: string }>('/api/invitations/accept', { token, displayName: LAWYER.name, password: LAWYER.password }, false);
    expect(early.body.code).toBe('invitation.awaiting_confirmation');

    await signIn(page, COORDINATOR);
    const errors = watchErrors(page);
    await page.goto('/admin/identity-grants');
    await page.getByRole('button', { name: `Confirmer l’accès aux identités pour ${LAWYER.email}` }).click();
    await expect(page.getByText(`Accès confirmé pour ${LAWYER.email}.`)).toBeVisible();
    await expect(page.getByText(`confirmé par ${COORDINATOR.name}`).first()).toBeVisible();

    const accepted = await lawyer.post<{ user: { roles: string[] } }>('/api/invitations/accept', { token, displayName: LAWYER.name, password: LAWYER.password });
    expect(accepted.body.user.roles).toEqual(['legal']);
    expect(errors).toEqual([]);
  });
});
