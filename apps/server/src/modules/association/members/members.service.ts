import { parisDate, type DonationInput, type MemberInput, type MembershipInput, type ReceiptSettingsInput } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import type { Executor } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import {
  contactExists, findMember, findSettings, insertDonation, insertMember, insertMembership, listDonations, listMembers, membershipOf, membershipsOf,
  receiptsFor, upsertSettings,
} from './members.queries.js';
import { presentDonation, presentMember, presentSettings } from './members.presenter.js';

/**
 * The member register, dues and gifts (issue 18, item 7), for those who run the association
 * (association.manage). Recorded payments are not edited: a mistake on a receipted payment is
 * corrected by cancelling its receipt (receipts.service.ts). Amounts of zero and dates to come
 * are refused with a clear message.
 */

function checkPayment(amountCents: number, on: string) {
  if (amountCents <= 0) throw new AppError('receipt.amount_zero');
  if (on > parisDate(new Date())) throw new AppError('payment.date_in_future');
}

export async function receiptSettings(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const s = await findSettings(trx);
    return { settings: s ? presentSettings(s) : null };
  });
}

export async function saveReceiptSettings(ctx: AppContext, actor: Actor, input: ReceiptSettingsInput, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    await upsertSettings(trx, {
      organisation_id: actor.organisationId, legal_name: input.legalName, address: input.address, postcode: input.postcode, city: input.city,
      registration: input.registration, purpose: input.purpose, status: input.status, tax_receipts_enabled: input.taxReceiptsEnabled,
      signatory_name: input.signatoryName, signatory_title: input.signatoryTitle, updated_by: actor.userId,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'receipt_settings.changed', entityType: 'organisation', entityId: actor.organisationId,
      after: input, context: { ip },
    });
    return { settings: presentSettings((await findSettings(trx))!) };
  });
}

export async function registerView(trx: Executor, q?: string) {
  const members = await listMembers(trx, q);
  const memberships = await membershipsOf(trx, members.map((m) => m.id));
  const donations = q ? [] : await listDonations(trx);
  const [duesReceipts, taxReceipts] = await Promise.all([
    receiptsFor(trx, 'membership_id', memberships.map((m) => m.id)), receiptsFor(trx, 'donation_id', donations.map((d) => d.id)),
  ]);
  return {
    members: members.map((m) => presentMember(m, memberships, duesReceipts)),
    donations: donations.map((d) => presentDonation(d, taxReceipts)),
  };
}

export async function membersRegister(ctx: AppContext, actor: Actor, q: string | undefined) {
  return inOrganisation(ctx.db, actor.organisationId, (trx) => registerView(trx, q?.trim() || undefined));
}

export async function addMember(ctx: AppContext, actor: Actor, input: MemberInput, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (input.contactId && !(await contactExists(trx, input.contactId))) throw new AppError('member.unknown_contact');
    const m = await insertMember(trx, {
      organisation_id: actor.organisationId, contact_id: input.contactId, full_name: input.fullName, address: input.address, postcode: input.postcode,
      city: input.city, email: input.email || null, joined_on: input.joinedOn, created_by: actor.userId,
    });
    // The audit entry names the member by id only: the register holds the personal data.
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'member.created', entityType: 'member', entityId: m.id,
      after: { joinedOn: input.joinedOn, contactId: input.contactId }, context: { ip },
    });
    return presentMember(m, [], []);
  });
}

export async function addMembership(ctx: AppContext, actor: Actor, memberId: string, input: MembershipInput, ip: string) {
  checkPayment(input.amountCents, input.paidOn);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const member = await findMember(trx, memberId);
    if (!member) throw new AppError('member.not_found');
    if (await membershipOf(trx, memberId, input.year)) throw new AppError('membership.duplicate_year', { year: input.year });
    const ms = await insertMembership(trx, {
      organisation_id: actor.organisationId, member_id: memberId, year: input.year, category: input.category, amount_cents: input.amountCents,
      paid_on: input.paidOn, method: input.method, created_by: actor.userId,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'membership.recorded', entityType: 'membership', entityId: ms.id,
      after: { memberId, ...input }, context: { ip },
    });
    const memberships = await membershipsOf(trx, [memberId]);
    return presentMember(member, memberships, await receiptsFor(trx, 'membership_id', memberships.map((x) => x.id)));
  });
}

export async function addDonation(ctx: AppContext, actor: Actor, input: DonationInput, ip: string) {
  checkPayment(input.amountCents, input.receivedOn);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (input.memberId && !(await findMember(trx, input.memberId))) throw new AppError('member.not_found');
    const d = await insertDonation(trx, {
      organisation_id: actor.organisationId, member_id: input.memberId, donor_kind: input.donorKind, donor_name: input.donorName,
      donor_address: input.donorAddress, donor_postcode: input.donorPostcode, donor_city: input.donorCity, amount_cents: input.amountCents,
      received_on: input.receivedOn, method: input.method, created_by: actor.userId,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'donation.recorded', entityType: 'donation', entityId: d.id,
      after: { memberId: input.memberId, donorKind: input.donorKind, amountCents: input.amountCents, receivedOn: input.receivedOn, method: input.method },
      context: { ip },
    });
    return presentDonation(d, []);
  });
}
