import { z } from 'zod';
import {
  alertCategoryOf, formatDate, JOB_ALERT_FORM_VERSION, jobAlertFormText, jobAlertListName, normaliseEmail, type Engagement, type JobAlertCategory,
  type JobAlertConfirmationView, type JobAlertFormView, type JobAlertSignupInput,
} from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { randomToken, sha256Hex } from '../../../platform/crypto/tokens.js';
import type { Db, Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import { ensureConsentList, mailableAudience } from '../../communication/contacts/contact-lists.js';
import { recordConfirmedSubscription } from '../../communication/contacts/subscriptions.js';
import { liftListUnsubscribe } from '../../communication/mailings/mail-records.js';
import { queueMailing } from '../../communication/mailings/mail-pipeline.js';
import {
  alertListOf, alertSignupByTokenHash, confirmAlertSignup, deleteExpiredAlertSignups, insertAlertList, insertAlertSignup, lockAlertSignup,
  recentAlertSignups,
} from './job-alerts.queries.js';
import { findOrganisationBySlug, type PostingRow } from './postings.queries.js';
import { RECRUITMENT_PUBLIC_PAGES } from './public-pages.js';

/**
 * Job alerts by e-mail with a double opt-in, through the communication desk's registry and
 * pipeline. Subscribing stores a pending request (the SHA-256 of the link's token only, as every
 * link without an account) and mails the link as a notification. Opening the link changes
 * nothing (mail scanners pre-open links); its button's POST confirms: the contact is found or
 * created by address, joins each chosen category's consent list, and the consent ledger records
 * the form's exact text and version. Publishing a posting mails its category's list as bulk
 * mail, so every alert carries the pipeline's one-click unsubscribe (RFC 8058) for that category.
 */
const CONFIRM_DAYS = 7;
/** More requests than this for one address within an hour are accepted but mail nothing (no mail bombing). */
const MAX_MAILS_PER_HOUR = 3;
const emailCheck = z.email();
const mask = (address: string) => address.replace(/^(.)[^@]*(@.*)$/, '$1…$2');

export const jobAlertsPath = (slug: string) => `/subscribe/job-alerts/${slug}`;

const CATEGORY_WORDS = {
  fr: { employment: 'emplois', internship: 'stages', volunteering: 'bénévolat et service civique' },
  en: { employment: 'jobs', internship: 'internships', volunteering: 'volunteering and civic service' },
} as const;

async function organisation(ctx: AppContext, slug: string) {
  const org = await findOrganisationBySlug(ctx.db, slug);
  if (!org) throw new AppError('public.not_found');
  return org;
}

export async function jobAlertForm(ctx: AppContext, slug: string): Promise<JobAlertFormView> {
  const org = await organisation(ctx, slug);
  return {
    organisation: org.name, formVersion: JOB_ALERT_FORM_VERSION,
    formText: { fr: jobAlertFormText(org.name, 'fr'), en: jobAlertFormText(org.name, 'en') },
    jobsUrl: `${ctx.config.publicUrl}${RECRUITMENT_PUBLIC_PAGES[0].path(slug)}`,
  };
}

function confirmationMail(organisation: string, categories: JobAlertCategory[], link: string, language: 'fr' | 'en') {
  const what = categories.map((c) => CATEGORY_WORDS[language][c]).join(', ');
  return language === 'fr'
    ? { subject: `Confirmez les alertes d'offres de ${organisation}`, text: [
      'Bonjour,', '', `Quelqu'un (vous, sans doute) a demandé à recevoir à cette adresse les nouvelles offres de ${organisation} (${what}).`,
      'Pour confirmer, ouvrez ce lien et appuyez sur le bouton « Confirmer » :', link, '',
      `Sans confirmation d'ici ${CONFIRM_DAYS} jours, la demande est effacée et vous ne recevrez rien.`, '',
      '--', `Please confirm the job alerts from ${organisation}: open the link above and press the button.`, ''].join('\n') }
    : { subject: `Confirm the job alerts from ${organisation}`, text: [
      'Hello,', '', `Someone (probably you) asked to receive ${organisation}'s new postings (${what}) at this address.`,
      'To confirm, open this link and press the “Confirm” button:', link, '',
      `Without confirmation within ${CONFIRM_DAYS} days the request is deleted and you will receive nothing.`, ''].join('\n') };
}

/** Always answers the same way, whether the address is new, pending or already subscribed (no list of who subscribed leaks). */
export async function subscribeToJobAlerts(ctx: AppContext, slug: string, input: JobAlertSignupInput, ip: string) {
  const org = await organisation(ctx, slug);
  const email = normaliseEmail(input.email);
  if (!emailCheck.safeParse(email).success) throw new AppError('newsletter.invalid_email', { value: input.email.slice(0, 100), field: 'email' });
  if (input.formVersion !== JOB_ALERT_FORM_VERSION) throw new AppError('newsletter.form_outdated');
  const categories = [...new Set(input.categories)];
  await inOrganisation(ctx.db, org.id, async (trx) => {
    await deleteExpiredAlertSignups(trx, org.id);
    if (await recentAlertSignups(trx, email) >= MAX_MAILS_PER_HOUR) return;
    const token = randomToken();
    const signup = await insertAlertSignup(trx, {
      organisationId: org.id, categories, email, language: input.language, tokenSha256: sha256Hex(token),
      formVersion: JOB_ALERT_FORM_VERSION, formText: jobAlertFormText(org.name, input.language), expiresAt: new Date(Date.now() + CONFIRM_DAYS * 86_400_000),
    });
    const mail = confirmationMail(org.name, categories, `${ctx.config.publicUrl}/subscribe/job-alerts/confirm/${token}`, input.language);
    await queueMailing(trx, ctx.queue, {
      organisationId: org.id, purpose: 'transactional', sourceId: signup.id, listId: null, subject: mail.subject, bodyText: mail.text, bulk: false,
      createdBy: null, recipients: [{ contactId: null, email }],
    });
    await recordAudit(trx, {
      organisationId: org.id, actorId: null, action: 'job_alert.signup_requested', entityType: 'job_alert_signup', entityId: signup.id,
      after: { categories }, context: { ip },
    });
  });
  return { requested: true as const };
}

async function signupFor(ctx: AppContext, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppError('newsletter.confirmation_invalid');
  const s = await alertSignupByTokenHash(ctx.db, sha256Hex(token));
  if (!s) throw new AppError('newsletter.confirmation_invalid');
  return s;
}

const stateOf = (s: Awaited<ReturnType<typeof signupFor>>, confirmed = Boolean(s.confirmed_at)): JobAlertConfirmationView => ({
  organisation: s.organisation_name, address: s.email ? mask(s.email) : '', categories: s.categories as JobAlertCategory[], confirmed,
  expired: !confirmed && s.expires_at.getTime() < Date.now(),
});

/** What the confirmation page shows; reading it changes nothing. */
export async function jobAlertConfirmationState(ctx: AppContext, token: string) {
  return stateOf(await signupFor(ctx, token));
}

/** The category's consent list in the contacts registry, made the first time it is needed. */
async function listFor(trx: Trx, organisationId: string, category: JobAlertCategory) {
  const existing = await alertListOf(trx, category);
  if (existing) return existing;
  const listId = await ensureConsentList(trx, organisationId, jobAlertListName(category), `Alertes e-mail des nouvelles offres (${category}), inscription en double opt-in`);
  await insertAlertList(trx, organisationId, category, listId);
  return (await alertListOf(trx, category))!;
}

/** The button: confirms once (a second press, or a retried request, confirms nothing more). */
export async function confirmJobAlerts(ctx: AppContext, token: string, ip: string): Promise<JobAlertConfirmationView> {
  const s = await signupFor(ctx, token);
  if (s.confirmed_at) return stateOf(s);
  if (s.expires_at.getTime() < Date.now()) throw new AppError('newsletter.confirmation_expired');
  const address = s.email ? mask(s.email) : '';
  await inOrganisation(ctx.db, s.organisation_id, async (trx) => {
    const locked = await lockAlertSignup(trx, s.id);
    if (!locked?.email || locked.confirmed_at) return;
    let contactId = '';
    const lists: string[] = [];
    for (const category of s.categories as JobAlertCategory[]) {
      const listId = await listFor(trx, s.organisation_id, category);
      ({ contactId } = await recordConfirmedSubscription(trx, {
        organisationId: s.organisation_id, listId, email: locked.email, displayName: null, formVersion: s.form_version, formText: s.form_text,
        source: 'Inscription en ligne aux alertes d’offres (double opt-in)',
      }));
      await liftListUnsubscribe(trx, s.organisation_id, locked.email, listId);
      lists.push(listId);
    }
    await confirmAlertSignup(trx, s.id, contactId);
    await recordAudit(trx, {
      organisationId: s.organisation_id, actorId: null, action: 'job_alert.subscription_confirmed', entityType: 'contact', entityId: contactId,
      after: { categories: s.categories, listIds: lists, formVersion: s.form_version }, context: { ip },
    });
  });
  return { ...stateOf(s, true), address };
}

/**
 * Called in the transaction that publishes a posting: its category's confirmed subscribers are
 * mailed once (the posting is the mailing's source, so publishing again never mails twice).
 * Returns how many mails were queued.
 */
export async function announcePosting(trx: Trx, deps: { queue: JobQueue; publicUrl: string }, v: {
  organisationId: string; organisationName: string; posting: PostingRow; url: string; actorId: string;
}): Promise<number> {
  const category = alertCategoryOf(v.posting.engagement as Engagement);
  const listId = await alertListOf(trx, category);
  if (!listId) return 0;
  const { mailable } = await mailableAudience(trx, listId);
  if (mailable.length === 0) return 0;
  const p = v.posting;
  const closes = { fr: formatDate(p.closes_on, 'fr', { year: 'always' }), en: formatDate(p.closes_on, 'en', { year: 'always' }) };
  const text = [
    `Nouvelle offre de ${v.organisationName} (${CATEGORY_WORDS.fr[category]}) :`, '', p.title, `${p.locality} — candidatures jusqu'au ${closes.fr}`, v.url, '',
    '--', `New posting from ${v.organisationName} (${CATEGORY_WORDS.en[category]}): ${p.title}, ${p.locality}, applications until ${closes.en}.`, v.url,
    '', `Vous recevez ce message parce que vous avez demandé les alertes d'offres de ${v.organisationName}. / You asked for ${v.organisationName}'s job alerts.`,
  ].join('\n');
  const queued = await queueMailing(trx, deps.queue, {
    organisationId: v.organisationId, purpose: 'job_alert', sourceId: p.id, listId, subject: `${v.organisationName} — ${p.title}`, bodyText: text,
    bulk: true, createdBy: v.actorId, recipients: mailable.map((m) => ({ contactId: m.contactId, email: m.email })),
  });
  return queued.queued;
}

/** Nightly: unconfirmed requests hold an address nobody confirmed and must not outlive their window. */
export async function purgeExpiredAlertSignups(db: Db): Promise<number> {
  return deleteExpiredAlertSignups(db);
}

export const JOB_ALERT_PURGE_JOB = 'recruitment.purge-expired-alert-signups';

export function defineJobAlertJobs(queue: JobQueue, deps: { db: Db }): void {
  queue.defineScheduled(JOB_ALERT_PURGE_JOB, { cron: '45 3 * * *', tz: 'Europe/Paris' }, async () => {
    await purgeExpiredAlertSignups(deps.db);
  });
}
