import { createHash } from 'node:crypto';
import { parisDate } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import type { Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { findDonation, findMembership, findReceipt, findSettings, insertReceipt, nextReceiptNumber, receiptsFor } from './members.queries.js';
import { presentReceipt } from './members.presenter.js';
import { receiptPdf, RECEIPT_TEMPLATE_VERSION, type ReceiptDocument } from './receipt-pdf.js';

/**
 * Numbered receipts (issue 18, item 7). A receipt takes the next number of its series for the
 * year of issue (Paris time) in the issuing transaction: numbers follow each other and never
 * repeat. The PDF is made once, stored as issued, and its SHA-256 written to the hash-chained
 * audit trail; the table refuses any change. A mistake is corrected by a cancellation — a receipt
 * of its own, numbered, naming the one it cancels — and a new receipt.
 */
const PREFIX = { dues: 'COT', tax: 'DON' } as const;
type Series = keyof typeof PREFIX;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function settingsFor(trx: Trx, series: Series) {
  const settings = await findSettings(trx);
  if (!settings) throw new AppError('receipt.settings_missing');
  // Tax receipts only when the organisation says it is eligible (a setting checked by its board).
  if (series === 'tax' && !settings.tax_receipts_enabled) throw new AppError('receipt.tax_not_eligible');
  return settings;
}

/** Numbers, typesets, stores and audits one receipt; returns its summary. */
async function issue(
  trx: Trx, actor: Actor, ip: string, series: Series, build: (reference: string) => ReceiptDocument,
  row: { membership_id?: string; donation_id?: string; cancels_id?: string; reason?: string; payer_name: string; amount_cents: number },
) {
  const settings = await settingsFor(trx, series);
  const issuedAt = new Date();
  const year = Number(parisDate(issuedAt).slice(0, 4));
  const number = await nextReceiptNumber(trx, actor.organisationId, series, year);
  const reference = `${PREFIX[series]}-${year}-${String(number).padStart(4, '0')}`;
  const pdf = receiptPdf(build(reference), settings, issuedAt);
  const pdfSha256 = sha256(pdf);
  const kind = row.cancels_id ? 'cancellation' : 'receipt';
  const { id } = await insertReceipt(trx, {
    organisation_id: actor.organisationId, series, year, number, reference, kind, membership_id: row.membership_id ?? null, donation_id: row.donation_id ?? null,
    cancels_id: row.cancels_id ?? null, reason: row.reason ?? '', payer_name: row.payer_name, amount_cents: row.amount_cents, issued_by: actor.userId,
    issued_at: issuedAt, pdf, pdf_sha256: pdfSha256,
  });
  await recordAudit(trx, {
    organisationId: actor.organisationId, actorId: actor.userId, action: kind === 'receipt' ? 'receipt.issued' : 'receipt.cancelled', entityType: 'receipt', entityId: id,
    after: { series, reference, kind, cancelsId: row.cancels_id ?? null, amountCents: row.amount_cents, pdfSha256, template: RECEIPT_TEMPLATE_VERSION },
    context: { ip },
  });
  return id;
}

/** A payment has at most one receipt in force: another is issued only once the first is cancelled. */
async function refuseSecond(trx: Trx, column: 'membership_id' | 'donation_id', id: string) {
  const receipts = await receiptsFor(trx, column, [id]);
  if (receipts.some((r) => r.kind === 'receipt' && !r.cancelled_by)) throw new AppError('receipt.already_issued');
}

async function summary(trx: Trx, id: string) {
  const r = (await findReceipt(trx, id))!;
  const { pdf: _pdf, ...rest } = r;
  return presentReceipt(rest);
}

export async function issueDuesReceipt(ctx: AppContext, actor: Actor, membershipId: string, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const ms = await findMembership(trx, membershipId, true);
    if (!ms) throw new AppError('membership.not_found');
    await refuseSecond(trx, 'membership_id', ms.id);
    const payer = { name: ms.full_name, address: ms.address, postcode: ms.postcode, city: ms.city };
    const id = await issue(trx, actor, ip, 'dues', (reference) => ({
      kind: 'dues', reference, payer, amountCents: ms.amount_cents, paidOn: ms.paid_on, method: ms.method, year: ms.year, category: ms.category,
    }), { membership_id: ms.id, payer_name: ms.full_name, amount_cents: ms.amount_cents });
    return summary(trx, id);
  });
}

export async function issueTaxReceipt(ctx: AppContext, actor: Actor, donationId: string, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const d = await findDonation(trx, donationId, true);
    if (!d) throw new AppError('donation.not_found');
    await refuseSecond(trx, 'donation_id', d.id);
    const payer = { name: d.donor_name, address: d.donor_address, postcode: d.donor_postcode, city: d.donor_city };
    const id = await issue(trx, actor, ip, 'tax', (reference) => ({
      kind: 'tax', reference, payer, donorKind: d.donor_kind as 'person' | 'company', amountCents: d.amount_cents, receivedOn: d.received_on, method: d.method,
    }), { donation_id: d.id, payer_name: d.donor_name, amount_cents: d.amount_cents });
    return summary(trx, id);
  });
}

export async function cancelReceipt(ctx: AppContext, actor: Actor, receiptId: string, reason: string, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const r = await findReceipt(trx, receiptId);
    if (!r) throw new AppError('receipt.not_found');
    if (r.kind === 'cancellation') throw new AppError('receipt.cancellation_final');
    if (r.cancelled_by) throw new AppError('receipt.already_cancelled', { reference: r.reference });
    const series = r.series as Series;
    const payer = series === 'dues'
      ? await findMembership(trx, r.membership_id!, true).then((m) => ({ name: m!.full_name, address: m!.address, postcode: m!.postcode, city: m!.city }))
      : await findDonation(trx, r.donation_id!, true).then((d) => ({ name: d!.donor_name, address: d!.donor_address, postcode: d!.donor_postcode, city: d!.donor_city }));
    const id = await issue(trx, actor, ip, series, (reference) => ({
      kind: 'cancellation', reference, cancelled: r.reference, series, payer, amountCents: r.amount_cents, reason,
    }), { membership_id: r.membership_id ?? undefined, donation_id: r.donation_id ?? undefined, cancels_id: r.id, reason, payer_name: r.payer_name, amount_cents: r.amount_cents })
      .catch((e: unknown) => {
        // Two cancellations at once: the unique index on cancels_id lets one through.
        if ((e as { code?: string }).code === '23505') throw new AppError('receipt.already_cancelled', { reference: r.reference });
        throw e;
      });
    return summary(trx, id);
  });
}

/** The PDF exactly as issued; each download is audited (it carries a name and an address). */
export async function receiptFile(ctx: AppContext, actor: Actor, id: string, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const r = await findReceipt(trx, id);
    if (!r) throw new AppError('receipt.not_found');
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'receipt.downloaded', entityType: 'receipt', entityId: id,
      context: { ip, pdfSha256: r.pdf_sha256 },
    });
    return { pdf: r.pdf, fileName: `recu-${r.reference}.pdf` };
  });
}
