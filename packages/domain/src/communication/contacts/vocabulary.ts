/** The contacts registry's closed vocabularies (no zod: the web's rules bundle imports these). */
export const CONTACT_KINDS = ['person', 'organisation'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
export const CONTACT_ROLES = ['journalist', 'partner', 'authority', 'researcher', 'funder', 'member', 'donor', 'volunteer', 'candidate'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];
export const ORGANISATION_TYPES = ['newsroom', 'association', 'authority', 'research', 'funder', 'other'] as const;
export const CHANNEL_KINDS = ['email', 'phone', 'social'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const CONSENT_STATUSES = ['granted', 'withdrawn', 'objected'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export const CONSENT_METHODS = ['web_form', 'double_opt_in', 'oral', 'email', 'paper', 'import', 'one_click_unsubscribe', 'bounce', 'staff'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export const LEGAL_BASES = ['consent', 'legitimate_interest'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];
export const INTERACTION_KINDS = ['received', 'covered', 'asked', 'met', 'note'] as const;

/** Lower-cased, trimmed e-mail: what duplicates and the suppression list compare. */
export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** French numbers to E.164 (+33…); other numbers keep their digits and leading +. */
export function normalisePhone(value: string): string {
  const digits = value.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return '+' + digits.slice(1).replace(/\+/g, '');
  if (digits.startsWith('00')) return '+' + digits.slice(2);
  if (/^0\d{9}$/.test(digits)) return '+33' + digits.slice(1);
  return digits;
}

export function normaliseChannel(kind: ChannelKind, value: string): string {
  if (kind === 'email') return normaliseEmail(value);
  if (kind === 'phone') return normalisePhone(value);
  return value.trim().toLowerCase().replace(/^@/, '');
}

/**
 * May this contact be mailed on this list? Consent lists need the latest event to be a grant;
 * legitimate-interest lists (a journalist's professional address) need only no objection or
 * withdrawal. A do-not-contact flag on e-mail (or on every channel) always wins.
 */
export function mayMail(basis: LegalBasis, latest: ConsentStatus | null, doNotContact: boolean): boolean {
  if (doNotContact) return false;
  if (basis === 'consent') return latest === 'granted';
  return latest === null || latest === 'granted';
}
