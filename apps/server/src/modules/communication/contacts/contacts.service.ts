import { z } from 'zod';
import {
  normaliseChannel, type ConsentEventInput, type ConsentStatus, type ContactFilter, type ContactInput, type LegalBasis,
} from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import {
  allLists, channelOwner, clearDoNotContact, consentHistory, contactChannels, deleteContact, doNotContactFlags, findContact,
  insertConsentEvent, insertContact, insertInteraction, interactions, latestConsentByList, moveContactData, replaceChannels, searchContacts,
  setDoNotContact, updateContact, type ContactRowValues,
} from './contacts.queries.js';
import { presentContact, presentContactSummary } from './contacts.presenter.js';
import { forgetInMail, mailSentTo, moveMailRecords } from '../mailings/mail-records.js';

/**
 * The contacts registry: save, search, read, the consent ledger, do-not-contact flags, the
 * timeline, and a person's rights (export, erasure). Reads of one contact are audited; the
 * erasure's audit entry names the contact's id only, never what was erased.
 */

const emailCheck = z.email();

/** Channels checked and normalised; a duplicate of another contact's channel is refused by name. */
export async function checkedChannels(trx: Trx, input: ContactInput['channels'], exceptContactId?: string) {
  const seen = new Set<string>();
  const out: Array<{ kind: string; value: string; normalised: string; label: string | null }> = [];
  for (const ch of input) {
    const normalised = normaliseChannel(ch.kind, ch.value);
    if (ch.kind === 'email' && !emailCheck.safeParse(normalised).success) throw new AppError('contact.invalid_email', { value: ch.value });
    if (ch.kind === 'phone' && !/^\+?\d{6,15}$/.test(normalised)) throw new AppError('contact.invalid_phone', { value: ch.value });
    const key = `${ch.kind}:${normalised}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const owner = await channelOwner(trx, ch.kind, normalised, exceptContactId);
    if (owner) throw new AppError('contact.duplicate_channel', { value: ch.value, name: owner.display_name, contactId: owner.id });
    out.push({ kind: ch.kind, value: ch.value.trim(), normalised, label: ch.label ?? null });
  }
  return out;
}

function rowValues(input: ContactInput): ContactRowValues {
  const person = input.kind === 'person';
  return {
    kind: input.kind, display_name: input.displayName, employer_id: person ? input.employerId ?? null : null,
    organisation_type: person ? null : input.organisationType ?? null, job_title: input.jobTitle ?? null, beat: input.beat ?? null,
    languages: [...new Set(input.languages)], roles: [...new Set(input.roles)], tags: [...new Set(input.tags)], notes: input.notes ?? null,
    source: input.source ?? null,
  };
}

async function checkEmployer(trx: Trx, employerId: string | null | undefined) {
  if (!employerId) return;
  const employer = await findContact(trx, employerId);
  if (!employer || employer.kind !== 'organisation') throw new AppError('contact.unknown_employer');
}

/** Saves a new contact inside a transaction (also used by the CSV import). */
export async function insertCheckedContact(trx: Trx, actor: Actor, input: ContactInput) {
  await checkEmployer(trx, input.employerId);
  const channels = await checkedChannels(trx, input.channels);
  const { id } = await insertContact(trx, actor.organisationId, actor.userId, rowValues(input));
  await replaceChannels(trx, actor.organisationId, id, channels);
  return id;
}

export async function createContact(ctx: AppContext, actor: Actor, input: ContactInput, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const id = await insertCheckedContact(trx, actor, input);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'contact.created', entityType: 'contact', entityId: id, context: { ip },
    });
    return loadContact(trx, id);
  });
}

export async function changeContact(ctx: AppContext, actor: Actor, id: string, input: ContactInput, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (!(await findContact(trx, id, true))) throw new AppError('contact.not_found');
    if (input.employerId === id) throw new AppError('contact.unknown_employer');
    await checkEmployer(trx, input.employerId);
    const channels = await checkedChannels(trx, input.channels, id);
    await updateContact(trx, id, rowValues(input));
    await replaceChannels(trx, actor.organisationId, id, channels);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'contact.changed', entityType: 'contact', entityId: id, context: { ip },
    });
    return loadContact(trx, id);
  });
}

export async function findContacts(ctx: AppContext, actor: Actor, filter: ContactFilter) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => (await searchContacts(trx, filter)).map(presentContactSummary));
}

export async function loadContact(trx: Trx, id: string) {
  const row = await findContact(trx, id);
  if (!row) throw new AppError('contact.not_found');
  const flags = await doNotContactFlags(trx, id);
  const latest = new Map((await latestConsentByList(trx, id)).map((r) => [r.list_id, r.status as ConsentStatus]));
  const globalObjection = latest.get(null) && latest.get(null) !== 'granted' ? latest.get(null)! : null;
  const memberOf = await trx.selectFrom('contact_list_members').select('list_id').where('contact_id', '=', id).execute();
  const lists = (await allLists(trx))
    .filter((l) => latest.has(l.id) || memberOf.some((m) => m.list_id === l.id))
    .map((l) => ({ id: l.id, name: l.name, legalBasis: l.legal_basis as LegalBasis, status: globalObjection ?? latest.get(l.id) ?? null }));
  return presentContact(row, {
    channels: await contactChannels(trx, id), flags, consents: await consentHistory(trx, id), timeline: await interactions(trx, id), lists,
  });
}

export async function readContact(ctx: AppContext, actor: Actor, id: string, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const view = await loadContact(trx, id);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'contact.read', entityType: 'contact', entityId: id, context: { ip },
    });
    return view;
  });
}

/** Appends to the consent ledger (never edits it): the latest event is the status. */
export async function recordConsent(ctx: AppContext, actor: Actor, id: string, input: ConsentEventInput, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (!(await findContact(trx, id, true))) throw new AppError('contact.not_found');
    if (input.listId && !(await trx.selectFrom('contact_lists').select('id').where('id', '=', input.listId).executeTakeFirst())) {
      throw new AppError('contact_list.not_found');
    }
    const ev = await insertConsentEvent(trx, {
      organisationId: actor.organisationId, contactId: id, listId: input.listId ?? null, channel: input.channel, status: input.status,
      method: input.method, formVersion: input.formVersion ?? null, formText: input.formText ?? null, note: input.note ?? null, recordedBy: actor.userId,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'contact.consent_recorded', entityType: 'contact', entityId: id,
      after: { eventId: ev.id, listId: input.listId ?? null, channel: input.channel, status: input.status, method: input.method }, context: { ip },
    });
    return loadContact(trx, id);
  });
}

export async function changeDoNotContact(ctx: AppContext, actor: Actor, id: string, input: { channel: string; reason: string | null }, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (!(await findContact(trx, id, true))) throw new AppError('contact.not_found');
    if (input.reason) await setDoNotContact(trx, actor.organisationId, id, input.channel, input.reason, actor.userId);
    else await clearDoNotContact(trx, id, input.channel);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: input.reason ? 'contact.do_not_contact_set' : 'contact.do_not_contact_cleared',
      entityType: 'contact', entityId: id, after: { channel: input.channel, reason: input.reason }, context: { ip },
    });
    return loadContact(trx, id);
  });
}

export async function addInteraction(ctx: AppContext, actor: Actor, id: string, input: { kind: string; summary: string; occurredAt?: string | undefined }, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (!(await findContact(trx, id, true))) throw new AppError('contact.not_found');
    await insertInteraction(trx, {
      organisationId: actor.organisationId, contactId: id, kind: input.kind, summary: input.summary,
      ...(input.occurredAt && { occurredAt: new Date(input.occurredAt) }), recordedBy: actor.userId,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'contact.interaction_added', entityType: 'contact', entityId: id, context: { ip },
    });
    return loadContact(trx, id);
  });
}

/** Right of access and portability: everything held about the contact, audited as an export. */
export async function exportContact(ctx: AppContext, actor: Actor, id: string, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const contact = await loadContact(trx, id);
    const deliveries = await mailSentTo(trx, id);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'contact.exported', entityType: 'contact', entityId: id, context: { ip },
    });
    return {
      exportedAt: new Date().toISOString(), contact,
      deliveries: deliveries.map((d) => ({ subject: d.subject, status: d.status, sentAt: d.sent_at?.toISOString() ?? null })),
    };
  });
}

/**
 * Right to erasure: the contact, its channels, ledger, flags, list memberships and timeline are
 * deleted; its addresses disappear from past deliveries and the suppression list. The audit
 * entry records that an erasure happened, by whom and when, and nothing of what was erased.
 */
export async function eraseContact(ctx: AppContext, actor: Actor, id: string, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (!(await findContact(trx, id, true))) throw new AppError('contact.not_found');
    const emails = (await contactChannels(trx, id)).filter((c) => c.kind === 'email').map((c) => c.normalised);
    await forgetInMail(trx, id, emails);
    await deleteContact(trx, id);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'contact.erased', entityType: 'contact', entityId: id, context: { ip },
    });
  });
}

/**
 * Two records of the same person or organisation become one: the duplicate's channels, lists,
 * consent history, flags, timeline and deliveries move to the contact kept, whose empty fields
 * it fills (roles, tags and languages are joined; notes are put end to end), then it is deleted.
 * Audited on the contact kept with the duplicate's id and name.
 */
export async function mergeContacts(ctx: AppContext, actor: Actor, keepId: string, duplicateId: string, ip: string) {
  if (keepId === duplicateId) throw new AppError('contact.merge_same');
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const keep = await findContact(trx, keepId, true);
    const dup = await findContact(trx, duplicateId, true);
    if (!keep || !dup) throw new AppError('contact.not_found');
    if (keep.kind !== dup.kind) throw new AppError('contact.merge_kind_mismatch');
    const notes = [keep.notes, dup.notes].filter(Boolean).join('\n\n').slice(0, 10000) || null;
    await updateContact(trx, keepId, {
      kind: keep.kind, display_name: keep.display_name, employer_id: keep.employer_id ?? (dup.employer_id === keepId ? null : dup.employer_id),
      organisation_type: keep.organisation_type ?? dup.organisation_type, job_title: keep.job_title ?? dup.job_title, beat: keep.beat ?? dup.beat,
      languages: [...new Set([...keep.languages, ...dup.languages])], roles: [...new Set([...keep.roles, ...dup.roles])],
      tags: [...new Set([...keep.tags, ...dup.tags])], notes, source: keep.source ?? dup.source,
    });
    await moveMailRecords(trx, duplicateId, keepId);
    const moved = await moveContactData(trx, keepId, duplicateId);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'contact.merged', entityType: 'contact', entityId: keepId,
      before: { duplicateId, duplicateName: dup.display_name }, after: moved, context: { ip },
    });
    return loadContact(trx, keepId);
  });
}
