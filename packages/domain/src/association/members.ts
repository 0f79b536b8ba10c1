import { z } from 'zod';
import { DONOR_KINDS, MEMBERSHIP_CATEGORIES, PAYMENT_METHODS, RECEIPT_SERIES, RECEIPT_STATUSES } from './members-vocabulary.js';

/**
 * Members and dues (issue 18, item 7): the member register, memberships (dues) per year, gifts,
 * and numbered receipts — a dues receipt, and for gifts, when the organisation is eligible, the
 * tax receipt with the content of form CERFA 11580 (articles 200, 238 bis of the tax code).
 * Receipts are never altered: a cancellation is a receipt of its own.
 */
const text = (max: number) => z.string().trim().max(max);

/** An amount in cents: a receipt for zero is refused by the service with a clear message. */
const cents = z.number().int().min(0).max(100_000_000);

export const receiptSettingsInputSchema = z.strictObject({
  legalName: text(200).min(1), address: text(300).min(1), postcode: z.string().trim().regex(/^[0-9]{5}$/), city: text(120).min(1),
  registration: text(60).default(''), purpose: text(600).min(1), status: z.enum(RECEIPT_STATUSES), taxReceiptsEnabled: z.boolean(),
  signatoryName: text(120).min(1), signatoryTitle: text(120).min(1),
});
export type ReceiptSettingsInput = z.infer<typeof receiptSettingsInputSchema>;
export const receiptSettingsViewSchema = receiptSettingsInputSchema.extend({ registration: z.string() });
export type ReceiptSettingsView = z.infer<typeof receiptSettingsViewSchema>;

export const memberInputSchema = z.strictObject({
  fullName: text(200).min(1), address: text(300).default(''), postcode: text(10).default(''), city: text(120).default(''),
  email: z.union([z.email().max(320), z.literal('')]).default(''), joinedOn: z.iso.date(), contactId: z.uuid().nullable().default(null),
});
export type MemberInput = z.infer<typeof memberInputSchema>;

export const membershipInputSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100), category: z.enum(MEMBERSHIP_CATEGORIES), amountCents: cents, paidOn: z.iso.date(),
  method: z.enum(PAYMENT_METHODS),
});
export type MembershipInput = z.infer<typeof membershipInputSchema>;

export const donationInputSchema = z.strictObject({
  memberId: z.uuid().nullable().default(null), donorKind: z.enum(DONOR_KINDS), donorName: text(200).min(1), donorAddress: text(300).min(1),
  donorPostcode: text(10).min(1), donorCity: text(120).min(1), amountCents: cents, receivedOn: z.iso.date(), method: z.enum(PAYMENT_METHODS),
});
export type DonationInput = z.infer<typeof donationInputSchema>;

export const receiptCancelInputSchema = z.strictObject({ reason: text(500).min(1) });

export const receiptViewSchema = z.object({
  id: z.uuid(), series: z.enum(RECEIPT_SERIES), reference: z.string(), kind: z.enum(['receipt', 'cancellation']), cancelsId: z.string().nullable(),
  cancelledBy: z.string().nullable(), reason: z.string(), payerName: z.string(), amountCents: z.number(), issuedAt: z.string(), pdfSha256: z.string(),
});
export type ReceiptView = z.infer<typeof receiptViewSchema>;

export const membershipViewSchema = z.object({
  id: z.uuid(), year: z.number(), category: z.enum(MEMBERSHIP_CATEGORIES), amountCents: z.number(), paidOn: z.string(), method: z.enum(PAYMENT_METHODS),
  receipts: z.array(receiptViewSchema),
});
export type MembershipView = z.infer<typeof membershipViewSchema>;

export const memberViewSchema = z.object({
  id: z.uuid(), fullName: z.string(), address: z.string(), postcode: z.string(), city: z.string(), email: z.string(), joinedOn: z.string(),
  contactId: z.string().nullable(), memberships: z.array(membershipViewSchema),
});
export type MemberView = z.infer<typeof memberViewSchema>;

export const donationViewSchema = z.object({
  id: z.uuid(), memberId: z.string().nullable(), donorKind: z.enum(DONOR_KINDS), donorName: z.string(), donorAddress: z.string(), donorPostcode: z.string(),
  donorCity: z.string(), amountCents: z.number(), receivedOn: z.string(), method: z.enum(PAYMENT_METHODS), receipts: z.array(receiptViewSchema),
});
export type DonationView = z.infer<typeof donationViewSchema>;

export const membersRegisterSchema = z.object({ members: z.array(memberViewSchema), donations: z.array(donationViewSchema) });
export type MembersRegisterView = z.infer<typeof membersRegisterSchema>;

/**
 * Renewal reminders: a membership runs for its calendar year; when enabled, a member whose latest
 * membership ends within `daysBefore` days (and who has none for the next year) is mailed once.
 */
export const membershipReminderSettingsSchema = z.strictObject({ enabled: z.boolean(), daysBefore: z.number().int().min(1).max(120) });
export type MembershipReminderSettings = z.infer<typeof membershipReminderSettingsSchema>;
