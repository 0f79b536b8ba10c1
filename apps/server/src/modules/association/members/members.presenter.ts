import type { DonationView, MemberView, MembershipView, ReceiptSettingsView, ReceiptView } from '@vigie/domain';
import type { DonationRow, MemberRow, MembershipRow, ReceiptSummaryRow, SettingsRow } from './members.queries.js';

export const presentSettings = (s: SettingsRow): ReceiptSettingsView => ({
  legalName: s.legal_name, address: s.address, postcode: s.postcode, city: s.city, registration: s.registration, purpose: s.purpose,
  status: s.status as ReceiptSettingsView['status'], taxReceiptsEnabled: s.tax_receipts_enabled, signatoryName: s.signatory_name, signatoryTitle: s.signatory_title,
});

export const presentReceipt = (r: ReceiptSummaryRow): ReceiptView => ({
  id: r.id, series: r.series as ReceiptView['series'], reference: r.reference, kind: r.kind as ReceiptView['kind'], cancelsId: r.cancels_id,
  cancelledBy: r.cancelled_by, reason: r.reason, payerName: r.payer_name, amountCents: r.amount_cents, issuedAt: r.issued_at.toISOString(), pdfSha256: r.pdf_sha256,
});

export const presentMembership = (m: MembershipRow, receipts: ReceiptSummaryRow[]): MembershipView => ({
  id: m.id, year: m.year, category: m.category as MembershipView['category'], amountCents: m.amount_cents, paidOn: m.paid_on,
  method: m.method as MembershipView['method'], receipts: receipts.filter((r) => r.membership_id === m.id).map(presentReceipt),
});

export const presentMember = (m: MemberRow, memberships: MembershipRow[], receipts: ReceiptSummaryRow[]): MemberView => ({
  id: m.id, fullName: m.full_name, address: m.address, postcode: m.postcode, city: m.city, email: m.email ?? '', joinedOn: m.joined_on, contactId: m.contact_id,
  memberships: memberships.filter((x) => x.member_id === m.id).map((x) => presentMembership(x, receipts)),
});

export const presentDonation = (d: DonationRow, receipts: ReceiptSummaryRow[]): DonationView => ({
  id: d.id, memberId: d.member_id, donorKind: d.donor_kind as DonationView['donorKind'], donorName: d.donor_name, donorAddress: d.donor_address,
  donorPostcode: d.donor_postcode, donorCity: d.donor_city, amountCents: d.amount_cents, receivedOn: d.received_on, method: d.method as DonationView['method'],
  receipts: receipts.filter((r) => r.donation_id === d.id).map(presentReceipt),
});
