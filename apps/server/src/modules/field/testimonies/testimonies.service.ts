import { can, CONSENT_PURPOSES, knownConsentText, type ConsentInput, type QuotableTestimony, type TestimonyCreate, type TestimonyOffline } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { open, seal } from '../../../platform/crypto/secret-box.js';
import type { Trx } from '../../../platform/db/database.js';
import { inOrganisation, inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { recordPseudonymousPerson } from '../persons/persons.service.js';
import { roundExists } from '../rounds/rounds.service.js';
import {
  consentHistory, currentConsents, eraseWithdrawn, findTestimony, insertConsents, insertLink, insertTestimony, listTestimonyRows,
  quotableRows, targetExists, testimonyAuthor, testimonyByCodeHash, testimonyLinks, touchTestimony, type TestimonyRow,
} from './testimonies.queries.js';
import { answersFrom, presentSummary, presentTestimony } from './testimonies.presenter.js';
import { newWithdrawalCode, withdrawalCodeHash } from './withdrawal-code.js';

/**
 * Testimonies: taken by observers, read by the legal pole and coordinators (testimonies.read) —
 * an observer reads only those they took — every read and list audited. The account and the
 * quotable excerpt are sealed with the server key. Consent is recorded per purpose with the text
 * version shown; a withdrawal by the person's code sets every purpose to no at once and erases
 * the account. Publications reach a quote only through `quotableText` / `quotableTexts`.
 */
const mayReadAll = (actor: Actor) => can(actor.roles, 'testimonies.read');

function checkConsent(consent: ConsentInput) {
  if (!knownConsentText(consent.textVersion, consent.shownIn)) throw new AppError('testimony.unknown_consent_text');
}

async function writeConsent(trx: Trx, actor: Actor, testimonyId: string, consent: ConsentInput) {
  await insertConsents(trx, CONSENT_PURPOSES.map((purpose) => ({
    organisationId: actor.organisationId, testimonyId, purpose, granted: consent.answers[purpose], textVersion: consent.textVersion,
    shownIn: consent.shownIn, via: 'staff' as const, recordedBy: actor.userId,
  })));
}

async function loadTestimony(ctx: AppContext, trx: Trx, row: TestimonyRow) {
  const consents = answersFrom(await currentConsents(trx, [row.id]), row.id);
  return presentTestimony(row, {
    consents, account: row.account_enc ? open(ctx.serverKey, row.account_enc) : null, quote: row.quote_enc ? open(ctx.serverKey, row.quote_enc) : null,
    links: await testimonyLinks(trx, row.id), history: await consentHistory(trx, row.id),
  });
}

/** The testimony if this actor may read it; otherwise the same answer as a missing one (existence is not disclosed). */
async function readable(trx: Trx, actor: Actor, id: string, lock = false) {
  const row = await findTestimony(trx, id, lock);
  if (!row || (!mayReadAll(actor) && row.created_by !== actor.userId)) throw new AppError('testimony.not_found');
  return row;
}

export async function createTestimony(ctx: AppContext, actor: Actor, input: TestimonyCreate, ip: string) {
  const code = newWithdrawalCode();
  const testimony = await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const id = await recordTestimonyIn(ctx, trx, actor, input, withdrawalCodeHash(code), { ip });
    return loadTestimony(ctx, trx, (await findTestimony(trx, id))!);
  });
  return { testimony, withdrawalCode: code };
}

/**
 * A testimony taken offline, sent by the phone's outbox (`testimony.save`, sync/push.ts) with
 * its own id and the hash of the code the phone made and showed on the card. The same rules as
 * the online route; a retry of one already recorded by this observer changes nothing.
 */
export async function recordOfflineTestimony(ctx: AppContext, trx: Trx, actor: Actor, input: TestimonyOffline): Promise<void> {
  const author = await testimonyAuthor(trx, input.id);
  if (author === actor.userId) return;
  // Someone else's id (or an id no one here can see): as unknown as a missing testimony.
  if (author !== null) throw new AppError('testimony.not_found');
  const { id, withdrawalCodeHash: codeHash, ...rest } = input;
  await recordTestimonyIn(ctx, trx, actor, rest, codeHash, { via: 'phone' }, id);
}

/** The rules of a new testimony inside the caller's transaction; the code's hash is all that is kept of it. */
async function recordTestimonyIn(
  ctx: AppContext, trx: Trx, actor: Actor, input: TestimonyCreate, codeHash: string, context: Record<string, unknown>, givenId?: string,
): Promise<string> {
  if (input.consent) checkConsent(input.consent);
  for (const l of input.links) {
    const exists = l.target === 'round' ? await roundExists(trx, l.id) : await targetExists(trx, l.target, l.id);
    if (!exists) throw new AppError('testimony.unknown_target');
  }
  const personId = await recordPseudonymousPerson(trx, { organisationId: actor.organisationId, pseudonym: input.pseudonym, minor: input.minor, createdBy: actor.userId });
  const { id } = await insertTestimony(trx, {
    id: givenId, organisationId: actor.organisationId, personId, language: input.language, givenOn: input.givenOn, accountEnc: seal(ctx.serverKey, input.account),
    quoteEnc: input.quote ? seal(ctx.serverKey, input.quote) : null, codeHash, createdBy: actor.userId,
  });
  for (const l of input.links) await insertLink(trx, { organisationId: actor.organisationId, testimonyId: id, target: l.target, targetId: l.id, linkedBy: actor.userId });
  if (input.consent) await writeConsent(trx, actor, id, input.consent);
  await recordAudit(trx, {
    organisationId: actor.organisationId, actorId: actor.userId, action: 'testimony.recorded', entityType: 'testimony', entityId: id,
    // The answers and the text version, never the account.
    after: { language: input.language, links: input.links.length, consent: input.consent ? { ...input.consent.answers, textVersion: input.consent.textVersion, shownIn: input.consent.shownIn } : null },
    context,
  });
  return id;
}

export async function listTestimonies(ctx: AppContext, actor: Actor, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const rows = await listTestimonyRows(trx, mayReadAll(actor) ? null : actor.userId);
    const consents = await currentConsents(trx, rows.map((r) => r.id));
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'testimony.listed', entityType: 'testimony', context: { ip, count: rows.length },
    });
    return rows.map((r) => presentSummary(r, answersFrom(consents, r.id)));
  });
}

export async function readTestimony(ctx: AppContext, actor: Actor, id: string, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await readable(trx, actor, id);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'testimony.read', entityType: 'testimony', entityId: id, context: { ip },
    });
    return loadTestimony(ctx, trx, row);
  });
}

/** Consent recorded (or changed) later, with the text shown then: a draft becomes usable once "kept" is yes. */
export async function recordConsent(ctx: AppContext, actor: Actor, id: string, consent: ConsentInput, ip: string) {
  checkConsent(consent);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await readable(trx, actor, id, true);
    if (row.withdrawn_at) throw new AppError('testimony.withdrawn');
    await writeConsent(trx, actor, id, consent);
    await touchTestimony(trx, id);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'testimony.consent_recorded', entityType: 'testimony', entityId: id,
      after: { ...consent.answers, textVersion: consent.textVersion, shownIn: consent.shownIn }, context: { ip },
    });
    return loadTestimony(ctx, trx, (await findTestimony(trx, id))!);
  });
}

/**
 * Withdrawal by the code on the card, by a staff member at the person's request (`actor`) or by
 * the person on the public page (`actor` null). Every purpose becomes no in the history, the
 * account and excerpt are erased, and since publications read quotes through the consent check,
 * every draft citing it loses the quote at once. A second withdrawal changes nothing.
 */
export async function withdrawByCode(ctx: AppContext, actor: Actor | null, code: string, ip: string) {
  const found = await inSystemTransaction(ctx.db, (trx) => testimonyByCodeHash(trx, withdrawalCodeHash(code)));
  // Same organisation for staff: a code from elsewhere is as unknown as a mistyped one.
  if (!found || (actor && actor.organisationId !== found.organisation_id)) throw new AppError('testimony.unknown_code');
  return inOrganisation(ctx.db, found.organisation_id, async (trx) => {
    const row = (await findTestimony(trx, found.id, true))!;
    const alreadyWithdrawn = row.withdrawn_at !== null;
    if (!alreadyWithdrawn) {
      await insertConsents(trx, CONSENT_PURPOSES.map((purpose) => ({
        organisationId: found.organisation_id, testimonyId: found.id, purpose, granted: false, textVersion: null, shownIn: null,
        via: 'code' as const, recordedBy: actor?.userId ?? null,
      })));
    }
    const { withdrawn_at } = await eraseWithdrawn(trx, found.id);
    await recordAudit(trx, {
      organisationId: found.organisation_id, actorId: actor?.userId ?? null, action: 'testimony.withdrawn', entityType: 'testimony', entityId: found.id,
      context: { ip, by: actor ? 'staff' : 'person', alreadyWithdrawn },
    });
    return { withdrawnAt: withdrawn_at!.toISOString(), alreadyWithdrawn };
  });
}

/** For the communication pole: the consented excerpts only (no pseudonym, no account, the month only). */
export async function listQuotableTestimonies(ctx: AppContext, actor: Actor, ip: string): Promise<QuotableTestimony[]> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const rows = await quotableRows(trx);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'testimony.quotes_listed', entityType: 'testimony', context: { ip, count: rows.length },
    });
    return rows.map((r) => ({ id: r.id, quote: open(ctx.serverKey, r.quote_enc!), language: r.language as QuotableTestimony['language'], givenIn: r.given_on.slice(0, 7) }));
  });
}

/**
 * The consent check every publication goes through: for each testimony id, its excerpt while
 * the person's consent to be kept and quoted anonymously holds, otherwise null (withdrawn,
 * never given, draft, no excerpt). Runs inside the caller's organisation transaction.
 */
export async function quotableTexts(ctx: AppContext, trx: Trx, testimonyIds: string[]): Promise<Map<string, string | null>> {
  const rows = await quotableRows(trx, testimonyIds);
  const texts = new Map<string, string | null>(testimonyIds.map((id) => [id, null]));
  for (const r of rows) texts.set(r.id, open(ctx.serverKey, r.quote_enc!));
  return texts;
}

/** One quote through the consent check, refused with a clear reason when it may not be used. */
export async function quotableText(ctx: AppContext, trx: Trx, testimonyId: string): Promise<string> {
  const text = (await quotableTexts(ctx, trx, [testimonyId])).get(testimonyId);
  if (!text) throw new AppError('testimony.not_quotable');
  return text;
}

