import { z } from 'zod';
import {
  NEWSLETTER_FORM_VERSION, newsletterFormText, normaliseEmail, type NewsletterConfirmationView, type NewsletterSignupFormView,
  type NewsletterSignupInput,
} from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { randomToken, sha256Hex } from '../../../platform/crypto/tokens.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { recordConfirmedSubscription } from '../contacts/subscriptions.js';
import { liftListUnsubscribe } from '../mailings/mail-records.js';
import { queueMailing } from '../mailings/mail-pipeline.js';
import { newsletterPaths } from './newsletter-links.js';
import {
  confirmSignup, deleteExpiredSignups, findSettings, insertSignup, lockSignup, organisationBySlug, recentSignups, signupByTokenHash,
} from './newsletters.queries.js';

/**
 * The public sign-up with a double opt-in. Signing up stores a pending request (the token's
 * hash only) and mails a confirmation link through the one pipeline. Opening the link (GET)
 * changes nothing — mail security scanners pre-open links — it shows a button; the button's
 * POST confirms: the contact is found or created by address (never twice), joins the list,
 * and the consent ledger records the grant with the form's exact text and version.
 */
const CONFIRM_DAYS = 7;
/** More requests than this for one address within an hour are accepted but mail nothing (no mail bombing). */
const MAX_MAILS_PER_HOUR = 3;
const emailCheck = z.email();
const mask = (address: string) => address.replace(/^(.)[^@]*(@.*)$/, '$1…$2');

async function openSignup(ctx: AppContext, slug: string) {
  const org = await organisationBySlug(ctx.db, slug);
  const settings = org && await findSettings(ctx.db, org.id);
  if (!org || !settings?.enabled || !settings.list_id) throw new AppError('public.not_found');
  return { org, listId: settings.list_id };
}

export async function signupForm(ctx: AppContext, slug: string): Promise<NewsletterSignupFormView> {
  const { org } = await openSignup(ctx, slug);
  return {
    organisation: org.name, formVersion: NEWSLETTER_FORM_VERSION,
    formText: { fr: newsletterFormText(org.name, 'fr'), en: newsletterFormText(org.name, 'en') },
    archiveUrl: newsletterPaths(ctx.config.publicUrl, slug).archive,
  };
}

function confirmationMail(organisation: string, link: string, language: 'fr' | 'en') {
  return language === 'fr'
    ? { subject: `Confirmez votre inscription à la lettre de ${organisation}`, text: [
      'Bonjour,', '', `Quelqu'un (vous, sans doute) a demandé à recevoir la lettre d'information de ${organisation} à cette adresse.`,
      'Pour confirmer, ouvrez ce lien et appuyez sur le bouton « Confirmer mon inscription » :', link, '',
      `Sans confirmation d'ici ${CONFIRM_DAYS} jours, la demande est effacée et vous ne recevrez rien.`, '',
      '--', `Please confirm your subscription to ${organisation}'s newsletter: open the link above and press the button.`, ''].join('\n') }
    : { subject: `Confirm your subscription to ${organisation}'s newsletter`, text: [
      'Hello,', '', `Someone (probably you) asked to receive ${organisation}'s newsletter at this address.`,
      'To confirm, open this link and press the “Confirm my subscription” button:', link, '',
      `Without confirmation within ${CONFIRM_DAYS} days the request is deleted and you will receive nothing.`, ''].join('\n') };
}

/** Always answers the same way, whether the address is new, pending or already subscribed (no list of who subscribed leaks). */
export async function signUp(ctx: AppContext, slug: string, input: NewsletterSignupInput, ip: string) {
  const { org, listId } = await openSignup(ctx, slug);
  const email = normaliseEmail(input.email);
  if (!emailCheck.safeParse(email).success) throw new AppError('newsletter.invalid_email', { value: input.email.slice(0, 100), field: 'email' });
  if (input.formVersion !== NEWSLETTER_FORM_VERSION) throw new AppError('newsletter.form_outdated');
  await inOrganisation(ctx.db, org.id, async (trx) => {
    await deleteExpiredSignups(trx, org.id);
    if (await recentSignups(trx, email) >= MAX_MAILS_PER_HOUR) return;
    const token = randomToken();
    const signup = await insertSignup(trx, {
      organisationId: org.id, listId, email, displayName: input.name || null, language: input.language, tokenSha256: sha256Hex(token),
      formVersion: NEWSLETTER_FORM_VERSION, formText: newsletterFormText(org.name, input.language), expiresAt: new Date(Date.now() + CONFIRM_DAYS * 86_400_000),
    });
    const mail = confirmationMail(org.name, `${ctx.config.publicUrl}/subscribe/confirm/${token}`, input.language);
    await queueMailing(trx, ctx.queue, {
      organisationId: org.id, purpose: 'transactional', sourceId: signup.id, listId: null, subject: mail.subject, bodyText: mail.text, bulk: false,
      createdBy: null, recipients: [{ contactId: null, email }],
    });
    await recordAudit(trx, {
      organisationId: org.id, actorId: null, action: 'newsletter.signup_requested', entityType: 'newsletter_signup', entityId: signup.id, context: { ip },
    });
  });
  return { requested: true as const };
}

async function signupFor(ctx: AppContext, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppError('newsletter.confirmation_invalid');
  const s = await signupByTokenHash(ctx.db, sha256Hex(token));
  if (!s) throw new AppError('newsletter.confirmation_invalid');
  return s;
}

const stateOf = (s: Awaited<ReturnType<typeof signupFor>>, confirmed = Boolean(s.confirmed_at)): NewsletterConfirmationView => ({
  organisation: s.organisation_name, address: s.email ? mask(s.email) : '', confirmed, expired: !confirmed && s.expires_at.getTime() < Date.now(),
});

/** What the confirmation page shows; reading it changes nothing. */
export async function confirmationState(ctx: AppContext, token: string) {
  return stateOf(await signupFor(ctx, token));
}

/** The button: confirms once (a second press, or a retried request, confirms nothing more). */
export async function confirmSubscription(ctx: AppContext, token: string, ip: string): Promise<NewsletterConfirmationView> {
  const s = await signupFor(ctx, token);
  if (s.confirmed_at) return stateOf(s);
  if (s.expires_at.getTime() < Date.now()) throw new AppError('newsletter.confirmation_expired');
  await inOrganisation(ctx.db, s.organisation_id, async (trx) => {
    const locked = await lockSignup(trx, s.id);
    if (!locked?.email || locked.confirmed_at) return;
    const { contactId, created } = await recordConfirmedSubscription(trx, {
      organisationId: s.organisation_id, listId: s.list_id, email: locked.email, displayName: s.display_name, formVersion: s.form_version, formText: s.form_text,
    });
    await liftListUnsubscribe(trx, s.organisation_id, locked.email, s.list_id);
    await confirmSignup(trx, s.id, contactId);
    await recordAudit(trx, {
      organisationId: s.organisation_id, actorId: null, action: 'newsletter.subscription_confirmed', entityType: 'contact', entityId: contactId,
      after: { listId: s.list_id, formVersion: s.form_version, newContact: created }, context: { ip },
    });
  });
  return { ...stateOf(s, true), address: s.email ? mask(s.email) : '' };
}
