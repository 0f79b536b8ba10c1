import { z } from 'zod';
import type { PaymentMethod } from './members-vocabulary.js';

/**
 * Dues and gifts from a payment platform's export (issue 18, item 7: "an import of a payment
 * platform's CSV export with a dry run"). HelloAsso, the platform French associations use, exports
 * its payments as French Excel writes CSV: ';' between cells, amounts with a decimal comma
 * ("1 234,50 €"), dates as dd/mm/yyyy with the time. Each row carries the platform's payment
 * reference, which makes the import idempotent: a reference already recorded is shown as already
 * imported and never recorded twice. The cells are read here, pure; the service plans and commits.
 */
export const PAYMENT_IMPORT_OUTCOMES = ['dues', 'gift', 'already_imported', 'duplicate_in_file', 'refused'] as const;
export type PaymentImportOutcome = (typeof PAYMENT_IMPORT_OUTCOMES)[number];

/** The columns the import reads; each header of the export (or of a hand-made file) maps to one. */
export type PaymentImportField = 'reference' | 'date' | 'amount' | 'kind' | 'status' | 'method' | 'lastName' | 'firstName' | 'email'
  | 'address' | 'postcode' | 'city' | 'company';

/** The headers HelloAsso's exports use (payments, orders, memberships) and plain French and English names. */
export const PAYMENT_IMPORT_HEADERS: Record<PaymentImportField, readonly string[]> = {
  reference: ['Référence paiement', 'Numéro de paiement', 'Référence du paiement', 'Référence commande', 'Numéro de commande', 'Référence', 'Numéro', 'Payment id', 'Id'],
  date: ['Date du paiement', 'Date de paiement', 'Date de la commande', 'Date', 'Payment date'],
  amount: ['Montant', 'Montant du paiement', 'Montant payé', 'Montant (€)', 'Montant tarif', 'Montant total', 'Amount'],
  kind: ['Type', 'Type de paiement', 'Type de campagne', 'Type de formulaire', 'Nature', 'Kind'],
  status: ['Statut', 'Statut du paiement', 'Statut de la commande', 'État', 'Status'],
  method: ['Moyen de paiement', 'Mode de paiement', 'Payment method'],
  lastName: ['Nom payeur', 'Nom du payeur', 'Nom adhérent', 'Nom', 'Last name'],
  firstName: ['Prénom payeur', 'Prénom du payeur', 'Prénom adhérent', 'Prénom', 'First name'],
  email: ['Email payeur', 'E-mail payeur', 'Email', 'E-mail', 'Adresse e-mail', 'Courriel'],
  address: ['Adresse payeur', 'Adresse', 'Address'],
  postcode: ['Code postal payeur', 'Code Postal', 'Code postal', 'Postcode'],
  city: ['Ville payeur', 'Ville', 'Commune', 'City'],
  company: ['Raison sociale', 'Société', 'Company'],
};

/** A header as compared: accents, case, spaces and punctuation ignored. */
export const headerKey = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');

/** Which field each header of the file is (null: ignored); the first header naming a field wins. */
export function mapPaymentHeaders(headers: readonly string[]): Array<PaymentImportField | null> {
  const known = new Map<string, PaymentImportField>();
  for (const [field, names] of Object.entries(PAYMENT_IMPORT_HEADERS) as Array<[PaymentImportField, readonly string[]]>) {
    for (const n of names) if (!known.has(headerKey(n))) known.set(headerKey(n), field);
  }
  const taken = new Set<PaymentImportField>();
  return headers.map((h) => {
    const f = known.get(headerKey(h)) ?? null;
    if (!f || taken.has(f)) return null;
    taken.add(f);
    return f;
  });
}

/** "1 234,50 €", "20,00", "20.5", "20" → cents; null when it is not an amount of money. */
export function readEuroAmount(value: string): number | null {
  const v = value.replace(/[\s\u00a0\u202f]/g, '').replace(/(€|EUR)$/i, '').replace(/^(€|EUR)/i, '');
  const m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:[.,](\d{1,2}))?$/.exec(v);
  if (!m) return null;
  const euros = Number(m[1]!.replace(/\./g, ''));
  const cents = m[2] ? Number(m[2].padEnd(2, '0')) : 0;
  return euros * 100 + cents;
}

/** "15/03/2026", "15/03/2026 14:02(:33)", "2026-03-15" → "2026-03-15"; null for anything else or a day that does not exist. */
export function readPaymentDate(value: string): string | null {
  const v = value.trim();
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(v);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+Z?)?$/.exec(v);
  const [y, m, d] = fr ? [fr[3]!, fr[2]!, fr[1]!] : iso ? [iso[1]!, iso[2]!, iso[3]!] : [];
  if (!y) return null;
  const day = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const t = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== day ? null : day;
}

/** Dues or a gift, from the row's type ("Adhésion", "Cotisation", "Don", "Donation"…); null when neither. */
export function readPaymentKind(value: string): 'dues' | 'gift' | null {
  const k = headerKey(value);
  if (/adhesion|cotisation|membership|dues/.test(k)) return 'dues';
  if (/^don|donation|gift/.test(k)) return 'gift';
  return null;
}

/** Only money actually received is recorded: a refused, refunded, pending or cancelled payment is not. */
export function paymentStatusAccepted(value: string): boolean {
  const k = headerKey(value);
  return k === '' || ['valide', 'validee', 'autorise', 'autorisee', 'paye', 'payee', 'effectue', 'encaisse', 'authorized', 'paid', 'processed', 'succeeded']
    .includes(k);
}

/** HelloAsso's and plain words for how the money came; a platform's payment is by card unless it says otherwise. */
export function readPaymentMethod(value: string): PaymentMethod | null {
  const k = headerKey(value);
  if (k === '' || /carte|card|cb|visa|mastercard/.test(k)) return 'card';
  if (/prelevement|sepa|directdebit/.test(k)) return 'direct_debit';
  if (/virement|transfer/.test(k)) return 'transfer';
  if (/cheque/.test(k)) return 'cheque';
  if (/especes|cash/.test(k)) return 'cash';
  return null;
}

export const paymentImportQuerySchema = z.object({
  fileName: z.string().trim().min(1).max(255).default('paiements.csv'),
  /** Whose export it is: kept with each recorded payment's reference (HelloAsso by default). */
  platform: z.string().trim().regex(/^[a-z0-9-]{2,30}$/).default('helloasso'),
});

const problemView = z.object({ column: z.string(), code: z.string(), value: z.string(), message: z.string() });
export const paymentImportReportSchema = z.object({
  rowCount: z.number().int(),
  committed: z.boolean(),
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  counts: z.object({
    dues: z.number().int(), gift: z.number().int(), already_imported: z.number().int(), duplicate_in_file: z.number().int(), refused: z.number().int(),
    newMembers: z.number().int(), totalCents: z.number().int(),
  }),
  rows: z.array(z.object({
    line: z.number().int(), reference: z.string(), outcome: z.enum(PAYMENT_IMPORT_OUTCOMES), payerName: z.string(), email: z.string(),
    amountCents: z.number().int().nullable(), date: z.string().nullable(),
    /** Who the row is recorded for: an existing member, a new member made from a contact of that address, or a new member. */
    match: z.object({ kind: z.enum(['member', 'contact', 'new_member', 'none']), name: z.string() }),
    /** For a reference already imported: what it was recorded as. */
    sameAsLine: z.number().int().nullable(),
    problems: z.array(problemView),
  })),
});
export type PaymentImportReport = z.infer<typeof paymentImportReportSchema>;
