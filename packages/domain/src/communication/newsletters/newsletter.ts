import { z } from 'zod';
import { CITABLE_METRIC_CODES } from '../statistics/metrics.js';

/**
 * The members' newsletter: issues composed of blocks (text, a figure reference from the
 * statistics, the latest published bulletin, a photo's publication copy with its credit, a
 * link, a testimony's excerpt by reference — read through the consent check each time), drafted then sent once to the subscribers of a consent list. Readers subscribe on a
 * public page with a double opt-in confirmed by a button (a POST: link scanners open GET links).
 */
export const NEWSLETTER_STATUSES = ['draft', 'sent'] as const;
export type NewsletterStatus = (typeof NEWSLETTER_STATUSES)[number];
export const NEWSLETTER_BLOCK_KINDS = ['text', 'figure', 'bulletin', 'photo', 'link', 'quote'] as const;
export type NewsletterBlockKind = (typeof NEWSLETTER_BLOCK_KINDS)[number];

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const newsletterBlockInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('text'), text: z.string().trim().min(1).max(10000) }),
  z.strictObject({
    kind: z.literal('figure'), metric: z.enum(CITABLE_METRIC_CODES as unknown as [string, ...string[]]), from: z.iso.date(), to: z.iso.date(),
    areaCode: z.string().trim().min(1).max(40).optional(), forceCorps: z.string().trim().min(1).max(100).optional(),
  }).refine((b) => b.from <= b.to, { path: ['to'], message: 'period_ends_before_it_starts' }),
  z.strictObject({ kind: z.literal('bulletin') }),
  z.strictObject({ kind: z.literal('photo'), evidenceId: z.uuid(), caption: z.string().trim().max(500).default('') }),
  z.strictObject({ kind: z.literal('link'), url: httpUrl, label: z.string().trim().min(1).max(300) }),
  /** A testimony's excerpt by reference only: never its text, which the consent check gives while the person agrees. */
  z.strictObject({ kind: z.literal('quote'), testimonyId: z.uuid() }),
]);
export type NewsletterBlockInput = z.infer<typeof newsletterBlockInputSchema>;

export const newsletterIssueInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(300),
  language: z.enum(['fr', 'en']).default('fr'),
  blocks: z.array(newsletterBlockInputSchema).max(50).default([]),
});
export type NewsletterIssueInput = z.infer<typeof newsletterIssueInputSchema>;

/** A block as shown and sent: figures worded, the bulletin and the photo's credit looked up. */
export const newsletterBlockViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({
    kind: z.literal('figure'), metric: z.string(), from: z.string(), to: z.string(), areaCode: z.string().nullable(), forceCorps: z.string().nullable(),
    value: z.number().int(), atLeast: z.boolean(), wording: z.string(),
  }),
  z.object({ kind: z.literal('bulletin'), bulletin: z.object({ id: z.uuid(), title: z.string(), headline: z.string(), evictions: z.string() }).nullable() }),
  z.object({ kind: z.literal('photo'), evidenceId: z.uuid(), caption: z.string(), credit: z.string().nullable(), available: z.boolean() }),
  z.object({ kind: z.literal('link'), url: z.string(), label: z.string() }),
  z.object({ kind: z.literal('quote'), testimonyId: z.uuid(), text: z.string().nullable(), consented: z.boolean() }),
]);
export type NewsletterBlockView = z.infer<typeof newsletterBlockViewSchema>;

export const newsletterIssueSummaryViewSchema = z.object({
  id: z.uuid(), title: z.string(), language: z.enum(['fr', 'en']), status: z.enum(NEWSLETTER_STATUSES), sentAt: z.string().nullable(), updatedAt: z.string(),
});
export type NewsletterIssueSummaryView = z.infer<typeof newsletterIssueSummaryViewSchema>;
export const newsletterIssueViewSchema = newsletterIssueSummaryViewSchema.extend({
  blocks: z.array(newsletterBlockViewSchema), listId: z.uuid().nullable(), mailingId: z.uuid().nullable(), publicUrl: z.string().nullable(),
});
export type NewsletterIssueView = z.infer<typeof newsletterIssueViewSchema>;

export const newsletterSettingsInputSchema = z.strictObject({ enabled: z.boolean(), listId: z.uuid().nullable() });
export const newsletterSettingsViewSchema = z.object({
  enabled: z.boolean(), listId: z.uuid().nullable(), slug: z.string().nullable(), signupUrl: z.string().nullable(), archiveUrl: z.string().nullable(),
});
export type NewsletterSettingsView = z.infer<typeof newsletterSettingsViewSchema>;

export const newsletterPhotoViewSchema = z.object({ id: z.uuid(), credit: z.string().nullable(), capturedAt: z.string().nullable() });
export type NewsletterPhotoView = z.infer<typeof newsletterPhotoViewSchema>;

/**
 * The sign-up form's consent text. Its exact words and version go into the consent ledger
 * with each confirmed subscription (RGPD art. 7(1)): change the words, change the version.
 */
export const NEWSLETTER_FORM_VERSION = 'newsletter-2026-12-03';
export function newsletterFormText(organisation: string, language: 'fr' | 'en'): string {
  return language === 'fr'
    ? `J'accepte de recevoir la lettre d'information de ${organisation} par e-mail. Je peux me désinscrire à tout moment en un clic, depuis chaque lettre. Mon adresse ne sert qu'à cet envoi.`
    : `I agree to receive ${organisation}'s newsletter by e-mail. I can unsubscribe at any time in one click, from every issue. My address is used for this newsletter only.`;
}

export const newsletterSignupInputSchema = z.strictObject({
  // Checked by the service, so that a malformed address gets its own clear message.
  email: z.string().trim().max(320),
  name: z.string().trim().max(200).optional(),
  language: z.enum(['fr', 'en']).default('fr'),
  formVersion: z.string().max(100),
  consent: z.literal(true),
});
export type NewsletterSignupInput = z.infer<typeof newsletterSignupInputSchema>;

export const newsletterSignupFormViewSchema = z.object({
  organisation: z.string(), formVersion: z.string(), formText: z.object({ fr: z.string(), en: z.string() }), archiveUrl: z.string(),
});
export type NewsletterSignupFormView = z.infer<typeof newsletterSignupFormViewSchema>;

export const newsletterConfirmationViewSchema = z.object({
  organisation: z.string(), address: z.string(), confirmed: z.boolean(), expired: z.boolean(),
});
export type NewsletterConfirmationView = z.infer<typeof newsletterConfirmationViewSchema>;

const DAY = (iso: string, fr: boolean) => new Date(`${iso}T12:00:00Z`).toLocaleDateString(fr ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });

/** A block's reading in plain text (the mail body, the feed), in the issue's language. */
export function blockText(b: NewsletterBlockView, language: 'fr' | 'en', photoUrl: (evidenceId: string) => string | null): string | null {
  const fr = language === 'fr';
  switch (b.kind) {
    case 'text': return b.text.trim();
    case 'figure': return `• ${b.wording}`;
    case 'bulletin':
      if (!b.bulletin) return null;
      return `${fr ? 'Dernier bulletin' : 'Latest bulletin'} — ${b.bulletin.title}\n${b.bulletin.headline ? `${b.bulletin.headline}\n` : ''}${b.bulletin.evictions}`;
    case 'photo': {
      if (!b.available) return null;
      const url = photoUrl(b.evidenceId);
      const credit = b.credit ? ` (© ${b.credit})` : '';
      return `[Photo${b.caption ? `${fr ? ' : ' : ': '}${b.caption}` : ''}${credit}]${url ? `\n${url}` : ''}`;
    }
    case 'link': return `${b.label}\n${b.url}`;
    case 'quote': return b.text ? (fr ? `« ${b.text} »` : `“${b.text}”`) : null;
  }
}

/** The plain-text body of an issue as mailed: no tracking, the archive's address at the end. */
export function newsletterText(issue: { title: string; language: 'fr' | 'en'; blocks: NewsletterBlockView[]; sentOn: string | null },
  links: { archiveUrl: string | null; photoUrl: (evidenceId: string) => string | null }): string {
  const fr = issue.language === 'fr';
  const parts = [issue.title.toUpperCase(), ...(issue.sentOn ? [DAY(issue.sentOn, fr)] : []), ''];
  for (const b of issue.blocks) {
    const t = blockText(b, issue.language, links.photoUrl);
    if (t) parts.push(t, '');
  }
  if (links.archiveUrl) parts.push(`${fr ? 'Lire en ligne :' : 'Read online:'} ${links.archiveUrl}`);
  return parts.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

/** A shown block back to what is stored and edited: a figure keeps its reference, never its wording. */
export function blockInputOf(b: NewsletterBlockView): NewsletterBlockInput {
  switch (b.kind) {
    case 'figure': return { kind: 'figure', metric: b.metric, from: b.from, to: b.to, ...(b.areaCode && { areaCode: b.areaCode }), ...(b.forceCorps && { forceCorps: b.forceCorps }) };
    case 'bulletin': return { kind: 'bulletin' };
    case 'photo': return { kind: 'photo', evidenceId: b.evidenceId, caption: b.caption };
    case 'text': return { kind: 'text', text: b.text };
    case 'link': return { kind: 'link', url: b.url, label: b.label };
    case 'quote': return { kind: 'quote', testimonyId: b.testimonyId };
  }
}
