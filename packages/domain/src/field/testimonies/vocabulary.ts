/**
 * Testimonies (témoignages) taken in the field. A testimony is pseudonymous — the person is a
 * pseudonymous person as in incidents, never a name — and carries consent per purpose: each
 * purpose is yes or no, with who recorded it, when, and which version of the consent text the
 * person was shown. Without "kept in the database" a testimony stays a draft that nothing may
 * use; a withdrawal by the person's code sets every purpose to no at once.
 */
export const TESTIMONY_LANGUAGES = ['fr', 'en', 'ar', 'fa', 'prs', 'ps', 'ti', 'ckb', 'de'] as const;
export type TestimonyLanguage = (typeof TESTIMONY_LANGUAGES)[number];
/* Arabic, Farsi, Dari, Pashto and Sorani are written right to left: see formats/text-direction.ts. */

export const CONSENT_PURPOSES = ['kept', 'quoted', 'statistics', 'court', 'partners'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** draft: no consent to keep it (usable nowhere); consented: kept with the person's consent; withdrawn: by the code card. */
export const TESTIMONY_STATUSES = ['draft', 'consented', 'withdrawn'] as const;
export type TestimonyStatus = (typeof TESTIMONY_STATUSES)[number];

export type ConsentAnswers = Record<ConsentPurpose, boolean>;

/** What a testimony's consents make of it: only "kept" lifts it out of the draft state. */
export function testimonyStatus(consents: ConsentAnswers, withdrawn: boolean): TestimonyStatus {
  if (withdrawn) return 'withdrawn';
  return consents.kept ? 'consented' : 'draft';
}

/** A quote may enter a publication only from a kept testimony whose person said yes to being quoted anonymously. */
export function mayQuote(consents: ConsentAnswers, withdrawn: boolean): boolean {
  return !withdrawn && consents.kept && consents.quoted;
}

/**
 * The code card: 12 characters from Crockford's base 32 (no I, L, O, U), printed in three groups
 * of four. 60 random bits, typed by hand; look-alike letters are read as their digit.
 */
export const WITHDRAWAL_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export function normaliseWithdrawalCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}
export const formatWithdrawalCode = (code: string) => code.match(/.{1,4}/g)?.join('-') ?? code;

/**
 * A code from 12 random bytes (the phone's `crypto.getRandomValues`, offline): the alphabet has
 * 32 letters, so the low 5 bits of each byte pick one without bias — the same 60 random bits as
 * the server's codes.
 */
export function withdrawalCodeFrom(random: Uint8Array): string {
  if (random.length < 12) throw new RangeError('12 random bytes are needed');
  let code = '';
  for (let i = 0; i < 12; i += 1) code += WITHDRAWAL_CODE_ALPHABET[random[i]! & 31];
  return code;
}

/** What is hashed (SHA-256, hex) to store a code: the same on the server and on a phone recording offline. */
export const withdrawalCodeHashInput = (typed: string) => `testimony-withdrawal:${normaliseWithdrawalCode(typed)}`;

/**
 * Links to field records. Outreach rounds do not exist yet: when they do, add 'round' here, a
 * round_id column to testimony_links and a branch in the links query (the extension point).
 */
export const TESTIMONY_LINK_TARGETS = ['eviction', 'incident', 'round'] as const;

/** One language's consent text. `reviewed: false` = written without a professional translator: the screen says so. */
export type ConsentText = {
  reviewed: boolean; title: string; intro: string; purposes: Record<ConsentPurpose, string>; yes: string; no: string; withdraw: string;
};
