import { z } from 'zod';

/**
 * Bounce classification (CiviCRM's model): editable regular expressions, each naming a bounce
 * type and how many hits within the window suppress the address. Hard types hold at 1;
 * vacation replies ("away") need several. A bounce matching nothing waits for a person.
 */
import { BOUNCE_TYPES, type BounceType } from './bounce-vocabulary.js';

export * from './bounce-vocabulary.js';
export const SOFT_BOUNCE_WINDOW_DAYS = 30;

export type BouncePattern = { id: string; pattern: string; bounceType: BounceType; holdThreshold: number };

export const DEFAULT_BOUNCE_PATTERNS: Array<Omit<BouncePattern, 'id'>> = [
  { pattern: String.raw`\b5\.1\.[0-9]\b|user unknown|unknown user|no such user|mailbox (?:does not exist|unavailable|not found)|recipient address rejected|adresse (?:inconnue|introuvable)|utilisateur inconnu`, bounceType: 'invalid', holdThreshold: 1 },
  { pattern: String.raw`\b5\.1\.2\b|host (?:not found|unknown)|domain (?:not found|does not exist)|no mx record|name or service not known`, bounceType: 'host', holdThreshold: 1 },
  { pattern: String.raw`unsolicited|spam|complaint|abuse report|blocked (?:as|for) spam`, bounceType: 'spam', holdThreshold: 1 },
  { pattern: String.raw`\b5\.2\.2\b|\b4\.2\.2\b|quota|mailbox (?:is )?full|over ?quota|boîte (?:aux lettres )?pleine`, bounceType: 'quota', holdThreshold: 3 },
  { pattern: String.raw`out of (?:the )?office|auto(?:matic)?[- ]?reply|vacation|absent(?:e)? du bureau|réponse automatique|en congés?`, bounceType: 'away', holdThreshold: 30 },
  { pattern: String.raw`relay(?:ing)? (?:denied|not permitted)|\b5\.7\.1\b`, bounceType: 'relay', holdThreshold: 3 },
  { pattern: String.raw`\b4\.[0-9]\.[0-9]\b|temporar(?:y|ily)|try again later|deferred`, bounceType: 'unknown', holdThreshold: 3 },
];

/** The first pattern (in order) whose expression matches the bounce text, case-insensitively. */
export function classifyBounce(text: string, patterns: readonly BouncePattern[]): BouncePattern | null {
  for (const p of patterns) {
    let re: RegExp;
    try { re = new RegExp(p.pattern, 'i'); } catch { continue; }
    if (re.test(text)) return p;
  }
  return null;
}

export function isValidPattern(pattern: string): boolean {
  try { new RegExp(pattern, 'i'); return true; } catch { return false; }
}

export const bouncePatternInputSchema = z.strictObject({
  pattern: z.string().trim().min(1).max(500),
  bounceType: z.enum(BOUNCE_TYPES),
  holdThreshold: z.number().int().min(1).max(100),
});
export const bouncePatternViewSchema = bouncePatternInputSchema.extend({ id: z.uuid() });
export const bounceViewSchema = z.object({
  id: z.uuid(), address: z.string(), bounceType: z.enum(BOUNCE_TYPES).nullable(), state: z.enum(['applied', 'counted', 'review', 'dismissed']),
  subject: z.string().nullable(), excerpt: z.string(), receivedAt: z.string(),
});
export type BounceView = z.infer<typeof bounceViewSchema>;
export type BouncePatternView = z.infer<typeof bouncePatternViewSchema>;

/** The suppression list as the desk sees it, and what a person adds or removes by hand (with why). */
export const SUPPRESSION_REASONS = ['hard_bounce', 'soft_bounces', 'complaint', 'unsubscribed', 'manual', 'erased'] as const;
export const suppressionViewSchema = z.object({
  id: z.uuid(), address: z.string(), reason: z.enum(SUPPRESSION_REASONS), note: z.string().nullable(), listName: z.string().nullable(), createdAt: z.string(),
});
export type SuppressionView = z.infer<typeof suppressionViewSchema>;
export const suppressionInputSchema = z.strictObject({
  address: z.string().trim().min(3).max(320),
  listId: z.uuid().nullable().default(null),
  note: z.string().trim().min(1).max(500),
});
export const suppressionRemovalSchema = z.strictObject({ note: z.string().trim().min(1).max(500) });
export const mailingViewSchema = z.object({
  id: z.uuid(), purpose: z.string(), subject: z.string(), listId: z.uuid().nullable(), createdAt: z.string(),
  total: z.number().int(), counts: z.object({
    queued: z.number().int(), sent: z.number().int(), deferred: z.number().int(), bounced: z.number().int(),
    complained: z.number().int(), suppressed: z.number().int(), failed: z.number().int(),
  }),
  deliveries: z.array(z.object({ id: z.uuid(), address: z.string(), status: z.string(), attempts: z.number().int(), lastError: z.string().nullable(), sentAt: z.string().nullable() })),
});
export type MailingView = z.infer<typeof mailingViewSchema>;
/** What asked for a mail: bulk to a list, a notification (reminder, digest, receipt), account mail (invitation, reset, unlock). */
export const MAIL_DELIVERY_STATUSES = ['queued', 'sent', 'deferred', 'bounced', 'complained', 'suppressed', 'failed'] as const;
export const MAIL_PURPOSES = ['press_release', 'newsletter', 'manual', 'transactional', 'account', 'job_alert'] as const;
/** One line of the desk's recent mail: every mail Vigie sent, whoever asked for it, with its status. */
export const recentDeliveryViewSchema = z.object({
  id: z.uuid(), mailingId: z.uuid(), purpose: z.enum(MAIL_PURPOSES),
  /** Only for bulk mail: a reminder's subject can name a legal case, which the desk has no reason to read. */
  subject: z.string().nullable(), address: z.string(), status: z.enum(MAIL_DELIVERY_STATUSES),
  attempts: z.number().int(), lastError: z.string().nullable(), sentAt: z.string().nullable(), updatedAt: z.string(),
});
export type RecentDeliveryView = z.infer<typeof recentDeliveryViewSchema>;
export const mailingInputSchema = z.strictObject({
  subject: z.string().trim().min(1).max(300),
  bodyText: z.string().trim().min(1).max(200000),
});
